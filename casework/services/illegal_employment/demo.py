"""Demo data for a local run: three reports of illegal employment, one just in (made
anonymously), one being investigated after a visit, and one closed with advice given.

Sign in to the back office as ``illegal-employment@northshire.example`` to work them.
Seeding again adds nothing: each report is made once, by its own submission key.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import applications
from casework.clocks import today
from casework.models import Case, Officer
from casework.services.illegal_employment import samples
from casework.services.illegal_employment import workflow as w
from casework.workflow import SYSTEM, Actor, apply_transition

SLUG = "illegal-employment"

REPORTS: tuple[tuple[str, dict[str, Any], tuple[tuple[str, str], ...]], ...] = (
    (
        "anonymous",
        {
            "business_name": "Speedy Car Wash",
            "business_type": "Hand car wash",
            "business_address": "Yard behind 40 Station Road, Northtown",
            "business_postcode": "NT2 3RS",
            "when_seen": "School mornings from about 8am, and all day on Sundays",
            "work": "Washing and drying cars",
            "concerns": ["school_hours", "long_hours"],
            "child_name": "",
            "child_age": 13,
            "child_school": "",
            "how_known": "seen",
        },
        (),
    ),
    (
        "named",
        {},
        (
            (
                w.RECORD_VISIT,
                "Visited on Saturday with Dan Hughes at 5pm. A 12-year-old was washing up in "
                "the kitchen. The manager said he was the owner's nephew, helping out unpaid.",
            ),
            (
                w.RECORD_EVIDENCE,
                "Written statement from the manager, taken on the visit. Original on file.",
            ),
        ),
    ),
    (
        "closed",
        {
            "business_name": "Market Street Newsagents",
            "business_type": "Newsagent",
            "business_address": "3 Market Street, Northtown",
            "business_postcode": "NT1 4QP",
            "when_seen": "Delivering papers before 7am on weekdays",
            "work": "Paper round",
            "concerns": ["early_or_late"],
            "child_name": "Jordan",
            "child_age": 14,
        },
        (
            (w.RECORD_VISIT, "Visited at 6.30am on Tuesday. Two children started rounds at 6am."),
            (
                "close_advice",
                "Advised the owner that rounds may start at 7am at the earliest and that each "
                "child needs a work permit. Letter sent.",
            ),
        ),
    ),
)


def _officer(session: Session) -> Actor:
    found = session.scalars(
        select(Officer).where(Officer.email == f"{SLUG}@northshire.example")
    ).first()
    if found is None:
        return Actor(kind="officer", label="Demo officer", roles=frozenset({SLUG}))
    return Actor(kind="officer", label=found.name, id=found.id, roles=frozenset(found.roles))


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    from casework.services.illegal_employment.declaration import ILLEGAL_EMPLOYMENT

    officer = _officer(session)
    for key, changes, moves in REPORTS:
        idempotency_key = f"demo:{SLUG}:{key}"
        if session.scalars(select(Case.id).where(Case.idempotency_key == idempotency_key)).first():
            continue
        base = samples.anonymous(session) if key == "anonymous" else samples.application(session)
        answers = {**base, **changes, "last_seen": (today() - timedelta(days=2)).isoformat()}
        case, _ = applications.submit(
            session,
            ILLEGAL_EMPLOYMENT,
            ILLEGAL_EMPLOYMENT.validate(session, answers),
            channel="web",
            actor=SYSTEM,
            idempotency_key=idempotency_key,
        )
        for name, reason in moves:
            apply_transition(session, ILLEGAL_EMPLOYMENT, case.id, name, officer, reason=reason)
    session.flush()
    return []
