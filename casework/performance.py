"""Performance figures: for each service and clock, how many cases were decided in time,
by the month the clock stopped, the way councils report statutory timescales.

A clock stops when its case is decided (or closed); ``CaseClock.in_time`` says whether
that was on or before its due date. One GROUP BY over ``case_clocks`` counts them all
(served by ``ix_case_clocks_figures``); months with no decisions are filled in here so a
chart and a CSV always show the whole year.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from casework.declaration import ServiceDeclaration
from casework.models import CaseClock

MONTHS = 12
CSV_COLUMNS = ("service", "clock", "month", "decided", "in_time", "share_in_time")


@dataclass(frozen=True)
class MonthFigure:
    month: date  # the first day of the month
    decided: int
    in_time: int

    @property
    def share(self) -> Decimal | None:
        """The percentage decided in time, to one decimal place; None with no decisions."""
        if not self.decided:
            return None
        exact = Decimal(self.in_time * 100) / Decimal(self.decided)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage, for the chart's bar and label."""
        if not self.decided:
            return None
        exact = Decimal(self.in_time * 100) / Decimal(self.decided)
        return int(exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"


@dataclass(frozen=True)
class ClockFigures:
    service: ServiceDeclaration
    clock_name: str
    clock_label: str
    rule: str
    months: list[MonthFigure]  # oldest first

    @property
    def decided(self) -> int:
        return sum(month.decided for month in self.months)


def months_to(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the ``count`` months up to and including today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date(n // 12, n % 12 + 1, 1) for n in range(index - count + 1, index + 1)]


def figures(
    session: Session,
    services: Sequence[ServiceDeclaration],
    today: date,
    count: int = MONTHS,
) -> list[ClockFigures]:
    """Each declared clock of these services with its figures for the last ``count`` months."""
    months = months_to(today, count)
    slugs = [service.slug for service in services if service.clocks]
    found: dict[tuple[str, str, int, int], tuple[int, int]] = {}
    if slugs:
        year = extract("year", CaseClock.stopped_on)
        month = extract("month", CaseClock.stopped_on)
        rows = session.execute(
            select(
                CaseClock.service,
                CaseClock.clock,
                year,
                month,
                func.count(CaseClock.id),
                func.count(CaseClock.id).filter(CaseClock.in_time.is_(True)),
            )
            .where(
                CaseClock.service.in_(slugs),
                CaseClock.stopped_on >= months[0],
                CaseClock.stopped_on <= today,
            )
            .group_by(CaseClock.service, CaseClock.clock, year, month)
        ).all()
        for slug, name, y, m, decided, in_time in rows:
            found[(slug, name, int(y), int(m))] = (decided, in_time or 0)
    result = []
    for service in services:
        for clock in service.clocks:
            result.append(
                ClockFigures(
                    service=service,
                    clock_name=clock.name,
                    clock_label=clock.label,
                    rule=clock.rule,
                    months=[
                        MonthFigure(
                            first,
                            *found.get((service.slug, clock.name, first.year, first.month), (0, 0)),
                        )
                        for first in months
                    ],
                )
            )
    return result


def as_csv(all_figures: Sequence[ClockFigures]) -> str:
    """The figures as CSV, one row per service, clock and month (months with no decisions
    included, with an empty share)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for clock in all_figures:
        for month in clock.months:
            writer.writerow(
                (
                    clock.service.name,
                    clock.clock_label,
                    f"{month.month:%Y-%m}",
                    month.decided,
                    month.in_time,
                    "" if month.share is None else str(month.share),
                )
            )
    return out.getvalue()
