"""How the bot turns typed text into the shapes the API reads (bot/actions/reading.py has no
Rasa imports, so it is tested here without the bot's environment)."""

from __future__ import annotations

import importlib.util

import pytest

from casework.settings import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location(
    "bot_reading", PROJECT_ROOT / "bot" / "actions" / "reading.py"
)
assert _spec and _spec.loader
reading = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reading)


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("15 March 2016", {"day": "15", "month": "3", "year": "2016"}),
        ("15th of march 2016", {"day": "15", "month": "3", "year": "2016"}),
        ("March 15, 2016", {"day": "15", "month": "3", "year": "2016"}),
        ("15/03/2016", {"day": "15", "month": "03", "year": "2016"}),
        ("15.3.16", {"day": "15", "month": "3", "year": "16"}),
        ("2016-03-15", {"day": "15", "month": "03", "year": "2016"}),
        ("1 sept 2019", {"day": "1", "month": "9", "year": "2019"}),
    ],
)
def test_dates_become_the_web_forms_parts(typed, parts):
    assert reading.date_parts(typed) == parts


def test_a_typed_date_is_sent_as_an_iso_date():
    # The status look-up's second factor: a date when it reads as one, else as typed.
    assert reading.iso_date(reading.date_parts("4 September 2016")) == "2016-09-04"
    assert reading.date_parts("sam@example.com") == "sam@example.com"


def test_anything_else_is_left_for_the_portal_to_refuse():
    assert reading.date_parts("last tuesday") == "last tuesday"
    assert reading.iso_date("last tuesday") == "last tuesday"
    assert reading.iso_date({"day": "5", "month": "3", "year": "2016"}) == "2016-03-05"


def test_contacts_identifiers_and_references():
    assert reading.contact_answers("sam@example.com") == {"email": "sam@example.com"}
    assert reading.contact_answers("07700 900982") == {"mobile": "07700 900982"}
    assert reading.identifier_answers("QQ 12 34 56 C") == {
        "national_insurance_number": "QQ 12 34 56 C"
    }
    assert reading.identifier_answers("12/34/56789") == {"nass_number": "12/34/56789"}
    assert reading.reference(" fsm-7k3m -9qxd ") == "FSM-7K3M-9QXD"
    assert reading.long_date("1990-01-27") == "27 January 1990"
