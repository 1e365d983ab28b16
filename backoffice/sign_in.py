"""Officers sign in with an email address and password, and sign out with a POST."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.pages import HOME, page
from casework import accounts, db
from portal.auth import current_officer, safe_next, sign_in_officer
from portal.csrf import checked_form

TEMPLATE = "backoffice/sign_in.html"
# One message whatever went wrong (unknown address, wrong password, locked or disabled
# account), so the page never tells anyone which addresses belong to officers.
FAILED = "Enter a correct email address and password"


async def sign_in(request: Request) -> Response:
    if request.method == "GET":
        next_path = safe_next(request.query_params.get("next"), HOME)
        if current_officer(request) is not None:
            return RedirectResponse(next_path, status_code=303)
        context = {"values": {}, "errors": {}, "next": next_path}
        return page(request, TEMPLATE, context, officer=None)

    form = await checked_form(request)
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    next_path = safe_next(str(form.get("next") or ""), HOME)
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"  # noqa: S105 - a message, not a secret
    officer_id = None
    if not errors:
        # Committed even on failure: the failed-attempt count drives the lockout.
        with db.transaction() as session:
            officer = accounts.authenticate_officer(session, email, password)
            officer_id = officer.id if officer else None
        if officer_id is None:
            errors["email"] = FAILED
    if officer_id is None:
        # The password is never sent back into the page.
        context = {"values": {"email": email}, "errors": errors, "next": next_path}
        return page(request, TEMPLATE, context, officer=None, status_code=400)
    sign_in_officer(request, officer_id)
    return RedirectResponse(next_path, status_code=303)


async def sign_out(request: Request) -> Response:
    await checked_form(request)
    request.session.clear()
    request.session["flash"] = {"title": "Signed out", "text": "You have signed out.", "type": None}
    return RedirectResponse("/backoffice/sign-in", status_code=303)


routes = [
    Route("/sign-in", sign_in, methods=["GET", "POST"]),
    Route("/sign-out", sign_out, methods=["POST"]),
]
