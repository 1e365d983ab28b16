"""Demo data for a local run: a producer with a licence application in progress, and an
officer authorised to grant licences.

Sign in as ``producer@northshire.example`` (the sign-in code arrives in the local Notify
sandbox) to see the application waiting for its documents, and upload them. An officer
with the role ``performance-licences`` checks it and recommends; the granting officer,
``performance-licences-authoriser@northshire.example``, decides (a statutory decision
needs a second, authorised officer).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import applications, parties, security
from casework.clocks import today
from casework.models import Case, Officer, Person
from casework.services.chaperones.register import lookup
from casework.workflow import SYSTEM, authoriser_role

PRODUCER = "producer@northshire.example"
SLUG = "performance-licences"
AUTHORISER = (
    f"{SLUG}-authoriser@northshire.example",
    f"demo-{SLUG}-authoriser-password",
    [SLUG, authoriser_role(SLUG)],
)
# An approved demo chaperone (casework.services.chaperones.demo), named when it is there.
DEMO_CHAPERONE = ("CH-2026-0001", "Grace", "Okonkwo", date(1979, 4, 12))


def _producer(session: Session) -> Person:
    person = session.scalars(select(Person).where(Person.email == PRODUCER)).first()
    if person is None:
        person = Person(email=PRODUCER)
        session.add(person)
        session.flush()
    return person


def _answers(session: Session) -> dict:
    from casework.services.performance_licences import samples

    answers = samples.application(session, first_day=today() + timedelta(days=30))
    answers |= {
        "first_name": "Jo",
        "last_name": "Fielding",
        "email": PRODUCER,
        "company_name": "Northshire Youth Theatre Productions",
        "production_name": "Oliver!",
        "child_part": "Plays one of the workhouse boys: sings in the chorus in 4 scenes.",
    }
    number, first, last, born = DEMO_CHAPERONE
    entry = lookup(session, number, last, born, today())
    if entry is not None and entry.status == "approved":
        answers |= {
            "in_charge": "chaperone",
            "chaperone_first_name": first,
            "chaperone_last_name": last,
            "chaperone_approval_number": number,
            "chaperone_date_of_birth": born.isoformat(),
            "chaperone_children": 6,
            "chaperone_is_tutor": False,
        }
    return answers


def _authoriser(session: Session) -> None:
    email, password, roles = AUTHORISER
    if session.scalars(select(Officer.id).where(Officer.email == email)).first() is None:
        session.add(
            Officer(
                email=email,
                name="Ruth Akande",
                password_hash=security.hash_password(password),
                roles=roles,
            )
        )
        session.flush()


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    """The producer and their application (once), and the authorised officer's login."""
    from casework.services.performance_licences.declaration import PERFORMANCE_LICENCES
    from casework.services.performance_licences.parent import PARENT

    _authoriser(session)
    person = _producer(session)
    has_one = session.scalars(
        select(Case.id).where(Case.applicant_id == person.id, Case.service == SLUG)
    ).first()
    if has_one is None:
        application = PERFORMANCE_LICENCES.validate(session, _answers(session))
        case, _ = applications.submit(
            session,
            PERFORMANCE_LICENCES,
            application,
            channel="web",
            actor=SYSTEM,
            applicant_id=person.id,
        )
        # The parent has done their part: the case waits for the producer's documents.
        (request,) = parties.requests(session, case.id)
        answers = PARENT.step.model.model_validate(
            {"parent_consent": "yes", "child_health": "fit", "details_confirmed": True}
        )
        parties.answer(session, parties.Found(request, case, PARENT, PERFORMANCE_LICENCES), answers)
    return [AUTHORISER]
