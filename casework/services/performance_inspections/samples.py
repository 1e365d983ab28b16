"""A whole, valid notice of a licensed performance in our area, for the contract test and
local demos.

``application`` gives the answers as the JSON API takes them. The notifying officer gives
an email address and a mobile number, so every channel a message can go by is exercised.
One venue, weeks ahead of today whatever today is, so a visit can always be booked.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import today


def application(session: Session, *, first_day: date | None = None) -> dict[str, Any]:
    first = first_day or today() + timedelta(days=21)
    return {
        "notifier_name": "Morgan Price",
        "notifier_role": "Child employment officer",
        "email": "morgan.price@southshire.example",
        "phone": "07700900789",
        "licence_number": "SS-PL-2207, SS-PL-2208",
        "issuing_council": "Southshire Council",
        "children_count": 2,
        "production_name": "Oliver!",
        "production_type": "theatre",
        "licence_holder": "Riverside Stage Company Ltd",
        "holder_phone": "01632960123",
        "chaperone": "Pat Jones",
        "venues": [
            {
                "venue_name": "Northtown Theatre",
                "venue_address": "2 Market Square, Northtown",
                "venue_postcode": "NT1 2AB",
                "first_day": first.isoformat(),
                "last_day": (first + timedelta(days=12)).isoformat(),
                "times": "Evening performances 6pm to 10pm, and Saturday matinees at 2pm",
            }
        ],
    }
