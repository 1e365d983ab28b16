"""Officers' second factor: the security code from an authenticator app (TOTP).

After a right password, an officer who has set up a code is asked for it, and an
administrator who has not is sent to set one up, before the session is signed in. Until
then the browser holds only an anonymous session that remembers whose password was right
(``PENDING_KEY``): no back-office page lets it in, since ``require_officer`` sees nobody;
only the code page, the set-up page and sign-out read it. Other officers may set up a code
from the "Security code" page in the navigation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import segno
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.pages import HOME, page
from casework import accounts, db
from casework import sessions as store
from casework.sessions import Identity
from casework.settings import get_settings
from casework.workflow import Actor
from portal import sessions, sign_in_limits
from portal.auth import current_officer, require_officer, sign_in_officer
from portal.csrf import checked_form

CODE_URL = "/backoffice/sign-in/security-code"
SET_UP_URL = "/backoffice/security-code"
PENDING_KEY = "officer_pending"
# Long enough to fetch a phone and install an app, short enough that a forgotten, half
# signed-in browser is soon of no use.
PENDING_MINUTES = 15

MISSING = "Enter the security code"
MALFORMED = "The security code must be 6 numbers"
# One message whatever went wrong (wrong, already used, account locked, too many tries
# from this client), as on the password page.
WRONG = "Enter a correct security code"


@dataclass(frozen=True)
class Pending:
    """A browser whose officer has given the right password and has a code still to give."""

    officer_id: int
    stamp: str
    step: str  # "code" or "set-up" (``accounts.second_factor_step``)
    next_path: str


def begin(request: Request, officer_id: int, stamp: str, step: str, next_path: str) -> Response:
    """Hold the sign-in half done and send the browser to the code (or set-up) page."""
    # A fresh, anonymous session id: nothing from before the password survives it.
    sessions.begin(request, Identity())
    until = store.now() + timedelta(minutes=PENDING_MINUTES)
    request.session[PENDING_KEY] = {
        "officer_id": officer_id,
        "stamp": stamp,
        "step": step,
        "next": next_path,
        "until": until.timestamp(),
    }
    return RedirectResponse(CODE_URL if step == "code" else SET_UP_URL, status_code=303)


def pending(request: Request, step: str) -> Pending | None:
    held = request.session.get(PENDING_KEY)
    if not isinstance(held, dict) or held.get("step") != step:
        return None
    if not isinstance(held.get("until"), int | float) or held["until"] <= store.now().timestamp():
        request.session.pop(PENDING_KEY, None)
        return None
    return Pending(int(held["officer_id"]), str(held["stamp"]), step, str(held["next"]))


def _finish(request: Request, held: Pending) -> Response:
    # sign_in_officer starts yet another session id, without the pending state.
    sign_in_officer(request, held.officer_id, held.stamp)
    return RedirectResponse(held.next_path, status_code=303)


def _code(raw: object) -> tuple[str, str | None]:
    """The code as typed (spaces and dashes allowed, as apps show them), and any error."""
    code = re.sub(r"[\s-]", "", str(raw or ""))
    if not code:
        return code, MISSING
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return code, MALFORMED
    return code, None


def _check(
    request: Request, officer_id: int, code: str, held: Pending | None, setting_up: bool
) -> bool:
    """Check a code; while signing in, a wrong one counts against the client and account."""
    refused = held is not None and sign_in_limits.officer_client_refused(request)
    # Committed even on failure: the failed-attempt count drives the lockout.
    with db.transaction() as session:
        officer = accounts.verify_officer_code(
            session,
            officer_id,
            code,
            stamp=held.stamp if held else None,
            setting_up=setting_up,
            refused=refused,
        )
        accepted = officer is not None
    if not accepted and held is not None and not refused:
        sign_in_limits.record_officer_failure(request)
    return accepted


def _error_context(errors: dict[str, str]) -> dict:
    return {
        "errors": errors,
        "failed": errors.get("code") == WRONG,
        "lockout_minutes": get_settings().officer_lockout_minutes,
    }


# --- Signing in: the code after the password ------------------------------------------


async def enter_code(request: Request) -> Response:
    held = pending(request, "code")
    if held is None:
        return RedirectResponse("/backoffice/sign-in", status_code=303)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = await checked_form(request)
        code, error = _code(form.get("code"))
        if error is None:
            if _check(request, held.officer_id, code, held, setting_up=False):
                return _finish(request, held)
            error = WRONG
        errors["code"] = error
    status = 400 if errors else 200
    template = "backoffice/sign_in_code.html"
    return page(request, template, _error_context(errors), officer=None, status_code=status)


# --- Setting up a code ------------------------------------------------------------------


def _qr_code(uri: str) -> Markup:
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, light="#fff", title="QR code to add the key to an authenticator app"
    )
    # Our own markup from segno, holding only the key's URI: safe to place in the page.
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704


def _grouped(secret: str) -> str:
    """The key in blocks of 4, as authenticator apps accept it typed."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _subject(request: Request) -> tuple[int, Actor | None, Pending | None]:
    """Whose code is set up: the signed-in officer's, or a half signed-in administrator's."""
    officer = current_officer(request)
    if officer is not None and officer.id is not None:
        return int(officer.id), officer, None
    held = pending(request, "set-up")
    if held is None:
        require_officer(request)  # raises: off to sign in, then back here
        raise AssertionError("unreachable")
    return held.officer_id, None, held


def _set_up_page(
    request: Request, officer_id: int, officer: Actor | None, errors: dict[str, str]
) -> Response:
    with db.transaction() as session:
        set_up = accounts.totp_set_up(session, officer_id)
    if set_up is None:
        return page(request, "backoffice/security_code_done.html", {}, officer=officer)
    context = {
        **_error_context(errors),
        "required": officer is None,
        "qr_code": _qr_code(set_up.uri),
        "secret": _grouped(set_up.secret),
        "uri": set_up.uri,
    }
    status = 400 if errors else 200
    return page(
        request, "backoffice/security_code.html", context, officer=officer, status_code=status
    )


async def set_up(request: Request) -> Response:
    officer_id, officer, held = _subject(request)
    if request.method == "GET":
        return _set_up_page(request, officer_id, officer, {})
    form = await checked_form(request)
    code, error = _code(form.get("code"))
    if error is None:
        if _check(request, officer_id, code, held, setting_up=True):
            if held is not None:
                return _finish(request, held)
            request.session["flash"] = {
                "title": "Success",
                "text": "Your security code is set up. You will need it each time you sign in.",
                "type": "success",
            }
            return RedirectResponse(HOME, status_code=303)
        error = WRONG
    return _set_up_page(request, officer_id, officer, {"code": error})


routes = [
    Route("/sign-in/security-code", enter_code, methods=["GET", "POST"]),
    Route("/security-code", set_up, methods=["GET", "POST"]),
]
