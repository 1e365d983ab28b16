"""Validation for the kinds of answer every service asks for, with GOV.UK-style messages.

Models call these from their validators. Each raises ``PydanticCustomError`` with the message
a person sees, so the web form, the JSON API and the assistant all say the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError


def fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("govuk", message)


class FormModel(BaseModel):
    """Base for every step and application model.

    Defaults are validated so a missing answer gets its "Enter …" message, and unknown keys
    are ignored so a form's CSRF token or button name never trips validation.
    """

    model_config = ConfigDict(validate_default=True, extra="ignore", str_strip_whitespace=True)


def errors_from(exc: ValidationError) -> dict[str, str]:
    """Field path ("items.0.first_name") → the first message for it, in form order."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        path = ".".join(str(part) for part in error["loc"]) or "form"
        if path in errors:
            continue
        # Only the portal's own messages are shown; pydantic's ("Input should be a valid
        # dictionary or instance of TranscriptTurn") are Python's words, not a person's.
        errors[path] = error["msg"] if error["type"] == "govuk" else "Enter a valid answer"
    return errors


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail("Enter a valid answer")
    return _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()


def text(value: Any, *, missing: str, label: str, max_length: int = 100) -> str:
    value = clean_text(value)
    if not value:
        raise fail(missing)
    if len(value) > max_length:
        raise fail(f"{label} must be {max_length} characters or fewer")
    return value


def optional_text(value: Any, *, label: str, max_length: int = 100) -> str:
    value = clean_text(value)
    if len(value) > max_length:
        raise fail(f"{label} must be {max_length} characters or fewer")
    return value


def person_name(value: Any, *, missing: str, label: str) -> str:
    value = text(value, missing=missing, label=label, max_length=100)
    allowed = all(ch.isalpha() or ch in " -'’." for ch in value)
    if not allowed:
        raise fail(f"{label} must only include letters a to z, hyphens, spaces and apostrophes")
    return re.sub(r"\s+", " ", value)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def date_value(
    value: Any,
    *,
    missing: str,
    label: str,
    today: date | None = None,
    past: bool = True,
) -> date:
    """A date from GOV.UK date input parts ({"day", "month", "year"}) or ISO text."""
    today = today or date.today()
    if isinstance(value, date):
        parsed = value
    elif isinstance(value, str) and value.strip():
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise fail(f"{label} must be a real date") from None
    elif isinstance(value, dict):
        parsed = _date_from_parts(value, missing=missing, label=label)
    elif value in (None, ""):
        raise fail(missing)
    else:
        raise fail(f"{label} must be a real date")
    if past and parsed >= today:
        raise fail(f"{label} must be in the past")
    return parsed


def _date_from_parts(parts: dict[str, Any], *, missing: str, label: str) -> date:
    day, month, year = (clean_text(str(parts.get(key) or "")) for key in ("day", "month", "year"))
    if not (day or month or year):
        raise fail(missing)
    absent = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
    if absent:
        raise fail(f"{label} must include a {' and '.join(absent)}")
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
    month_number = _MONTHS.get(month.lower()[:9]) if not _digits(month) else _small(month)
    if not _digits(day) or not month_number or not _digits(year) or not _small(day):
        raise fail(f"{label} must be a real date")
    if len(year) != 4:
        raise fail("Year must include 4 numbers")
    try:
        return date(int(year), month_number, _small(day))
    except (ValueError, OverflowError):
        raise fail(f"{label} must be a real date") from None


def _digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _small(value: str) -> int:
    """A day or month number, or 0 for a run of digits too long to be one (no overflow)."""
    value = value.lstrip("0") or "0"
    return int(value) if len(value) <= 2 else 0


# HMRC's rules: no D, F, I, Q, U, V in the prefix, no O as the second letter, and some
# prefixes are never issued.
_NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")


def national_insurance_number(value: Any) -> str:
    value = re.sub(r"[\s-]", "", clean_text(value)).upper()
    if not value:
        raise fail("Enter your National Insurance number")
    if not _NINO.match(value):
        raise fail("Enter a National Insurance number in the correct format, like QQ 12 34 56 C")
    return value


_NASS = re.compile(r"^\d{2}/?\d{2}/?\d{5}$|^\d{9}$")


def nass_number(value: Any) -> str:
    value = re.sub(r"\s", "", clean_text(value))
    if not value:
        raise fail("Enter your asylum support reference number")
    if not _NASS.match(value):
        raise fail(
            "Enter an asylum support reference number in the correct format, like 12/34/56789"
        )
    return value.replace("/", "")


def email_address(value: Any, *, missing: str = "Enter your email address") -> str:
    value = clean_text(value)
    if not value:
        raise fail(missing)
    if len(value) > 320:
        raise fail("Email address must be 320 characters or fewer")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise fail("Enter an email address in the correct format, like name@example.com") from None


def uk_mobile(value: Any) -> str:
    raw = clean_text(value)
    digits = re.sub(r"[\s()\-]", "", raw)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"07\d{9}", digits):
        raise fail("Enter a UK mobile number, like 07700 900 982")
    return digits


_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")


def postcode(value: Any) -> str:
    value = clean_text(value).upper()
    if not value:
        raise fail("Enter your postcode")
    match = _POSTCODE.match(value)
    if not match:
        raise fail("Enter a full UK postcode, like AA3 1AB")
    return f"{match.group(1)} {match.group(2)}"
