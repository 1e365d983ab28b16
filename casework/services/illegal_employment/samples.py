"""A whole, valid report of illegal employment, for the contract test and local demos.

``application`` gives the answers as the JSON API takes them. The reporter agrees to be
contacted and gives an email address and a mobile number, so every channel the "we have
your report" message can go by is exercised; ``anonymous`` is the same report without them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session


def application(session: Session) -> dict[str, Any]:
    return {
        "contact_me": "yes",
        "reporter_name": "Alex Morgan",
        "email": "alex.morgan@example.com",
        "phone": "07700900461",
        "business_name": "Corner Café",
        "business_type": "Café",
        "business_address": "14 Market Street, Northtown",
        "business_postcode": "NT1 4QP",
        "when_seen": "Every Saturday from 8am to 6pm, and after school on Thursdays",
        "last_seen": (date.today() - timedelta(days=3)).isoformat(),
        "work": "Serving customers and washing up in the kitchen",
        "concerns": ["long_hours", "dangerous"],
        "child_name": "Sam",
        "child_age": 12,
        "child_school": "Northtown Academy",
        "other_children": False,
        "how_known": "seen",
        "more": "The child looked tired and was carrying hot trays.",
    }


def anonymous(session: Session) -> dict[str, Any]:
    report = application(session)
    for key in ("reporter_name", "email", "phone"):
        report.pop(key)
    return {**report, "contact_me": "no"}
