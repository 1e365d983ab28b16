"""Demo data for a local run: two inspections, one just notified by another council and
one with a visit booked and a first visit made.

Sign in to the back office as ``performance-inspections@northshire.example`` to work them.
Seeding again adds nothing: each notice is made once, by its own submission key.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import applications
from casework.clocks import today
from casework.models import Case, Officer
from casework.services.performance_inspections import samples
from casework.services.performance_inspections import workflow as w
from casework.workflow import SYSTEM, Actor, apply_transition

SLUG = "performance-inspections"


def _officer(session: Session) -> Actor:
    found = session.scalars(
        select(Officer).where(Officer.email == f"{SLUG}@northshire.example")
    ).first()
    if found is None:
        return Actor(kind="officer", label="Demo officer", roles=frozenset({SLUG}))
    return Actor(kind="officer", label=found.name, id=found.id, roles=frozenset(found.roles))


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    from casework.services.performance_inspections.declaration import PERFORMANCE_INSPECTIONS

    officer = _officer(session)
    later = samples.application(session)
    running = samples.application(session, first_day=today() - timedelta(days=2))
    running |= {
        "notifier_name": "Sam Okoro",
        "email": "sam.okoro@westshire.example",
        "phone": "01632960456",
        "licence_number": "WS/2026/0412",
        "issuing_council": "Westshire Council",
        "children_count": 6,
        "production_name": "Snow White pantomime",
        "licence_holder": "Hillside Pantomimes",
        "chaperone": "Lee Grant",
    }
    running["venues"] = [
        {**running["venues"][0], "venue_name": "Northtown Civic Hall", "venue_postcode": "NT1 1CH"}
    ]
    notices = (
        ("notified", later, ()),
        (
            "visited",
            running,
            (
                (w.BOOK_VISIT, "Saturday 2pm matinee, Northtown Civic Hall, Mei Lin"),
                (
                    w.VISIT_ADVICE,
                    "Chaperone present with 6 children. Hours kept. Tutor on site mornings. "
                    "The dressing room had no window and was hot: advised the company manager "
                    "to use the rehearsal room instead.",
                ),
            ),
        ),
    )
    for key, answers, moves in notices:
        idempotency_key = f"demo:{SLUG}:{key}"
        if session.scalars(select(Case.id).where(Case.idempotency_key == idempotency_key)).first():
            continue
        case, _ = applications.submit(
            session,
            PERFORMANCE_INSPECTIONS,
            PERFORMANCE_INSPECTIONS.validate(session, answers),
            channel="web",
            actor=SYSTEM,
            idempotency_key=idempotency_key,
        )
        for name, reason in moves:
            apply_transition(
                session, PERFORMANCE_INSPECTIONS, case.id, name, officer, reason=reason
            )
    session.flush()
    return []
