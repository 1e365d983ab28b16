"""Question kinds for people and places other than the applicant's own details: any UK
phone number, and the name of a business, council or venue.

A phone number here is one an officer calls back (someone reporting a concern, another
council's officer), so a landline is as good as a mobile; only a mobile can be texted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from casework import fields as f
from casework.fields import fail
from casework.questions.base import FormContext
from casework.questions.kinds import MobileQuestion, NameQuestion

# A UK number people can be called back on: 01, 02, 03 or 07 and 11 digits in all (a few
# old 01 areas have 10).
_UK_PHONE = re.compile(r"0[1237]\d{8,9}")
_MOBILE = re.compile(r"07\d{9}")


def uk_phone(value: Any) -> str:
    digits = re.sub(r"[\s()\-.]", "", f.clean_text(value))
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if not _UK_PHONE.fullmatch(digits):
        raise fail("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
    return digits


def mobile_or_none(phone: str | None) -> str | None:
    """The number if it can take a text message."""
    return phone if phone and _MOBILE.fullmatch(phone) else None


@dataclass(frozen=True, kw_only=True)
class PhoneQuestion(MobileQuestion):
    """Any UK phone number (a landline or a mobile), stored as its digits. A kind of mobile
    question, so the queue's search finds a case by it."""

    def clean(self, value: Any, context: FormContext) -> Any:
        return uk_phone(value)

    def display(self, value: Any, context: FormContext) -> str:
        text = super().display(value, context)
        if re.fullmatch(r"0[123]\d{9}", text):
            return f"{text[:5]} {text[5:8]} {text[8:]}"
        return text


@dataclass(frozen=True, kw_only=True)
class PlaceNameQuestion(NameQuestion):
    """The name of a business, council or venue: any characters a name can have ("Joe's
    Café & Grill", "Theatre 2"). A kind of name, so the queue's search finds a case by it."""

    spellcheck: bool | None = None

    def clean(self, value: Any, context: FormContext) -> Any:
        return f.text(
            value, missing=self.missing_message, label=self.title, max_length=self.max_length
        )
