"""Local stand-ins for external services, for development and tests."""
