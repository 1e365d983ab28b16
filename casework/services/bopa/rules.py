"""Body of Persons Approval rule data, each version with the date it takes effect.

The Act sets no length for an approval; councils grant one for a production or for a period
(commonly up to a year). How long a period the council approves at once is its own choice,
so it is rule data a council can change.
"""

from __future__ import annotations

from datetime import date

from casework.rules import DefaultRule

PERIOD = "bopa.period"

DEFAULTS = (
    DefaultRule(
        PERIOD,
        date(2015, 2, 6),
        {"max_months": 12},
        "⚠ Not set by law: the Children and Young Persons Act 1963 s.37(3)(b) lets the council "
        "where the performance takes place approve a body of persons, and sets no length. "
        "Chosen: at most 12 months of performances in one approval, as councils' guidance "
        "commonly grants; a council changes it with a new version.",
    ),
)
