"""Who works on which services: the team a manager looks after and a queue filters by.

An officer's roles are service slugs, "admin" (every service) and "manager": a manager sees
the whole team's overdue cases by officer on the dashboard, where other officers see their
own. "manager" grants no service: a manager also has the roles of the services they manage.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.accounts import ADMIN
from casework.models import Officer
from casework.workflow import Actor

MANAGER = "manager"


def manages_team(officer: Actor) -> bool:
    return officer.kind == "officer" and bool({ADMIN, MANAGER} & officer.roles)


def covers(roles: Iterable[str], service_slugs: Iterable[str]) -> list[str]:
    """The services (of ``service_slugs``) that these roles let an officer work on."""
    roles = set(roles)
    return [slug for slug in service_slugs if ADMIN in roles or slug in roles]


def team(session: Session, service_slugs: Iterable[str]) -> list[Officer]:
    """Active officers who work on any of these services, by name.

    Roles are a JSON list, so the filter runs here; there are tens of officers, not
    thousands.
    """
    slugs = list(service_slugs)
    officers = session.scalars(
        select(Officer).where(Officer.active.is_(True)).order_by(Officer.name, Officer.id)
    )
    return [officer for officer in officers if covers(officer.roles or [], slugs)]


def officer(session: Session, officer_id: str) -> Officer | None:
    """An officer by the id a link gives (e.g. someone who has since left the team, whose
    cases a manager still sees); None for anything that is not one."""
    if not officer_id.isdigit() or len(officer_id) > 9:  # beyond any id: not one
        return None
    return session.get(Officer, int(officer_id))
