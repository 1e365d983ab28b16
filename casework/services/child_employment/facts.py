"""A case's facts in words, for its messages, the parent's page, the permit and the officer:
who the child and the employer are, the job, the place, the dates.

Everything here reads the stored answers; where a name lives in the database (the job's
name in the occupation list, the school's name), the case's own session is used when it
has one, and the folder's defaults or the stored code otherwise, so a message is never
left with a blank.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from casework.clocks import long_date
from casework.models import Case, School
from casework.questions import shapes as s
from casework.services.child_employment import schedules


def child_name(answers: dict[str, Any]) -> str:
    return s.full_name(answers, "child_").strip()


def employer_name(answers: dict[str, Any]) -> str:
    """The person who applied for the business."""
    return s.full_name(answers).strip()


def parent_name(answers: dict[str, Any]) -> str:
    return s.full_name(answers, "parent_").strip()


def supervisor(answers: dict[str, Any]) -> str:
    name = s.full_name(answers, "supervisor_").strip()
    role = answers.get("supervisor_role") or ""
    return f"{name} ({role})" if role else name


def address(answers: dict[str, Any], prefix: str) -> str:
    return ", ".join(s.address_lines(answers, prefix))


def day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def long_day(value: Any) -> str:
    return long_date(day(value))


def session_of(case: Case) -> Session | None:
    return object_session(case)


def job_name(session: Session | None, answers: dict[str, Any]) -> str:
    code = str(answers.get("occupation") or "")
    start = answers.get("start_date")
    on = schedules.rules_day(day(start)) if start else date.today()
    found = schedules.occupation_list(session, on).get(code)
    if found is None and session is not None:
        found = schedules.occupation_list(None, on).get(code)
    return found.name if found else code


def school(session: Session | None, answers: dict[str, Any]) -> School | None:
    urn = answers.get("school_urn")
    if session is None or not urn:
        return None
    return session.scalars(select(School).where(School.urn == urn)).first()


def school_name(session: Session | None, answers: dict[str, Any]) -> str:
    found = school(session, answers)
    return found.name if found else str(answers.get("school_urn") or "")


def school_leaving_date(born: date) -> date:
    """The end of compulsory school age: the last Friday in June of the school year (1
    September to 31 August) in which the child turns 16 (Education Act 1996 s.8 and the
    Education (School Leaving Date) Order 1997). A permit cannot outlast it."""
    year = born.year + 16 + (1 if born.month >= 9 else 0)
    last = date(year, 6, calendar.monthrange(year, 6)[1])
    return last - timedelta(days=(last.weekday() - calendar.FRIDAY) % 7)


def hours_in_words(answers: dict[str, Any]) -> str:
    """Both periods' times, as a message gives them."""
    parts = []
    for period in schedules.PERIODS:
        found = schedules.week(answers, period)
        if found:
            parts.append(f"In {period.words}:\n{schedules.in_words(found)}")
        else:
            parts.append(f"In {period.words}: no work")
    return "\n\n".join(parts)
