"""Body of Persons Approval: the group's answers are checked (the venue in our area, at most
12 months, a safeguarding policy), and an authorised officer other than the one who
recommended approves it, which issues the approval PDF with its conditions."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from pypdf import PdfReader
from sqlalchemy import select

from casework import applications, cases, db, issued
from casework.clocks import long_date, today
from casework.fields import errors_from
from casework.models import CaseEvent
from casework.services.bopa import samples
from casework.services.bopa.declaration import BOPA
from casework.services.bopa.questions import last_day_allowed
from casework.workflow import SYSTEM, Actor, IllegalTransition, apply_transition, authoriser_role


def _sample(**changes: Any) -> dict[str, Any]:
    with db.transaction() as session:
        return {**samples.application(session), **changes}


def _errors(answers: dict[str, Any]) -> dict[str, str]:
    with db.transaction() as session:
        try:
            BOPA.validate(session, answers)
        except ValidationError as exc:
            return errors_from(exc)
    return {}


def _officer(number: int, authorised: bool = False) -> Actor:
    roles = {BOPA.slug, authoriser_role(BOPA.slug)} if authorised else {BOPA.slug}
    return Actor(kind="officer", label=f"Officer {number}", id=number, roles=frozenset(roles))


def _submit() -> str:
    with db.transaction() as session:
        case, _ = applications.submit(
            session, BOPA, BOPA.validate(session, _sample()), channel="api", actor=SYSTEM
        )
        return case.reference


def _move(reference: str, name: str, actor: Actor, reason: str | None = None) -> None:
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None
        apply_transition(session, BOPA, case.id, name, actor, reason=reason)


def test_the_sample_is_valid(clean_db):
    assert _errors(_sample()) == {}


def test_a_venue_outside_our_area_is_for_that_council(clean_db):
    assert _errors(_sample(venue_in_our_area=False)) == {
        "venue_in_our_area": "Apply to the council where the venue is. A Body of Persons "
        "Approval comes from the council where the performances take place"
    }


def test_one_approval_covers_at_most_12_months(clean_db):
    first = today() + timedelta(days=35)
    latest = last_day_allowed(first, 12)

    assert _errors(_sample(first_date=first.isoformat(), last_date=latest.isoformat())) == {}
    errors = _errors(
        _sample(first_date=first.isoformat(), last_date=(latest + timedelta(days=1)).isoformat())
    )
    assert errors == {
        "last_date": f"One approval covers at most 12 months of performances. From "
        f"{long_date(first)}, the last date can be {long_date(latest)} at the latest"
    }


def test_the_last_day_allowed_is_the_day_before_the_same_date_a_year_on():
    assert last_day_allowed(date(2027, 3, 5), 12) == date(2028, 3, 4)
    assert last_day_allowed(date(2027, 1, 31), 1) == date(2027, 2, 27)


def test_dates_in_the_past_or_the_wrong_way_round_are_errors(clean_db):
    first = today() + timedelta(days=35)

    assert _errors(_sample(first_date=(today() - timedelta(days=1)).isoformat()))["first_date"] == (
        "The first date must be today or in the future"
    )
    assert _errors(_sample(last_date=(first - timedelta(days=1)).isoformat())) == {
        "last_date": "The last date must be on or after the first date"
    }


def test_a_group_without_a_safeguarding_policy_is_told_it_needs_one(clean_db):
    assert (
        "needs a written safeguarding policy"
        in _errors(_sample(safeguarding_policy=False))["safeguarding_policy"]
    )


def test_an_authorised_officer_who_did_not_recommend_approves_and_the_pdf_says_so(clean_db):
    reference = _submit()
    _move(reference, "recommend_approval", _officer(1, authorised=True))

    with pytest.raises(IllegalTransition, match="You prepared this case"):
        _move(reference, "approve", _officer(1, authorised=True))
    _move(reference, "approve", _officer(2, authorised=True))

    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None and case.status == "approved"
        event = session.scalars(select(CaseEvent).where(CaseEvent.action == "approve")).one()
        assert event.data == {"prepared_by": "Officer 1", "authorised_by": "Officer 2"}
        (document,) = issued.issued_documents(session, case.id, "bopa")
        content = document.content
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    )
    for words in (
        "Body of Persons Approval",
        reference,
        "Northtown Amateur Operatic Society",
        "The Sound of Music",
        "Northtown Civic Hall",
        "may be paid more than their expenses",
        "No child may miss school to take part",
    ):
        assert words in text, words


def test_a_refusal_is_made_by_an_authorised_officer_with_reasons(clean_db):
    reference = _submit()
    _move(reference, "recommend_refusal", _officer(1), reason="No safeguarding policy seen.")

    with pytest.raises(IllegalTransition, match="Only an officer authorised"):
        _move(reference, "refuse", _officer(2), reason="No policy.")
    _move(reference, "refuse", _officer(2, authorised=True), reason="No policy was sent.")

    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None and case.status == "refused"
