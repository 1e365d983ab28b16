"""Turning what people type into the shapes the portal's API reads.

Only the shape: whether a date is real, a number valid or a school known is for the
portal to say, so the assistant's messages match the web form's.
"""

from __future__ import annotations

import re
from typing import Any

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
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
        ),
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})\s*$")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?([a-z]+)\.?,?\s*(\d{2,4})", re.I)
_WORDS_US = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})", re.I)


def date_parts(text: str) -> dict[str, str] | str:
    """{"day", "month", "year"} as the web form's date input sends them, or the text as typed
    (which the portal then answers with "… must be a real date")."""
    text = (text or "").strip()
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return {"day": day, "month": month, "year": year}
    if match := _NUMERIC.match(text):
        day, month, year = match.groups()
        return {"day": day, "month": month, "year": year}
    for pattern, order in ((_WORDS, "dmy"), (_WORDS_US, "mdy")):
        if match := pattern.search(text):
            values = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS.get(values["m"].lower())
            if month:
                return {"day": values["d"], "month": str(month), "year": values["y"]}
    return text


def iso_date(parts: dict[str, str] | str) -> str:
    """YYYY-MM-DD when the parts are numbers, else the text (for the portal to refuse)."""
    if isinstance(parts, str):
        return parts
    try:
        return f"{int(parts['year']):04d}-{int(parts['month']):02d}-{int(parts['day']):02d}"
    except (KeyError, ValueError):
        return " ".join(str(value) for value in parts.values())


def contact_answers(text: str) -> dict[str, str]:
    """An email address or a mobile number, by what it looks like."""
    text = (text or "").strip()
    return {"email": text} if "@" in text else {"mobile": text}


def identifier_answers(text: str) -> dict[str, str]:
    """A National Insurance number has letters; an asylum support reference is digits."""
    text = (text or "").strip()
    if re.search(r"[A-Za-z]", text):
        return {"national_insurance_number": text}
    return {"nass_number": text}


def reference(text: str) -> str:
    return re.sub(r"\s+", "", (text or "")).upper()


def long_date(iso: str) -> str:
    """27 March 1985, for reading answers back."""
    try:
        year, month, day = (int(part) for part in iso.split("-"))
        return f"{day} {_FULL_MONTHS[month]} {year}"
    except (ValueError, KeyError):
        return iso


_FULL_MONTHS = {
    number: max((n for n, m in _MONTHS.items() if m == number), key=len).capitalize()
    for number in range(1, 13)
}


def clean(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()
