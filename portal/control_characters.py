"""Control characters, refused where a request meets the portal.

PostgreSQL refuses a NUL in text, so one reaching a query is a 500; other control
characters are never meant in an answer either. The checks here are shared: the JSON API
applies them route by route (``portal.api.control_characters``, to answer in its own error
shape), and ``ControlCharacterMiddleware`` applies them once for everything else (pages,
the back office, Notify's callbacks): the path, the query string, form fields and JSON
bodies. Tabs and line breaks are allowed in bodies, where a long answer may carry them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.templating import render

# Every C0 control and DEL, for addresses and query strings.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The same less tab, line feed and carriage return, for text in a body.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def in_address(text: str) -> bool:
    """True if a path or query string part carries any control character."""
    return bool(_ANY_CONTROL.search(text))


def in_text(text: str) -> bool:
    """True if body text carries a control character other than tab or a line break."""
    return bool(_CONTROL_IN_TEXT.search(text))


def in_json(data: Any) -> tuple[list[str], bool]:
    """The paths (``a.0.b``, or ``body``) of strings with a control character, in the order
    the body gave them, and whether a field name carries one."""
    found: list[str] = []
    # A stack, not recursion: a body nested just under json's own limit must not overflow.
    # Items go on in reverse, so paths come out in the order the body gave them.
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            if in_text(node):
                found.append(".".join(path) or "body")
        elif isinstance(node, dict):
            if any(in_text(str(key)) for key in node):
                return found, True
            stack.extend((value, (*path, str(key))) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(
                (value, (*path, str(index))) for index, value in reversed(list(enumerate(node)))
            )
    return found, False


# --- The edge, for every route but the API's ------------------------------------------

API_PREFIX = "/api/"
JSON_ANSWERED = "/notifications/callbacks/"
# Bodies bigger than this are not read here: the handlers refuse them (portal.csrf).
MAX_CHECKED_BODY = 12 * 1024 * 1024
REFUSED = "The request must not include control characters, such as a null character"

_FORM = "application/x-www-form-urlencoded"
_MULTIPART = "multipart/form-data"


def _media_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return value.decode("latin-1").split(";")[0].strip().lower()
    return ""


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length" and value.isdigit():
            return int(value)
    return None


def _pairs_have_control(pairs: Iterable[tuple[str, str]]) -> bool:
    return any(in_text(name) or in_text(value) for name, value in pairs)


async def _multipart_has_control(scope: Scope, body: bytes) -> bool:
    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(scope, replay).form(max_files=1000, max_fields=1000)
    except Exception:  # noqa: BLE001 - a malformed form is the handler's to refuse
        return False
    try:
        for name, value in form.multi_items():
            if in_text(name):
                return True
            text = value.filename or "" if isinstance(value, UploadFile) else value
            if in_text(text):
                return True
        return False
    finally:
        await form.close()


async def _body_has_control(scope: Scope, media_type: str, body: bytes) -> bool:
    if media_type == _FORM:
        text = body.decode("utf-8", "replace")
        return _pairs_have_control(parse_qsl(text, keep_blank_values=True))
    if media_type == _MULTIPART:
        return await _multipart_has_control(scope, body)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False  # the handler answers a body it cannot read
    found, bad_name = in_json(data)
    return bool(found) or bad_name


class ControlCharacterMiddleware:
    """Answers 400 to a request with a control character in its path, its query string or
    its form or JSON body, before any handler (or database) sees it. The API is left to its
    own checks, which answer in its error shape."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        if in_address(scope["path"]) or _pairs_have_control(
            parse_qsl(query, keep_blank_values=True)
        ):
            await self._refuse(scope, receive, send)
            return

        media_type = _media_type(scope)
        declared = _declared_length(scope)
        checked = media_type in (_FORM, _MULTIPART) or _is_json(media_type)
        if not checked or (declared is not None and declared > MAX_CHECKED_BODY):
            await self.app(scope, receive, send)
            return

        chunks: list[Message] = []
        size = 0
        more = True
        while more:
            message = await receive()
            chunks.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            more = message.get("more_body", False)
            if size > MAX_CHECKED_BODY:
                break
        complete = not more and chunks[-1]["type"] == "http.request"
        if complete:
            body = b"".join(m.get("body", b"") for m in chunks)
            if await _body_has_control(scope, media_type, body):
                await self._refuse(scope, receive, send)
                return

        async def replay() -> Message:
            return chunks.pop(0) if chunks else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response: Response
        if scope["path"].startswith(JSON_ANSWERED):
            response = JSONResponse({"error": REFUSED}, status_code=400)
        else:
            response = render(Request(scope, receive), "errors/400.html", {"message": REFUSED}, 400)
        await response(scope, receive, send)
