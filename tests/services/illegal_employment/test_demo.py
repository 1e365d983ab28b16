"""The demo data seeds reports in each state, once however often it runs."""

from __future__ import annotations

from sqlalchemy import select

from casework import db, demo
from casework.models import Case


def test_demo_reports_and_inspections_are_seeded_once(clean_db):
    for _ in range(2):
        with db.transaction() as session:
            demo.seed(session)

    with db.transaction() as session:
        found = session.execute(
            select(Case.service, Case.status).where(
                Case.service.in_(("illegal-employment", "performance-inspections"))
            )
        ).all()
    assert sorted(found) == [
        ("illegal-employment", "closed"),
        ("illegal-employment", "investigating"),
        ("illegal-employment", "received"),
        ("performance-inspections", "notified"),
        ("performance-inspections", "visited"),
    ]
