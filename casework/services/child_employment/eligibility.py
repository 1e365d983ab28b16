"""Who can get a permit, in plain words, from the rule versions in force: the start page,
the guide API and the assistant read this, so a council's byelaws show as they are."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casework.services.child_employment import hours, late, rules
from casework.services.child_employment.occupations import by_code

# How many kinds of prohibited work the summary names before "and others".
NAMED_PROHIBITED = 6


def summary(session: Session, on: date | None = None) -> str:
    on = on or date.today()
    limits = hours.limits_from(rules.value_in_force(session, rules.HOURS, on))
    occupations = by_code(rules.value_in_force(session, rules.OCCUPATIONS, on)).values()
    prohibited = [o.name[:1].lower() + o.name[1:] for o in occupations if o.prohibited]
    named = "; ".join(prohibited[:NAMED_PROHIBITED])
    more = " and others on the council's list" if len(prohibited) > NAMED_PROHIBITED else ""
    days = late.apply_within_days(session, on)
    # Paragraphs, so the start page (Markdown) and the assistant read it in parts.
    return "\n\n".join(
        (
            f"A child can work part time from the age of {limits.light_work_age} until the "
            "end of compulsory school age (the last Friday in June of year 11), with a permit "
            f"from the council. At {limits.light_work_age}, a child can only do light work on "
            f"the council's list; from {limits.minimum_age}, other light work too.",
            *(hours.summary(limits, band) for band in limits.bands),
            f"No child may do some work at any age: {named}{more}.",
            f"The employer applies, within {days} days of the child starting work, and the "
            "child's parent must give consent.",
        )
    )
