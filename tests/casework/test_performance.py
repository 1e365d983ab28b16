"""Performance figures: clocks stopped in time, by service, clock and month, for a known set
of decided cases, on a day passed in (never the wall clock)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from casework import db, performance
from casework.catalogue import get_service
from tests.backoffice.helpers import FSM
from tests.casework.clock_cases import ENQUIRY, decided, submit

TODAY = date(2026, 12, 15)


def _known_cases() -> None:
    # Free school meals: November 3 decided, 2 in time; December 1 in time; January (the
    # first month of the twelve) 1 late; December 2025 is the thirteenth month back.
    for stopped_on, in_time in (
        (date(2026, 11, 2), True),
        (date(2026, 11, 30), True),
        (date(2026, 11, 16), False),
        (date(2026, 12, 15), True),
        (date(2026, 1, 1), False),
        (date(2025, 12, 31), True),
    ):
        decided(FSM, stopped_on, in_time)
    submit(FSM, received_on=date(2026, 12, 1))  # still running: not decided
    decided(ENQUIRY, date(2026, 10, 5), True)
    decided(ENQUIRY, date(2026, 10, 6), True)


def test_months_to_today():
    months = performance.months_to(TODAY)
    assert months[0] == date(2026, 1, 1)
    assert months[-1] == date(2026, 12, 1)
    assert len(months) == 12
    assert performance.months_to(date(2027, 2, 28), 3) == [
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_decided_and_in_time_by_service_clock_and_month(clean_db):
    _known_cases()
    services = [get_service(FSM), get_service(ENQUIRY)]
    with db.transaction() as session:
        figures = performance.figures(session, services, TODAY)

    by_clock = {(f.service.slug, f.clock_name): f for f in figures}
    assert set(by_clock) == {(FSM, "decision"), (ENQUIRY, "reply")}
    fsm = {m.month: m for m in by_clock[(FSM, "decision")].months}
    assert len(fsm) == 12
    november = fsm[date(2026, 11, 1)]
    assert (november.decided, november.in_time, november.share, november.percent) == (
        3,
        2,
        Decimal("66.7"),
        67,
    )
    december = fsm[date(2026, 12, 1)]
    assert (december.decided, december.in_time, december.share) == (1, 1, Decimal("100.0"))
    january = fsm[date(2026, 1, 1)]
    assert (january.decided, january.in_time, january.share) == (1, 0, Decimal("0.0"))
    assert fsm[date(2026, 6, 1)].decided == 0
    assert fsm[date(2026, 6, 1)].share is None
    assert by_clock[(FSM, "decision")].decided == 5  # not the 13th month, not the open case

    reply = {m.month: m for m in by_clock[(ENQUIRY, "reply")].months}
    assert (reply[date(2026, 10, 1)].decided, reply[date(2026, 10, 1)].in_time) == (2, 2)


def test_the_csv_has_every_month_of_every_clock(clean_db):
    _known_cases()
    with db.transaction() as session:
        figures = performance.figures(session, [get_service(FSM)], TODAY)
    lines = performance.as_csv(figures).splitlines()

    assert lines[0] == "service,clock,month,decided,in_time,share_in_time"
    assert len(lines) == 1 + 12
    assert lines[1] == "Free school meals,Decision,2026-01,1,0,0.0"
    assert "Free school meals,Decision,2026-06,0,0," in lines
    assert lines[-2] == "Free school meals,Decision,2026-11,3,2,66.7"
    assert lines[-1] == "Free school meals,Decision,2026-12,1,1,100.0"
    assert not any("2025-12" in line for line in lines)


def test_one_query_whatever_the_number_of_cases(clean_db):
    from sqlalchemy import event

    _known_cases()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = db.get_engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        with db.transaction() as session:
            performance.figures(session, [get_service(FSM), get_service(ENQUIRY)], TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(statements) == 1
    assert "GROUP BY" in statements[0]
