"""CSRF protection for every form: a per-session token in a hidden field.

Handlers read their form through ``checked_form``, so a post without the right token
never reaches them. htmx sends the same token in a header.
"""

from __future__ import annotations

import secrets

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from casework.security import constant_time_equal

SESSION_KEY = "csrf"
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
# Uploads are small documents; anything bigger is refused before it is read into memory.
MAX_FORM_BYTES = 12 * 1024 * 1024


def token(request: Request) -> str:
    if "session" not in request.scope:
        return ""
    value = request.session.get(SESSION_KEY)
    if not value:
        value = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = value
    return value


async def checked_form(request: Request) -> FormData:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_FORM_BYTES:
        raise HTTPException(413, "The file must be smaller than 10MB")
    try:
        form = await request.form(max_files=5, max_fields=200)
    except Exception as exc:  # a malformed body is the sender's mistake, not ours
        raise HTTPException(400, "The form could not be read") from exc
    expected = request.session.get(SESSION_KEY, "")
    given = str(form.get(FIELD) or request.headers.get(HEADER) or "")
    if not expected or not given or not constant_time_equal(expected, given):
        raise HTTPException(403, "Your session has expired or the form was not sent from this site")
    return form
