"""The one "we aim to decide by" date a person is given.

A case's due date (``Case.due_on``, from ``ServiceDeclaration.due_date`` when it is made)
is the date we aim to decide by. The status page and the confirmation page say it with
``decide_by``, and a service's messages that promise a date give the same day as their
``due_date`` personalisation, written with ``clocks.long_date`` as here, so a person never
reads two different dates for one decision.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from casework.clocks import long_date
from casework.models import Case

if TYPE_CHECKING:
    from casework.declaration import ServiceDeclaration

# The council's calendar: a date is past by London's clock, not the server's.
_LONDON = ZoneInfo("Europe/London")


def decide_by(service: ServiceDeclaration, case: Case, today: date | None = None) -> str:
    """The sentence for an open case with a due date; "" once it is decided (or has none)."""
    try:
        still_open = service.workflow.state(case.status).open
    except KeyError:
        still_open = False
    if case.due_on is None or not still_open or not service.tells_due_date:
        return ""
    when = long_date(case.due_on)
    if case.due_on < (today or datetime.now(_LONDON).date()):
        # Said plainly rather than promising a date that has gone.
        return f"We aimed to decide by {when}. We are sorry it is taking longer."
    return f"We aim to decide by {when}."
