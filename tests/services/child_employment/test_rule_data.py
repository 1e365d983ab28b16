"""The validator reads the rule versions in force from PostgreSQL, so a council changes a
limit or the occupation list by adding a version, not by editing code."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from casework import db
from casework.models import RuleVersion
from casework.questions import FormContext, validation_context
from casework.services.child_employment import hours, rules
from casework.services.child_employment.checks import hours_items, occupation_items
from casework.services.child_employment.proposal import ProposedHours

SATURDAY_6_HOURS = {
    "age": 14,
    "period": "term",
    "occupation": "shop_work",
    "shifts": {"sat": [["09:00", "12:00"], ["13:00", "16:00"]]},
}


def _read(session, body, today=date(2026, 1, 5)) -> ProposedHours:
    context = {**validation_context(FormContext(session)), "today": today}
    return ProposedHours.model_validate(body, context=context)


def test_the_folder_defaults_answer_until_the_table_has_a_version(clean_db) -> None:
    with db.transaction() as session:
        result = hours.run(session, _read(session, SATURDAY_6_HOURS), on=date(2026, 1, 5))
    assert [breach.rule for breach in result.breaches] == ["saturday_limit"]


def test_a_councils_version_in_force_wins(clean_db) -> None:
    value = {**rules.DEFAULTS[0].value}
    value["age_bands"] = [{**band, "saturday_hours": 6} for band in value["age_bands"]]
    occupations = [
        *rules.DEFAULTS[1].value,
        {
            "code": "ice_cream_van",
            "name": "Selling from an ice cream van",
            "category": "Sales",
            "allowed_from_age": 14,
            "prohibited": False,
            "note": "",
        },
    ]
    with db.transaction() as session:
        session.add(
            RuleVersion(
                rule_key=rules.HOURS,
                effective_from=date(2026, 1, 1),
                value=value,
                source="Our byelaws, 2026",
            )
        )
        session.add(
            RuleVersion(
                rule_key=rules.OCCUPATIONS,
                effective_from=date(2026, 1, 1),
                value=occupations,
                source="Our byelaws, 2026",
            )
        )
    with db.transaction() as session:
        before = hours.run(session, _read(session, SATURDAY_6_HOURS), on=date(2025, 12, 31))
        after = hours.run(session, _read(session, SATURDAY_6_HOURS), on=date(2026, 1, 1))
        ice_cream = _read(session, {**SATURDAY_6_HOURS, "occupation": "ice_cream_van"})
        assert hours.run(session, ice_cream, on=date(2026, 1, 5)).legal
    # Before the council's version, the table has none (the service is not declared yet),
    # so the folder's default answers.
    assert [breach.rule for breach in before.breaches] == ["saturday_limit"]
    assert after.legal


def test_an_unknown_code_is_checked_against_the_list_in_force(clean_db) -> None:
    with db.transaction() as session, pytest.raises(ValidationError) as raised:
        _read(session, {**SATURDAY_6_HOURS, "occupation": "ice_cream_van"})
    assert raised.value.errors()[0]["loc"] == ("occupation",)


def test_the_published_lists(clean_db) -> None:
    with db.transaction() as session:
        listed = occupation_items(session)
        limits = hours_items(session)
    shop = next(item for item in listed if item["code"] == "shop_work")
    assert shop == {
        "code": "shop_work",
        "name": "Shop work, including stacking shelves",
        "category": "Shops",
        "allowed_from_age": 13,
        "prohibited": False,
        "note": "",
    }
    assert [(band["from_age"], band["to_age"], band["saturday_hours"]) for band in limits] == [
        (13, 14, 5),
        (15, 16, 8),
    ]
    assert limits[0]["summary"].startswith("A 13 or 14-year-old can work between 7am and 7pm.")
