"""Where the apply journey keeps answers not yet sent, and who is sending them.

A signed-in person's answers are a draft in the database, so they can save and come back
from any device. A service anyone may use without an account
(``ServiceDeclaration.sign_in_required`` False, e.g. reporting illegal employment) keeps a
visitor's answers in their browser session instead: they go when the session does, which
is what someone who gave us no account expects, and the case belongs to no account.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request

from casework import drafts
from casework.declaration import ServiceDeclaration
from casework.references import normalise_reference
from casework.workflow import Actor
from portal.auth import citizen_actor, current_person_id, require_person

# request.session keys: unsent answers by service, and references this browser sent
# without signing in (so it, and only it, may see their confirmation pages).
UNSIGNED_DRAFTS = "unsigned_drafts"
SENT_WITHOUT_ACCOUNT = "sent_without_account"
# Enough for anyone reporting more than once in a sitting; the oldest is forgotten first.
REMEMBER_SENT = 10

NOT_SIGNED_IN = "Not signed in"


def person(request: Request, service: ServiceDeclaration) -> int | None:
    """The signed-in person, or None for a visitor on a service that needs no account.

    Anywhere else, someone not signed in is sent to sign in (``require_person``)."""
    person_id = current_person_id(request)
    if person_id is None and service.sign_in_required:
        return require_person(request)
    return person_id


def actor(request: Request, person_id: int | None) -> Actor:
    if person_id is None:
        return Actor(kind="citizen", label=NOT_SIGNED_IN)
    return citizen_actor(request)


def _unsigned(request: Request, service: ServiceDeclaration) -> dict[str, Any]:
    stored = request.session.get(UNSIGNED_DRAFTS, {}).get(service.slug)
    if stored is None:
        stored = {"answers": {}, "submission_key": str(uuid.uuid4())}
        _keep(request, service, stored)
    return stored


def _keep(request: Request, service: ServiceDeclaration, stored: dict[str, Any] | None) -> None:
    # A new dict each time, so the session middleware sees the change.
    all_drafts = dict(request.session.get(UNSIGNED_DRAFTS, {}))
    if stored is None:
        all_drafts.pop(service.slug, None)
    else:
        all_drafts[service.slug] = stored
    request.session[UNSIGNED_DRAFTS] = all_drafts


def answers(
    session: Session, request: Request, service: ServiceDeclaration, person_id: int | None
) -> dict[str, Any]:
    if person_id is None:
        return dict(_unsigned(request, service)["answers"])
    return dict(drafts.get_or_create(session, person_id, service.slug).answers)


def save(
    session: Session,
    request: Request,
    service: ServiceDeclaration,
    person_id: int | None,
    values: dict[str, Any],
) -> None:
    if person_id is None:
        stored = _unsigned(request, service)
        _keep(request, service, {**stored, "answers": {**stored["answers"], **values}})
        return
    drafts.update(drafts.get_or_create(session, person_id, service.slug), values)


def submission_key(
    session: Session, request: Request, service: ServiceDeclaration, person_id: int | None
) -> str:
    if person_id is None:
        return str(_unsigned(request, service)["submission_key"])
    return drafts.get_or_create(session, person_id, service.slug).submission_key


def discard(
    session: Session, request: Request, service: ServiceDeclaration, person_id: int | None
) -> None:
    if person_id is None:
        _keep(request, service, None)
        return
    drafts.discard(session, person_id, service.slug)


def remember_sent(request: Request, reference: str) -> None:
    sent = [ref for ref in request.session.get(SENT_WITHOUT_ACCOUNT, []) if ref != reference]
    request.session[SENT_WITHOUT_ACCOUNT] = [*sent, reference][-REMEMBER_SENT:]


def sent_here(request: Request, reference: str) -> bool:
    """Whether this browser sent the case without signing in."""
    return normalise_reference(reference) in request.session.get(SENT_WITHOUT_ACCOUNT, [])
