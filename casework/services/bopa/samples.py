"""A whole, valid Body of Persons Approval application, for the contract test and demos."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import today


def application(session: Session) -> dict[str, Any]:
    first = today() + timedelta(days=35)
    return {
        "group_name": "Northtown Amateur Operatic Society",
        "group_type": "amateur_dramatics",
        "first_name": "Helen",
        "last_name": "Okafor",
        "role": "Chair and children's co-ordinator",
        "address_line_1": "The Scout Hut",
        "address_line_2": "Mill Lane",
        "town": "Northtown",
        "postcode": "NT2 5EF",
        "email": "helen.okafor@example.com",
        "mobile": "07700900789",
        "contact_preference": "both",
        "production_name": "The Sound of Music",
        "venue_name": "Northtown Civic Hall",
        "venue_address_line_1": "Civic Square",
        "venue_address_line_2": "",
        "venue_town": "Northtown",
        "venue_postcode": "NT1 1CH",
        "venue_in_our_area": True,
        "first_date": first.isoformat(),
        "last_date": (first + timedelta(days=6)).isoformat(),
        "children": 14,
        "youngest": 8,
        "safeguarding_lead": "David Price",
        "safeguarding_policy": True,
        "supervision": "Four chaperones with enhanced DBS checks, one for each group of up to "
        "4 children; the children change in the hall's green room and are collected by a "
        "parent.",
        "declaration": True,
    }
