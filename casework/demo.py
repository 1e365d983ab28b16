"""Demo data for a local run: a few schools and one officer per role.

Demo officers get fixed passwords so `make run` can print them every time; they exist only
in databases seeded with `portal seed-demo`, never in production.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import security
from casework.catalogue import all_services
from casework.models import Officer, School

SCHOOLS = (
    ("100001", "Northshire Primary School", "primary"),
    ("100002", "St Mary's Church of England Primary School", "primary"),
    ("100003", "Riverside Infant School", "primary"),
    ("100004", "Northshire Academy", "secondary"),
    ("100005", "Hillside High School", "secondary"),
    ("100006", "Oakwood All-Through School", "all-through"),
)


# Demo officers are people, not role accounts: their names are what a decision and the
# case timeline show ("by Priya Shah"), as a real officer's would be.
DEMO_NAMES = ("Priya Shah", "Tom Evans", "Grace Okafor", "Dan Hughes", "Mei Lin", "Owen Price")


def officers() -> list[tuple[str, str, list[str]]]:
    """(email, password, roles): an administrator and one officer per service."""
    people = [("admin@northshire.example", "demo-admin-password", ["admin"])]
    for service in all_services():
        people.append(
            (f"{service.slug}@northshire.example", f"demo-{service.slug}-password", [service.slug])
        )
    return people


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    known_urns = set(session.scalars(select(School.urn)))
    for urn, name, phase in SCHOOLS:
        if urn not in known_urns:
            slug = name.lower().replace("'", "").replace(" ", "-")
            session.add(School(urn=urn, name=name, phase=phase, email=f"office@{slug}.example"))
    credentials = officers()
    known_officers = set(session.scalars(select(Officer.email)))
    for number, (email, password, roles) in enumerate(credentials):
        if email not in known_officers:
            session.add(
                Officer(
                    email=email,
                    name=DEMO_NAMES[number % len(DEMO_NAMES)],
                    password_hash=security.hash_password(password),
                    roles=roles,
                )
            )
    session.flush()
    return credentials
