"""A whole, valid child employment permit application, for the contract test and demos.

``application`` gives the answers as the JSON API takes them (ISO dates, booleans, weekly
schedules as {"monday": {"start", "end"}}); the contract test turns them into each
channel's form fields. It gives the employer's email address, mobile number and business
address, and the parent's email and mobile, so every channel a message can go by is used.
The hours are legal for a child of 13 or 14 in light work, whatever the date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casework.questions import shapes

TERM_HOURS = {
    "monday": {"start": "16:00", "end": "17:30"},
    "wednesday": {"start": "16:00", "end": "17:30"},
    "saturday": {"start": "09:00", "end": "12:00"},
}
HOLIDAY_HOURS = {
    "tuesday": {"start": "10:00", "end": "13:00"},
    "thursday": {"start": "10:00", "end": "13:00"},
    "saturday": {"start": "09:00", "end": "12:00"},
}


def application(session: Session, today: date | None = None) -> dict[str, Any]:
    schools = shapes.SCHOOLS.load(session)
    if not schools:
        raise LookupError("A child employment application needs an open school in the database")
    today = today or date.today()
    return {
        "business_name": "Northtown News",
        "business_type": "sole_trader",
        "business_activity": "Newsagent",
        "business_address_line_1": "12 Market Street",
        "business_address_line_2": "",
        "business_town": "Northtown",
        "business_postcode": "NT1 2AB",
        "first_name": "Priya",
        "last_name": "Patel",
        "job_title": "Owner",
        "email": "priya.patel@example.com",
        "mobile": "07700900123",
        "contact_preference": "both",
        "supervisor_first_name": "Gary",
        "supervisor_last_name": "Hughes",
        "supervisor_role": "Shop manager",
        "supervisor_phone": "01632960001",
        "child_first_name": "Sam",
        "child_last_name": "Taylor",
        # 13 or 14 whatever the year, and on the start date, so light work is legal.
        "child_date_of_birth": date(today.year - 14, 3, 15).isoformat(),
        "child_address_line_1": "4 Mill Lane",
        "child_address_line_2": "",
        "child_town": "Northtown",
        "child_postcode": "NT1 3CD",
        "school_urn": schools[0].value,
        "parent_first_name": "Alex",
        "parent_last_name": "Taylor",
        "parent_email": "alex.taylor@example.com",
        "parent_mobile": "07700900456",
        "occupation": "newspaper_delivery",
        "tasks": "Sorting newspapers into rounds and delivering them on foot in Mill Lane and "
        "Church Street.",
        "workplace_address_line_1": "12 Market Street",
        "workplace_address_line_2": "",
        "workplace_town": "Northtown",
        "workplace_postcode": "NT1 2AB",
        "start_date": (today + timedelta(days=14)).isoformat(),
        "term_hours": TERM_HOURS,
        "term_hours_second": {},
        "holiday_hours": HOLIDAY_HOURS,
        # A second time on Saturday, after an hour's break.
        "holiday_hours_second": {"saturday": {"start": "13:00", "end": "14:00"}},
        "school_start": "",
        "school_end": "",
        "risk_assessment": True,
        "declaration": True,
    }
