"""How to apply for each children's service, in plain language, with its key dates.

A declared service's guide comes from its declaration (its folder's guide text, its rules
and dates); services not yet online have an upcoming guide that says how to apply today.
The assistant and any other channel read these through the API, so no channel keeps its
own dates or rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from casework.catalogue import all_services, find_service
from casework.declaration import KeyDate
from casework.services.upcoming import UPCOMING


@dataclass(frozen=True)
class GuideAnswer:
    slug: str
    name: str
    summary: str
    how_to_apply: str
    eligibility_summary: str
    key_dates: tuple[KeyDate, ...]
    apply_online: bool


def slugs() -> list[str]:
    """Every service there is a guide for: the declared ones, then those coming."""
    declared = [service.slug for service in all_services()]
    return declared + [slug for slug in UPCOMING if slug not in declared]


def names() -> list[str]:
    """The name of every service there is a guide for, as the assistant's topics."""
    declared = [service.name for service in all_services() if service.apply_online]
    return declared + [guide.name for slug, guide in UPCOMING.items() if not find_service(slug)]


def answer(session: Session, slug: str, today: date | None = None) -> GuideAnswer | None:
    """The guide for today: a declared service's own summary, rules and dates first."""
    today = today or date.today()
    service = find_service(slug)
    if service is not None:
        return GuideAnswer(
            slug=service.slug,
            name=service.name,
            summary=service.summary,
            how_to_apply=service.guide.how_to_apply,
            eligibility_summary=service.eligibility_summary(session),
            key_dates=service.guide.dates_on(today),
            apply_online=service.apply_online,
        )
    upcoming = UPCOMING.get(slug)
    if upcoming is None:
        return None
    return GuideAnswer(
        slug=upcoming.slug,
        name=upcoming.name,
        summary=upcoming.summary,
        how_to_apply=upcoming.how_to_apply,
        eligibility_summary=upcoming.who_qualifies,
        key_dates=upcoming.dates(today),
        apply_online=False,
    )
