"""Demo data for a local run: a few schools, their term dates, and one officer per role.

Demo officers get fixed passwords so `make run` can print them every time; they exist only
in databases seeded with `portal seed-demo`, never in production.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import security
from casework.catalogue import all_services
from casework.models import Officer, School, SchoolTerm
from casework.services.chaperones import demo as chaperones_demo
from casework.services.child_employment import demo as child_employment_demo
from casework.services.illegal_employment import demo as illegal_employment_demo
from casework.services.performance_inspections import demo as performance_inspections_demo
from casework.services.performance_licences import demo as performance_licences_demo
from casework.workflow import authoriser_role

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


# The education welfare team's services: one licensing officer works them all, and their
# manager (who sees the team's deadlines by officer) is authorised to grant and refuse.
LICENSING = (
    "child-employment",
    "performance-licences",
    "bopa",
    "chaperones",
    "illegal-employment",
    "performance-inspections",
)


def officers() -> list[tuple[str, str, list[str]]]:
    """(email, password, roles): an administrator, one officer per service, and the
    licensing team's officer and manager."""
    people = [("admin@northshire.example", "demo-admin-password", ["admin"])]
    for service in all_services():
        people.append(
            (f"{service.slug}@northshire.example", f"demo-{service.slug}-password", [service.slug])
        )
    licensing = [slug for slug in LICENSING if slug in {s.slug for s in all_services()}]
    people.append(("licensing@northshire.example", "demo-licensing-password", licensing))
    people.append(
        (
            "licensing-manager@northshire.example",
            "demo-licensing-manager-password",
            [*licensing, *(authoriser_role(slug) for slug in licensing), "manager"],
        )
    )
    return people


def seed(session: Session) -> list[tuple[str, str, list[str]]]:
    known_urns = set(session.scalars(select(School.urn)))
    for urn, name, phase in SCHOOLS:
        if urn not in known_urns:
            slug = name.lower().replace("'", "").replace(" ", "-")
            session.add(School(urn=urn, name=name, phase=phase, email=f"office@{slug}.example"))
    session.flush()
    _seed_calendars(session)
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
    credentials += chaperones_demo.seed(session)  # demo approvals and an authorised officer
    credentials += performance_licences_demo.seed(session)  # a producer's licence in progress
    credentials += child_employment_demo.seed(session)  # an employer's permits
    credentials += illegal_employment_demo.seed(session)  # reports being investigated
    credentials += performance_inspections_demo.seed(session)  # inspections of performances
    return credentials


def _seed_calendars(session: Session) -> None:
    """The demo term dates (``casework.demo_calendars``), through the officers' importer;
    a database that has term dates already keeps its own."""
    from casework.demo_calendars import CSV
    from casework.school_calendars import import_csv

    if session.scalar(select(SchoolTerm.id).limit(1)) is None:
        import_csv(session, CSV.encode())
