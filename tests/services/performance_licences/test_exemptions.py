"""Does a performance need a licence? Each way out (the 4-day rule, a school, a BOPA) at its
edge, and what always needs a licence (absence from school, payment beyond expenses)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from casework import db
from casework.fields import errors_from
from casework.models import RuleVersion
from casework.services.performance_licences import exemptions, rules
from casework.services.performance_licences.exemptions import FourDayRule, PerformanceDetails

RULE = FourDayRule(**rules.default_in_force(rules.FOUR_DAY_RULE, date(2027, 1, 4)))


def details(**answers: Any) -> PerformanceDetails:
    base = {
        "kind": "charged",
        "paid_beyond_expenses": False,
        "needs_absence_from_school": False,
        "days_performed_in_last_6_months": 0,
    }
    return PerformanceDetails.model_validate({**base, **answers})


def answer(**answers: Any) -> tuple[bool, str | None]:
    outcome = exemptions.check(RULE, details(**answers))
    assert outcome.legal and outcome.breaches == ()  # asking is never wrong
    return outcome.extra["licence_needed"], outcome.extra["exemption"]


def test_a_school_play_with_no_payment_and_no_absence_needs_no_licence():
    outcome = exemptions.check(
        RULE,
        PerformanceDetails.model_validate(
            {
                "kind": "charged",
                "paid_beyond_expenses": False,
                "needs_absence_from_school": False,
                "arranged_by_school": True,
            }
        ),
    )
    assert outcome.as_dict() == {
        "legal": True,
        "breaches": [],
        "licence_needed": False,
        "exemption": "school",
        "explanation": "The child does not need a licence. A performance arranged by a school "
        "does not need one when the child is not paid more than expenses and does not miss "
        "school.",
    }


def test_absence_from_school_always_needs_a_licence():
    assert answer(needs_absence_from_school=True, arranged_by_school=True) == (True, None)
    assert answer(needs_absence_from_school=True, arranged_under_bopa=True) == (True, None)
    assert answer(needs_absence_from_school=True, kind="other") == (True, None)
    assert answer(needs_absence_from_school=False, arranged_by_school=True) == (False, "school")


def test_payment_beyond_expenses_rules_out_every_exemption():
    assert answer(paid_beyond_expenses=True, arranged_by_school=True) == (True, None)
    assert answer(paid_beyond_expenses=True, arranged_under_bopa=True) == (True, None)
    assert answer(paid_beyond_expenses=True, days_performed_in_last_6_months=0) == (True, None)


def test_paid_sport_and_modelling_always_need_a_licence():
    assert answer(kind="paid_sport_or_modelling", arranged_by_school=True) == (True, None)


def test_a_body_of_persons_approval():
    assert answer(arranged_under_bopa=True, days_performed_in_last_6_months=20) == (
        False,
        "bopa",
    )
    assert answer(arranged_under_bopa=False, days_performed_in_last_6_months=20) == (True, None)


@pytest.mark.parametrize(
    ("before", "days", "needed"),
    [
        (3, 1, False),  # the 4th day in 6 months
        (4, 1, True),
        (2, 2, False),  # this production's 2 days make 4
        (3, 2, True),
        (0, 4, False),
        (0, 5, True),
    ],
)
def test_the_four_day_rule(before, days, needed):
    outcome = exemptions.check(
        RULE, details(days_performed_in_last_6_months=before, performance_days=days)
    )
    assert outcome.extra["licence_needed"] is needed
    assert outcome.extra["exemption"] == (None if needed else "four_day_rule")


def test_the_four_day_rule_explains_the_count():
    outcome = exemptions.check(RULE, details(days_performed_in_last_6_months=4))
    assert outcome.extra["explanation"] == (
        "The child needs a licence. Without a licence, a child can perform on at most 4 days "
        "in 6 months (the 4-day rule), counting rehearsals, when the child is not paid more "
        "than expenses and does not miss school. With this performance the child would "
        "perform on 5 days in 6 months. A licence is not needed if a school, or a group with "
        "a Body of Persons Approval (BOPA), arranges the performance."
    )


@pytest.mark.parametrize("kind", ["charged", "licensed_premises", "broadcast_or_recorded"])
def test_licensable_performances_past_the_four_days_need_a_licence(kind):
    assert answer(kind=kind, days_performed_in_last_6_months=4) == (True, None)


def test_a_free_performance_off_licensed_premises_and_not_recorded_needs_no_licence():
    assert answer(kind="other", days_performed_in_last_6_months=40) == (False, None)


# --- Malformed questions are field errors ---------------------------------------------------


def errors(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        PerformanceDetails.model_validate(data)
    return errors_from(caught.value)


def test_missing_answers_get_their_own_messages():
    assert errors({}) == {
        "kind": "Choose the kind of performance",
        "paid_beyond_expenses": "Say whether the child is paid more than their expenses",
        "needs_absence_from_school": "Say whether the child needs time off school",
    }


def test_the_day_count_is_asked_for_only_when_the_four_day_rule_decides():
    unpaid = {"kind": "charged", "paid_beyond_expenses": False, "needs_absence_from_school": False}
    assert errors(unpaid) == {
        "days_performed_in_last_6_months": "Enter how many days the child has performed in "
        "the last 6 months"
    }
    assert PerformanceDetails.model_validate({**unpaid, "arranged_by_school": True})


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            {"kind": "pantomime"},
            "kind",
            "Kind of performance must be one of: charged, licensed_premises, "
            "broadcast_or_recorded, paid_sport_or_modelling, other",
        ),
        (
            {"paid_beyond_expenses": "sometimes"},
            "paid_beyond_expenses",
            "Say whether the child is paid more than their expenses",
        ),
        (
            {"days_performed_in_last_6_months": -1},
            "days_performed_in_last_6_months",
            "Days performed in the last 6 months must be a whole number from 0 to 183",
        ),
        (
            {"performance_days": 0},
            "performance_days",
            "Days of this performance must be a whole number from 1 to 183",
        ),
    ],
)
def test_malformed_answers_are_errors_on_the_field(change, path, message):
    data = {
        "kind": "charged",
        "paid_beyond_expenses": False,
        "needs_absence_from_school": False,
        "days_performed_in_last_6_months": 1,
        **change,
    }
    assert errors(data)[path] == message


# --- The rule version in force ----------------------------------------------------------------


def test_run_reads_the_councils_version_of_the_four_day_rule(database, clean_db):
    three_before = details(days_performed_in_last_6_months=3)
    with db.transaction() as session:
        assert exemptions.run(session, three_before).extra["exemption"] == "four_day_rule"
        session.add(
            RuleVersion(
                rule_key=rules.FOUR_DAY_RULE,
                effective_from=date(2020, 1, 1),
                value={"max_days_before": 2, "months": 6},
                source="Test: a stricter version",
            )
        )
    with db.transaction() as session:
        assert exemptions.run(session, three_before).extra["licence_needed"] is True
