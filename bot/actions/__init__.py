"""The assistant's custom actions. They ask the portal's JSON API for every fact they state."""
