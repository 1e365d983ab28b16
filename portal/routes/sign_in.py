"""Citizens sign in with their email address and a 6-digit code sent by Notify."""

from __future__ import annotations

from urllib.parse import quote

from pydantic_core import PydanticCustomError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import accounts, db
from casework.fields import email_address
from casework.settings import get_settings
from portal import auth, sign_in_limits
from portal.auth import safe_next, sign_in_person
from portal.csrf import checked_form
from portal.templating import render

PENDING_EMAIL_KEY = "sign_in_email"
PENDING_NEXT_KEY = "sign_in_next"


async def start(request: Request) -> Response:
    if request.method == "GET":
        next_path = safe_next(request.query_params.get("next"), "/account/applications")
        request.session[PENDING_NEXT_KEY] = next_path
        return render(request, "portal/sign_in/email.html", {"values": {}, "errors": {}})
    form = await checked_form(request)
    raw = str(form.get("email", ""))
    try:
        email = email_address(raw)
    except PydanticCustomError as exc:
        errors = {"email": exc.message()}
        return render(
            request,
            "portal/sign_in/email.html",
            {"values": {"email": raw}, "errors": errors},
            status_code=400,
        )
    wait = sign_in_limits.code_request_wait(request, email)
    if wait > 0:
        minutes = sign_in_limits.wait_in_minutes(wait)
        unit = "minute" if minutes == 1 else "minutes"
        errors = {
            "email": "You have asked for too many security codes. "
            f"Wait {minutes} {unit} and try again"
        }
        response = render(
            request,
            "portal/sign_in/email.html",
            {"values": {"email": raw}, "errors": errors},
            status_code=429,
        )
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    with db.transaction() as session:
        # Same answer whether or not we know the address: only its owner reads the email.
        accounts.send_sign_in_code(session, email)
    request.session[PENDING_EMAIL_KEY] = email.lower()
    return RedirectResponse("/sign-in/code", status_code=303)


async def code(request: Request) -> Response:
    email = request.session.get(PENDING_EMAIL_KEY)
    if not email:
        return RedirectResponse("/sign-in", status_code=303)
    if request.method == "GET":
        return render(request, "portal/sign_in/code.html", {"email": email, "errors": {}})
    form = await checked_form(request)
    entered = "".join(str(form.get("code", "")).split())
    error = None
    if not entered:
        error = "Enter the security code"
    elif not entered.isdigit() or len(entered) != 6:
        error = "The security code must be 6 numbers"
    person_id = None
    if error is None:
        with db.transaction() as session:
            result = accounts.verify_sign_in_code(session, email, entered)
            person_id = result.person.id if result.person else None
        error = result.error
    if error or person_id is None:
        return render(
            request,
            "portal/sign_in/code.html",
            {"email": email, "errors": {"code": error}},
            status_code=400,
        )
    next_path = request.session.get(PENDING_NEXT_KEY, "/account/applications")
    sign_in_person(request, person_id, email)
    return RedirectResponse(safe_next(next_path, "/account/applications"), status_code=303)


async def sign_out(request: Request) -> Response:
    await checked_form(request)
    auth.sign_out(request)
    return RedirectResponse("/", status_code=303)


async def signed_out(request: Request) -> Response:
    """Where a session that timed out is sent: the GOV.UK "you have been signed out" page."""
    next_path = safe_next(request.query_params.get("next"), "/account/applications")
    context = {
        "minutes": get_settings().citizen_session_idle_minutes,
        "sign_in_url": f"/sign-in?next={quote(next_path)}",
    }
    return render(request, "portal/sign_in/signed_out.html", context)


routes = [
    Route("/sign-in", start, methods=["GET", "POST"]),
    Route("/sign-in/code", code, methods=["GET", "POST"]),
    Route("/sign-out", sign_out, methods=["POST"]),
    Route("/signed-out", signed_out, methods=["GET"]),
]
