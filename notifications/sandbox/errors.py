"""Notify's v2 error responses: ``{"status_code": ..., "errors": [{"error", "message"}]}``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse


class NotifyError(Exception):
    def __init__(self, status_code: int, errors: list[dict[str, str]]) -> None:
        super().__init__(errors[0]["message"] if errors else "")
        self.status_code = status_code
        self.errors = errors

    def to_dict(self) -> dict[str, object]:
        return {"status_code": self.status_code, "errors": self.errors}


def auth_error(status_code: int, message: str) -> NotifyError:
    return NotifyError(status_code, [{"error": "AuthError", "message": message}])


def bad_request(message: str) -> NotifyError:
    return NotifyError(400, [{"error": "BadRequestError", "message": message}])


def validation_error(messages: list[str]) -> NotifyError:
    # Notify reports every schema problem at once, each as its own ValidationError.
    unique = list(dict.fromkeys(messages))
    return NotifyError(400, [{"error": "ValidationError", "message": m} for m in unique])


def no_result_found() -> NotifyError:
    return NotifyError(404, [{"error": "NoResultFound", "message": "No result found"}])


async def handle_notify_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NotifyError)
    return JSONResponse(exc.to_dict(), status_code=exc.status_code)


async def handle_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Notify clients parse every error as JSON; a plain-text 500 would hide the real fault
    # behind a decoding error in the caller. The traceback is still logged by Starlette.
    body = {
        "status_code": 500,
        "errors": [{"error": "Exception", "message": "Internal server error"}],
    }
    return JSONResponse(body, status_code=500)
