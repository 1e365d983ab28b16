"""Refusing control characters where the API meets the outside world.

PostgreSQL refuses a NUL in text, so one reaching a query is a 500; other control
characters are never meant in an answer either. They are refused once, here, for every
route: in the path, the query string and the JSON body. Tabs and line breaks are allowed
in the body, where a transcript or a long answer may carry them.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request

from portal.api.errors import ApiError, InvalidAnswers

# Every C0 control and DEL, for addresses and query strings.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The same less tab, line feed and carriage return, for JSON text.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

IN_ADDRESS = "The web address must not include control characters, such as a null character"
IN_QUERY = "The query string must not include control characters, such as a null character"
IN_NAME = "Field names must not include control characters, such as a null character"
IN_ANSWER = "Answer must not include control characters, such as a null character"


def check_request(request: Request) -> None:
    """ApiError 400 if the path or the query string carries a control character."""
    if any(_ANY_CONTROL.search(str(value)) for value in request.path_params.values()):
        raise ApiError(400, IN_ADDRESS)
    if any(
        _ANY_CONTROL.search(name) or _ANY_CONTROL.search(value)
        for name, value in request.query_params.multi_items()
    ):
        raise ApiError(400, IN_QUERY)


def check_json(data: Any) -> None:
    """InvalidAnswers (422) naming each answer with a control character, by its path in the
    body; ApiError 400 for one in a field name, which has no path to report it by."""
    errors: dict[str, str] = {}
    _walk(data, errors)
    if errors:
        raise InvalidAnswers(errors)


def _walk(data: Any, errors: dict[str, str]) -> None:
    # A stack, not recursion: a body nested just under json's own limit must not overflow.
    # Items go on in reverse, so errors come out in the order the body gave them.
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            if _CONTROL_IN_TEXT.search(node):
                errors[".".join(path) or "body"] = IN_ANSWER
        elif isinstance(node, dict):
            if any(_CONTROL_IN_TEXT.search(key) for key in node):
                raise ApiError(400, IN_NAME)
            stack.extend((value, (*path, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(
                (value, (*path, str(index))) for index, value in reversed(list(enumerate(node)))
            )
