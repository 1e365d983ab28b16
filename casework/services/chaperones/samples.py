"""A whole, valid chaperone application, for the contract test and local demos.

``application`` gives the answers as the JSON API takes them (ISO dates, booleans). Dates
are worked out from today, so the applicant is always an adult and the DBS certificate and
training always recent enough. It gives an email address, a mobile number and a postal
address, so every channel a message can go by is exercised.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from casework.services.chaperones.sample_photo import silhouette


def application(session: Session | None = None) -> dict[str, Any]:
    today = date.today()
    return {
        "first_name": "Amara",
        "last_name": "Dupré",
        "other_names": "",
        "date_of_birth": date(today.year - 38, 7, 21).isoformat(),
        "address_line_1": "12 Mill Lane",
        "address_line_2": "",
        "town": "Northtown",
        "postcode": "NT2 4BX",
        "lived_here_5_years": False,
        "previous_addresses": "3 Station Road, Southville SV1 2AB, from May 2015 to June 2023",
        "email": "amara.dupre@example.com",
        "mobile": "07700900123",
        "contact_preference": "both",
        "dbs_enhanced_child_workforce": True,
        "dbs_certificate_number": "001234567890",
        "dbs_issue_date": (today - timedelta(days=200)).isoformat(),
        "dbs_update_service": True,
        "training_course": "NSPCC Child protection in the performing arts",
        "training_date": (today - timedelta(days=90)).isoformat(),
        "experience": "I have run the costume department of Northtown Youth Theatre for six "
        "years, looking after children aged 8 to 16 backstage during rehearsals and shows.",
        "convictions": False,
        "previous_decision": False,
        "referee_1_first_name": "Ruth",
        "referee_1_last_name": "Okafor",
        "referee_1_relationship": "Director of Northtown Youth Theatre, where I volunteer",
        "referee_1_related": False,
        "referee_1_email": "ruth.okafor@example.com",
        "referee_1_phone": "07700900456",
        "referee_2_first_name": "Tom",
        "referee_2_last_name": "Hughes",
        "referee_2_relationship": "My line manager at Northtown Library",
        "referee_2_related": False,
        "referee_2_email": "tom.hughes@example.org",
        "referee_2_phone": "01632960001",
        "declaration": True,
    }


def evidence() -> list[tuple[str, bytes]]:
    """The photo the applicant sends from their account after applying."""
    return [("photo.jpg", silhouette())]
