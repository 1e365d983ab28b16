"""The two ways the API tells a client it got something wrong.

Handlers raise these; the route wrapper (``portal.api.routing``) turns them into answers,
so no handler builds an error response by hand.
"""

from __future__ import annotations


class ApiError(Exception):
    """A client error answered as ``{"error": message}``."""

    def __init__(
        self, status_code: int, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.headers = headers or {}


class InvalidAnswers(Exception):
    """Answers that need correcting, answered 422 as ``{"errors": {path: message}}``."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors
