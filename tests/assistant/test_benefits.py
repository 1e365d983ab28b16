"""Answering "we're on universal credit" from the portal's eligibility summary
(bot/actions/benefits.py has no Rasa imports, so it is tested here without the bot's
environment). The summary is the service's own, from the rules in force."""

from __future__ import annotations

import importlib.util
import sys

import pytest
import yaml

from casework import db
from casework.catalogue import get_service
from casework.settings import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location(
    "bot_benefits", PROJECT_ROOT / "bot" / "actions" / "benefits.py"
)
assert _spec and _spec.loader
benefits = importlib.util.module_from_spec(_spec)
sys.modules["bot_benefits"] = benefits  # dataclasses look their module up by name
_spec.loader.exec_module(benefits)

SERVICE_FILE = PROJECT_ROOT / "bot" / "services" / "free-school-meals.yml"


def _known() -> list:
    raw = yaml.safe_load(SERVICE_FILE.read_text())
    return [
        benefits.Benefit(b["name"], b.get("listed_as") or b["name"], tuple(b.get("said") or ()))
        for b in raw["benefits"]
    ]


@pytest.fixture
def summary(app) -> str:
    with db.transaction() as session:
        return get_service("free-school-meals").eligibility_summary(session)


def _said(text: str, summary: str) -> str:
    found = benefits.answer(text, summary, _known())
    assert found is not None, text
    return found.sentence("free school meals")


@pytest.mark.parametrize(
    ("message", "opening"),
    [
        ("we're on universal credit", "Yes, Universal Credit qualifies for free school meals"),
        ("does universal credit count?", "Yes, Universal Credit qualifies"),
        ("im on UC", "Yes, Universal Credit qualifies"),
        ("I get income support", "Yes, Income Support qualifies for free school meals."),
        ("I'm on JSA", "Yes, income-based Jobseeker's Allowance qualifies"),
        ("we get jobseekers allowance", "Yes, income-based Jobseeker's Allowance qualifies"),
        ("my partner is on esa", "Yes, income-related Employment and Support Allowance"),
        ("we get asylum support", "Yes, support under Part VI of the Immigration and Asylum"),
        ("we get child tax credits", "It depends. Child Tax Credit qualifies for free school"),
        ("we get working tax credit", "It depends. Working Tax Credit qualifies"),
        ("we get child benefit", "Child Benefit is not one of the benefits that qualify"),
        ("I'm on PIP", "Personal Independence Payment is not one of the benefits"),
        ("child benefit and universal credit", "Yes, Universal Credit qualifies"),
    ],
)
def test_the_benefit_named_is_answered_first_from_the_summary(summary, message, opening):
    assert _said(message, summary).startswith(opening)


def test_terms_come_from_the_summary_not_the_bot(summary):
    said = _said("we get child tax credits", summary)
    assert "without Working Tax Credit" in said
    # A summary that no longer lists a benefit changes the answer with no edit to the bot.
    changed = summary.replace("Income Support; ", "")
    assert _said("I get income support", changed).startswith(
        "Income Support is not one of the benefits"
    )


def test_a_message_naming_no_benefit_has_no_short_answer(summary):
    assert benefits.answer("who qualifies for free school meals", summary, _known()) is None
    assert benefits.answer("does my benefit count?", summary, _known()) is None
