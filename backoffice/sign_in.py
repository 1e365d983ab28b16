"""Officers sign in with an email address and password, and sign out with a POST."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice import two_factor
from backoffice.pages import HOME, page
from casework import accounts, db
from casework.sessions import credential_stamp
from casework.settings import get_settings
from portal import auth, sign_in_limits
from portal.auth import current_officer, safe_next, sign_in_officer
from portal.csrf import checked_form

TEMPLATE = "backoffice/sign_in.html"
# One message whatever went wrong (unknown address, wrong password, locked or disabled
# account, too many tries from this client), so the page never tells anyone which
# addresses belong to officers or which are locked.
FAILED = "Enter a correct email address and password"


def _form(request: Request, values: dict, errors: dict, next_path: str, status: int) -> Response:
    context = {
        "values": values,
        "errors": errors,
        "next": next_path,
        "lockout_minutes": get_settings().officer_lockout_minutes,
        "failed": errors.get("email") == FAILED,
    }
    return page(request, TEMPLATE, context, officer=None, status_code=status)


async def sign_in(request: Request) -> Response:
    if request.method == "GET":
        next_path = safe_next(request.query_params.get("next"), HOME)
        if current_officer(request) is not None:
            return RedirectResponse(next_path, status_code=303)
        return _form(request, {}, {}, next_path, 200)

    form = await checked_form(request)
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    next_path = safe_next(str(form.get("next") or ""), HOME)
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"  # noqa: S105 - a message, not a secret
    signed_in: tuple[int, str] | None = None
    second_factor: str | None = None
    if not errors:
        refused = sign_in_limits.officer_client_refused(request)
        # Committed even on failure: the failed-attempt count drives the lockout.
        with db.transaction() as session:
            officer = accounts.authenticate_officer(session, email, password, refused=refused)
            if officer is not None:
                signed_in = (officer.id, credential_stamp(officer))
                second_factor = accounts.second_factor_step(officer)
        if signed_in is None:
            if not refused:
                sign_in_limits.record_officer_failure(request)
            errors["email"] = FAILED
    if signed_in is None:
        # The password is never sent back into the page.
        return _form(request, {"email": email}, errors, next_path, 400)
    if second_factor is not None:
        # Not signed in yet: the security code (or setting one up) comes first.
        return two_factor.begin(request, *signed_in, second_factor, next_path)
    sign_in_officer(request, *signed_in)
    return RedirectResponse(next_path, status_code=303)


async def sign_out(request: Request) -> Response:
    await checked_form(request)
    auth.sign_out(request)
    request.session["flash"] = {"title": "Signed out", "text": "You have signed out.", "type": None}
    return RedirectResponse("/backoffice/sign-in", status_code=303)


async def signed_out(request: Request) -> Response:
    """Where a session that timed out is sent: say why before asking to sign in again."""
    next_path = safe_next(request.query_params.get("next"), HOME)
    context = {
        "minutes": get_settings().officer_session_idle_minutes,
        "sign_in_url": f"/backoffice/sign-in?next={quote(next_path)}",
    }
    return page(request, "backoffice/signed_out.html", context, officer=None)


routes = [
    Route("/sign-in", sign_in, methods=["GET", "POST"]),
    Route("/sign-out", sign_out, methods=["POST"]),
    Route("/signed-out", signed_out, methods=["GET"]),
    # The security code that follows the password, and setting one up.
    *two_factor.routes,
]
