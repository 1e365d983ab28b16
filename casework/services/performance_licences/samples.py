"""A whole, valid child performance licence application, for the contract test and demos.

``application`` gives the answers as the JSON API takes them (ISO dates, booleans), with
the producer's email, mobile and address so every channel a message can go by is used.
The days are weeks ahead of today, whatever today is, so the schedule is never in the past
and never at short notice; a school day means the school is told on grant.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import today
from casework.questions import shapes


def application(session: Session, *, first_day: date | None = None) -> dict[str, Any]:
    schools = shapes.SCHOOLS.load(session)
    if not schools:
        raise LookupError("A performance licence application needs a school in the database")
    first = first_day or today() + timedelta(days=42)
    born = date(first.year - 10, 3, 15)
    return {
        "performance_kind": "charged",
        "paid_beyond_expenses": True,
        "needs_absence_from_school": True,
        "arranged_by": "someone_else",
        "days_performed_before": 0,
        "production_days": 2,
        "production_name": "Matilda the Musical",
        "production_type": "theatre",
        "company_name": "Northtown Theatre Productions Ltd",
        "child_part": "Plays one of the schoolchildren: sings and dances in 3 scenes.",
        "first_name": "Alex",
        "last_name": "Morgan",
        "job_title": "Company manager",
        "address_line_1": "Northtown Theatre",
        "address_line_2": "2 Market Square",
        "town": "Northtown",
        "postcode": "NT1 2AB",
        "email": "alex.morgan@example.com",
        "mobile": "07700900123",
        "contact_preference": "both",
        "child_first_name": "Ruby",
        "child_last_name": "Patel",
        "child_date_of_birth": born.isoformat(),
        "child_address_line_1": "14 Elm Road",
        "child_address_line_2": "",
        "child_town": "Northtown",
        "child_postcode": "NT3 4CD",
        "child_school": schools[0].value,
        "parent_first_name": "Priya",
        "parent_last_name": "Patel",
        "parent_email": "priya.patel@example.com",
        "parent_mobile": "07700900456",
        "venues": [
            {
                "venue_name": "Southshire Playhouse",
                "venue_address_line_1": "1 Theatre Lane",
                "venue_address_line_2": "",
                "venue_town": "Southtown",
                "venue_postcode": "ST1 1AA",
                "venue_council": "southshire",
            }
        ],
        "days": [
            {
                "date": first.isoformat(),
                "day_type": "rehearsal",
                "venue": "Southshire Playhouse",
                "arrive": "09:00",
                "leave": "17:00",
                "performing": "10:00 to 11:30, 14:00 to 15:30",
                "school_day": True,
                "education_hours": 3.0,
            },
            {
                "date": (first + timedelta(days=1)).isoformat(),
                "day_type": "performance",
                "venue": "Southshire Playhouse",
                "arrive": "13:00",
                "leave": "21:30",
                "performing": "14:30 to 16:30, 19:00 to 20:30",
                "school_day": False,
            },
        ],
        "in_charge": "parent",
        "tutor": "yes",
        "tutor_name": "Sam Lee",
        "tutor_qualifications": "Qualified teacher status; 10 years teaching in primary schools",
        "tutor_children": 3,
        "tutor_similar_standard": True,
        "declaration": True,
    }
