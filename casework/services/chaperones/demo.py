"""Demo chaperones for a local run, so the register can be tried, and an authorised officer.

Three approvals with known numbers (``portal seed-demo`` loads them). Try the register
with a token that has the ``chaperones:read`` scope, e.g.
``GET /api/v1/chaperones/CH-2026-0001?surname=okonkwo&date_of_birth=1979-04-12``:

=============  =========  ==============  =========================================
Number         Surname    Date of birth   The register says
=============  =========  ==============  =========================================
CH-2026-0001   Okonkwo    1979-04-12      approved until 1 March 2029
CH-2022-0014   Brennan    1965-11-03      expired (valid until 15 May 2025)
CH-2025-0009   Dupré      1988-07-21      suspended (valid until 5 October 2028)
=============  =========  ==============  =========================================

The dates are fixed, so that the numbers (which carry the year of approval) stay as
printed here: run after 1 March 2029, the first also reads expired.

Approving needs a second officer besides the one who recommends (a statutory decision):
``chaperones-authoriser@northshire.example`` is authorised (role ``chaperones:authorise``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import clocks, documents, issued, search_text, security
from casework.catalogue import get_service
from casework.models import Case, ChaperoneApproval, Officer
from casework.references import new_reference
from casework.rules import rule_in_force
from casework.services.chaperones import SLUG, card, samples
from casework.services.chaperones.approvals import approved_until
from casework.services.chaperones.rules import APPROVAL
from casework.services.chaperones.sample_photo import silhouette
from casework.workflow import SYSTEM, Actor, authoriser_role, record_event

AUTHORISER = (
    "chaperones-authoriser@northshire.example",
    "demo-chaperones-authoriser-password",
    [SLUG, authoriser_role(SLUG)],
)
PREPARER = Actor(kind="officer", label="Mei Lin")
DECIDER = Actor(kind="officer", label="Owen Price")


@dataclass(frozen=True)
class DemoChaperone:
    number: str
    email: str
    first_name: str
    last_name: str
    born: date
    approved_on: date
    status: str  # approved, expired or suspended


CHAPERONES = (
    DemoChaperone(
        "CH-2026-0001",
        "grace.okonkwo@example.com",
        "Grace",
        "Okonkwo",
        date(1979, 4, 12),
        date(2026, 3, 2),
        "approved",
    ),
    DemoChaperone(
        "CH-2022-0014",
        "patrick.brennan@example.com",
        "Patrick",
        "Brennan",
        date(1965, 11, 3),
        date(2022, 5, 16),
        "expired",
    ),
    DemoChaperone(
        "CH-2025-0009",
        "amelie.dupre@example.com",
        "Amélie",
        "Dupré",
        date(1988, 7, 21),
        date(2025, 10, 6),
        "suspended",
    ),
)


def _answers(person: DemoChaperone) -> dict:
    return {
        **samples.application(),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.born.isoformat(),
        "email": person.email,
        "dbs_issue_date": (person.approved_on - timedelta(days=120)).isoformat(),
        "training_date": (person.approved_on - timedelta(days=60)).isoformat(),
    }


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=clocks.LONDON)


def _add(session: Session, person: DemoChaperone) -> None:
    service = get_service(SLUG)
    applied_on = person.approved_on - timedelta(days=45)
    answers = _answers(person)
    case = Case(
        service=SLUG,
        reference=new_reference(service.reference_prefix),
        status=person.status,
        channel="web",
        answers=answers,
        contact_email=answers["email"],
        submitted_at=_at(applied_on),
        search_text=search_text.search_text(service, answers),
    )
    session.add(case)
    session.flush()
    # The decision clock ran from the references to the approval, and stopped in time.
    clocks.start(session, service, case, applied_on)
    clocks.after_move(session, service, case, None, "checks", applied_on + timedelta(days=14))
    clocks.after_move(session, service, case, "checks", "approved", person.approved_on)
    record_event(session, case, SYSTEM, "submitted", to_status="awaiting_references")
    documents.store(
        session, case, "photo.jpg", silhouette(), Actor(kind="citizen", label=answers["email"])
    )
    record_event(
        session,
        case,
        PREPARER,
        "recommend_approval",
        from_status="ready",
        to_status="recommended_approval",
        reason="DBS clear (update service), interview went well, both references positive.",
    )
    record_event(
        session,
        case,
        DECIDER,
        "approve",
        from_status="recommended_approval",
        to_status="approved",
        data={"prepared_by": PREPARER.label, "authorised_by": DECIDER.label},
    )
    year, sequence = (int(part) for part in person.number.split("-")[1:])
    rule = rule_in_force(session, APPROVAL, person.approved_on)
    approval = ChaperoneApproval(
        case_id=case.id,
        approval_number=person.number,
        year=year,
        sequence=sequence,
        approved_on=person.approved_on,
        approved_until=approved_until(person.approved_on, rule.value["approval_years"]),
        rule_version_id=rule.id,
    )
    session.add(approval)
    session.flush()
    issued.issue(
        session,
        case,
        card.approval_card(session, case, approval, silhouette()),
        kind=card.KIND,
        filename=card.filename(approval),
        issued_by=DECIDER,
    )
    if person.status == "suspended":
        record_event(
            session,
            case,
            DECIDER,
            "suspend",
            from_status="approved",
            to_status="suspended",
            reason="A licence holder reported a concern. Suspended while we look into it.",
        )
    if person.status == "expired":
        record_event(session, case, SYSTEM, "expire", from_status="approved", to_status="expired")


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    """The demo approvals (once), and the authorised officer's credentials, to print."""
    known = set(session.scalars(select(ChaperoneApproval.approval_number)))
    for person in CHAPERONES:
        if person.number not in known:
            _add(session, person)
    email, password, roles = AUTHORISER
    if session.scalar(select(Officer.id).where(Officer.email == email)) is None:
        session.add(
            Officer(
                email=email,
                name=DECIDER.label,
                password_hash=security.hash_password(password),
                roles=roles,
            )
        )
    session.flush()
    return [AUTHORISER]
