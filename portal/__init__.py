"""The web channel: citizen and provider pages, sign-in, the JSON API and the app factory."""
