"""A whole, valid free school meals application, for the contract test and local demos.

``application`` gives the answers as the JSON API takes them (ISO dates, booleans); the
contract test (tests/services/) turns them into each channel's form fields. It gives an
email address, a mobile number and a postal address, so every channel a message can go by
is exercised.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.questions import shapes


def application(session: Session) -> dict[str, Any]:
    # Any open school the council has: the tests seed their own, a demo database its own.
    schools = shapes.SCHOOLS.load(session)
    if not schools:
        raise LookupError("A free school meals application needs an open school in the database")
    today = date.today()
    return {
        "first_name": "Jane",
        "last_name": "Smith",
        "date_of_birth": "1985-03-27",
        "identifier_type": "nino",
        "national_insurance_number": "AB123456C",
        "address_line_1": "1 High Street",
        "address_line_2": "",
        "town": "Northtown",
        "postcode": "NT1 1AA",
        "email": "jane.smith@example.com",
        "mobile": "07700900982",
        "contact_preference": "both",
        "children": [
            {
                "first_name": "Sam",
                "last_name": "Smith",
                # Eight years old whatever the year, so the age check always passes.
                "date_of_birth": date(today.year - 8, 3, 15).isoformat(),
                "school_urn": schools[0].value,
            }
        ],
        "consent": True,
    }
