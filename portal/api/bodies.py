"""Reading JSON request bodies safely and writing JSON answers, for every API route.

A bad body is the client's fault, so it is a 4xx with a plain message, never a 500.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse

from casework.fields import errors_from
from portal.api.control_characters import check_json
from portal.api.errors import ApiError, InvalidAnswers

__all__ = ["ApiError", "InvalidAnswers", "answer", "error", "field_errors", "json_object", "read"]

# Far more than any application needs (ten people on a form is a few kilobytes), small
# enough that nobody can make a worker hold a large body in memory.
MAX_BODY_BYTES = 256 * 1024

M = TypeVar("M", bound=BaseModel)


def read(model: type[M], data: Any) -> M:
    """``data`` checked by ``model``, or InvalidAnswers with the model's GOV.UK messages."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidAnswers(errors_from(exc)) from None


def answer(
    body: BaseModel | dict[str, Any],
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    content = body.model_dump(mode="json", by_alias=True) if isinstance(body, BaseModel) else body
    # Answers carry case details and depend on the caller's token: never cache them.
    return JSONResponse(
        content, status_code=status_code, headers={"Cache-Control": "no-store", **(headers or {})}
    )


def error(status_code: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return answer({"error": message}, status_code, headers)


def field_errors(errors: dict[str, str]) -> JSONResponse:
    return answer({"errors": errors}, 422)


async def json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object, or ApiError 400/413/415 (InvalidAnswers for control
    characters in its text)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type and media_type != "application/json" and not media_type.endswith("+json"):
        raise ApiError(415, "Send the request body as JSON, with Content-Type: application/json")

    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, _too_large())
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ApiError(413, _too_large())
        chunks.append(chunk)
    raw = b"".join(chunks)

    if not raw.strip():
        raise ApiError(400, "Send a JSON object in the request body")
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise ApiError(400, "The request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The request body must be a JSON object")
    check_json(data)
    return data


def _reject_constant(name: str) -> Any:
    # NaN and Infinity are not JSON, whatever Python's parser allows.
    raise ValueError(f"{name} is not allowed")


def _too_large() -> str:
    return f"The request body must be {MAX_BODY_BYTES // 1024} KB or smaller"
