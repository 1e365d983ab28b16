"""Who is signed in: citizens (by email code) and officers (by password).

Who owns a session is kept with it on the server (``portal.sessions``), never taken from
anything the browser sends but the session id.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request

from casework import db
from casework.accounts import officer_actor
from casework.sessions import Identity
from casework.workflow import Actor
from portal import sessions

PERSON_KEY = "person_id"
PERSON_EMAIL_KEY = "person_email"
OFFICER_KEY = "officer"


class SignInRequired(Exception):
    def __init__(self, location: str) -> None:
        self.location = location


def current_person_id(request: Request) -> int | None:
    return sessions.identity(request).person_id


def _timed_out(request: Request, kind: str) -> bool:
    return sessions.ended(request) == ("idle", kind)


def require_person(request: Request) -> int:
    person_id = current_person_id(request)
    if person_id is None:
        target = quote(request.url.path)
        if _timed_out(request, "citizen"):
            # The GOV.UK pattern: say why they were signed out, not just ask them to sign in.
            raise SignInRequired(f"/signed-out?next={target}")
        raise SignInRequired(f"/sign-in?next={target}")
    return person_id


def citizen_actor(request: Request) -> Actor:
    return Actor(
        kind="citizen",
        id=require_person(request),
        label=request.session.get(PERSON_EMAIL_KEY, "Citizen"),
    )


def sign_in_person(request: Request, person_id: int, email: str) -> None:
    # A fresh session on sign-in: nothing set before it (e.g. by an attacker) survives, and
    # the id the browser had before is no longer valid.
    sessions.begin(request, Identity(person_id=person_id))
    request.session[PERSON_KEY] = person_id
    request.session[PERSON_EMAIL_KEY] = email


def current_officer(request: Request) -> Actor | None:
    """The signed-in officer, read afresh so a removed role or account takes effect now."""
    officer_id = sessions.identity(request).officer_id
    if not officer_id:
        return None
    if "officer_actor" not in request.state._state:
        with db.transaction() as session:
            request.state.officer_actor = officer_actor(session, officer_id)
    return request.state.officer_actor


def sign_in_officer(request: Request, officer_id: int, credential_stamp: str) -> None:
    """``credential_stamp`` (``casework.sessions.credential_stamp``) ties the session to the
    password it was opened with: a new password ends it."""
    sessions.begin(request, Identity(officer_id=officer_id, credential_stamp=credential_stamp))
    request.session[OFFICER_KEY] = officer_id


def sign_out(request: Request) -> None:
    """End the session on the server: every copy of its cookie stops working."""
    sessions.end(request)


def require_officer(request: Request, service: str | None = None) -> Actor:
    officer = current_officer(request)
    if officer is None:
        target = quote(request.url.path)
        if _timed_out(request, "officer"):
            raise SignInRequired(f"/backoffice/signed-out?next={target}")
        raise SignInRequired(f"/backoffice/sign-in?next={target}")
    if service is not None and not officer.may_work_on(service):
        raise HTTPException(403, "You do not have access to this service")
    return officer


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: never redirect somewhere an attacker chose."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
