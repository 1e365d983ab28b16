"""Demo data for a local run: an employer with a permit being decided and a permit granted,
and an officer authorised to grant permits.

Sign in as ``employer@northshire.example`` (the sign-in code arrives in the local Notify
sandbox) to see both applications and download the granted permit. The officer with the
role ``child-employment`` prepares cases; ``child-employment-authoriser@northshire.example``
grants or refuses them (a statutory decision needs a second, authorised officer).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import applications, parties, security
from casework.clocks import today
from casework.models import Case, Officer, Person
from casework.workflow import SYSTEM, Actor, apply_transition, authoriser_role

EMPLOYER = "employer@northshire.example"
SLUG = "child-employment"
AUTHORISER = (
    f"{SLUG}-authoriser@northshire.example",
    f"demo-{SLUG}-authoriser-password",
    [SLUG, authoriser_role(SLUG)],
)
CONSENT = {"details_correct": "yes", "fit_to_work": "yes", "consent": "yes"}


def _officer(session: Session, email: str, name: str, roles: list[str], password: str) -> Actor:
    found = session.scalars(select(Officer).where(Officer.email == email)).first()
    if found is None:
        found = Officer(
            email=email, name=name, password_hash=security.hash_password(password), roles=roles
        )
        session.add(found)
        session.flush()
    return Actor(kind="officer", label=found.name, id=found.id, roles=frozenset(found.roles))


def _employer(session: Session) -> Person:
    person = session.scalars(select(Person).where(Person.email == EMPLOYER)).first()
    if person is None:
        person = Person(email=EMPLOYER)
        session.add(person)
        session.flush()
    return person


def _answers(session: Session, child: tuple[str, str], start_in_days: int) -> dict[str, Any]:
    from casework.services.child_employment import samples

    answers = samples.application(session)
    return answers | {
        "business_name": "Walker's Newsagents",
        "first_name": "Kim",
        "last_name": "Walker",
        "email": EMPLOYER,
        "child_first_name": child[0],
        "child_last_name": child[1],
        "parent_first_name": "Chris",
        "parent_last_name": child[1],
        "parent_email": f"{child[0].lower()}.{child[1].lower()}.parent@example.com",
        "start_date": (today() + timedelta(days=start_in_days)).isoformat(),
    }


def _apply_and_consent(session: Session, person: Person, answers: dict[str, Any]) -> Case:
    from casework.services.child_employment.declaration import CHILD_EMPLOYMENT
    from casework.services.child_employment.parent import PARENT

    case, _ = applications.submit(
        session,
        CHILD_EMPLOYMENT,
        CHILD_EMPLOYMENT.validate(session, answers),
        channel="web",
        actor=SYSTEM,
        applicant_id=person.id,
    )
    (request,) = parties.requests(session, case.id)
    consent = PARENT.step.model.model_validate(CONSENT)
    parties.answer(session, parties.Found(request, case, PARENT, CHILD_EMPLOYMENT), consent)
    return case


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    """The employer's two applications (once), and the authorised officer's login."""
    from casework.services.child_employment.declaration import CHILD_EMPLOYMENT

    email, password, roles = AUTHORISER
    authoriser = _officer(session, email, "Sunita Rao", roles, password)
    person = _employer(session)
    has_some = session.scalars(
        select(Case.id).where(Case.applicant_id == person.id, Case.service == SLUG)
    ).first()
    if has_some is not None:
        return [AUTHORISER]
    # With an officer: the parent has consented; the job starts in 10 days.
    _apply_and_consent(session, person, _answers(session, ("Ella", "Brooks"), 10))
    # Granted: prepared by the service's officer, granted by the authorised one.
    preparer = _officer(
        session, f"{SLUG}@northshire.example", "Tom Evans", [SLUG], f"demo-{SLUG}-password"
    )
    case = _apply_and_consent(session, person, _answers(session, ("Josh", "Reid"), 3))
    apply_transition(session, CHILD_EMPLOYMENT, case.id, "recommend_grant", preparer)
    apply_transition(session, CHILD_EMPLOYMENT, case.id, "grant", authoriser)
    return [AUTHORISER]
