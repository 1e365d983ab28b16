"""The JSON API, version 1, for the assistant and partners."""
