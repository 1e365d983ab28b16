"""The demo employer has a permit being decided and a permit granted, seeded once."""

from __future__ import annotations

from sqlalchemy import select

from casework import db, issued
from casework.demo import seed
from casework.models import Case, Person
from casework.services.child_employment import demo


def test_the_demo_employer_has_a_permit_with_an_officer_and_one_granted(clean_db):
    for _ in range(2):  # seeding again adds nothing
        with db.transaction() as session:
            credentials = seed(session)

    assert demo.AUTHORISER in credentials
    with db.transaction() as session:
        person = session.scalars(select(Person).where(Person.email == demo.EMPLOYER)).one()
        found = list(
            session.scalars(
                select(Case).where(Case.applicant_id == person.id, Case.service == demo.SLUG)
            )
        )
        assert sorted(case.status for case in found) == ["granted", "with_officer"]
        granted = next(case for case in found if case.status == "granted")
        assert len(issued.issued_documents(session, granted.id, "permit")) == 1
