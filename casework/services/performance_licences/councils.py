"""The councils a venue may be in, and whom at each to send a copy of a licence.

The council where a performance takes place inspects it, whoever licensed the child, so
on granting a licence we send that council a copy "in time to arrange an inspection"
(issue 11). Which councils neighbour ours and their child employment teams' addresses are
the council's own contact list, not law: they are rule data, so the team corrects an
address or adds a council without a change to the code. A venue in a council the list
does not know goes to ``fallback_email`` (our own team's mailbox), which forwards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casework.clocks import today
from casework.questions import Choice, ChoiceSource
from casework.rules import DefaultRule
from casework.services.performance_licences.rules import default_in_force, value_in_force

VENUE_COUNCILS = "performance.venue_councils"
# The answer for a council the list does not name; its name is then typed in.
OTHER = "other"

DEFAULTS = (
    DefaultRule(
        VENUE_COUNCILS,
        date(2015, 2, 6),
        {
            "councils": [
                {
                    "code": "northshire",
                    "name": "Northshire County Council",
                    "email": "child.employment@northshire.example",
                },
                {
                    "code": "southshire",
                    "name": "Southshire Council",
                    "email": "childperformance@southshire.example",
                },
                {
                    "code": "eastshire",
                    "name": "Eastshire County Council",
                    "email": "education.welfare@eastshire.example",
                },
                {
                    "code": "westshire",
                    "name": "Westshire Council",
                    "email": "child.licensing@westshire.example",
                },
                {
                    "code": "northtown",
                    "name": "Northtown City Council",
                    "email": "childemployment@northtown.example",
                },
            ],
            "fallback_email": "child.employment@northshire.example",
        },
        "The council's own contact list for child performance inspections (not law): the "
        "child employment teams of the councils around ours. A venue elsewhere goes to "
        "fallback_email, our own team, who forward the licence to that council.",
    ),
)


@dataclass(frozen=True)
class Council:
    code: str
    name: str
    email: str


def _value(session: Session | None, on: date) -> dict[str, Any]:
    if session is None:
        return default_in_force(VENUE_COUNCILS, on)
    return value_in_force(session, VENUE_COUNCILS, on)


def known(session: Session | None, on: date | None = None) -> list[Council]:
    return [Council(**council) for council in _value(session, on or today())["councils"]]


def _choices(session: Session) -> list[Choice]:
    return [Choice(council.code, council.name) for council in known(session)] + [
        Choice(OTHER, "Another council")
    ]


def _names(session: Session, codes: set[str]) -> dict[str, str]:
    return {choice.value: choice.label for choice in _choices(session) if choice.value in codes}


COUNCILS = ChoiceSource(
    "performance-venue-councils", _choices, _names, placeholder="Select a council"
)


@dataclass(frozen=True)
class Recipient:
    """Where a venue's copy of the licence goes, and the council it is for."""

    council_name: str
    email: str


def recipient_for(session: Session | None, venue: dict[str, Any]) -> Recipient:
    """The venue's council and its address; a council not on the list gets the fallback,
    named as the applicant named it, so our team knows where to forward it."""
    value = _value(session, today())
    for council in value["councils"]:
        if council["code"] == venue.get("venue_council"):
            return Recipient(council["name"], council["email"])
    named = str(venue.get("venue_council_other") or "").strip() or "The venue's council"
    return Recipient(named, value["fallback_email"])


def council_name(session: Session | None, venue: dict[str, Any]) -> str:
    return recipient_for(session, venue).council_name
