"""Refusing control characters where the API meets the outside world, in its own error shape.

PostgreSQL refuses a NUL in text, so one reaching a query is a 500; other control
characters are never meant in an answer either. They are refused once, here, for every
API route: in the path, the query string and the JSON body. Tabs and line breaks are
allowed in the body, where a transcript or a long answer may carry them. The checks
themselves are shared with the rest of the portal (``portal.control_characters``).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from portal import control_characters as shared
from portal.api.errors import ApiError, InvalidAnswers

IN_ADDRESS = "The web address must not include control characters, such as a null character"
IN_QUERY = "The query string must not include control characters, such as a null character"
IN_NAME = "Field names must not include control characters, such as a null character"
IN_ANSWER = "Answer must not include control characters, such as a null character"


def check_request(request: Request) -> None:
    """ApiError 400 if the path or the query string carries a control character."""
    if any(shared.in_address(str(value)) for value in request.path_params.values()):
        raise ApiError(400, IN_ADDRESS)
    if any(
        shared.in_address(name) or shared.in_address(value)
        for name, value in request.query_params.multi_items()
    ):
        raise ApiError(400, IN_QUERY)


def check_json(data: Any) -> None:
    """InvalidAnswers (422) naming each answer with a control character, by its path in the
    body; ApiError 400 for one in a field name, which has no path to report it by."""
    found, bad_name = shared.in_json(data)
    if bad_name:
        raise ApiError(400, IN_NAME)
    if found:
        raise InvalidAnswers(dict.fromkeys(found, IN_ANSWER))
