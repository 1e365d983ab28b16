"""An inspection's states and moves: officers book visits, record what each found against
the licence, and finish once every venue (each period of the event) has had a visit.

A booking's and a visit's details are the move's reason, in the officer's words (date,
time, inspector; chaperone present, hours kept, education, welfare), so the case page lists
them from the case's own events (``case_sections.moves_log``). The visit's outcome is the
move chosen: satisfactory, advice given, or concerns referred (which tells the council that
issued the licence at once).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.clocks import long_date, today
from casework.models import Case
from casework.services.performance_inspections import links
from casework.services.performance_inspections import messages as m
from casework.services.performance_inspections.questions import VENUES, last_day
from casework.workflow import State, Transition, Workflow

NOTIFIED = "notified"
BOOKED = "visit_booked"
VISITED = "visited"
FINISHED = "finished"
NOT_INSPECTED = "not_inspected"

OPEN = (NOTIFIED, BOOKED, VISITED)

BOOK_VISIT = "book_visit"
VISIT_SATISFACTORY = "visit_satisfactory"
VISIT_ADVICE = "visit_advice"
VISIT_CONCERNS = "visit_concerns"
VISITS = (VISIT_SATISFACTORY, VISIT_ADVICE, VISIT_CONCERNS)
FINISH = "finish"
CLOSE_NOT_INSPECTED = "close_not_inspected"

FINDINGS = (
    "What did you find? Say whether an approved chaperone (or the parent) was with the "
    "children, whether the hours on the licence were kept, how education is arranged, and "
    "any concerns about the children's welfare."
)


def visits_recorded(case: Case) -> int:
    return sum(1 for event in case.events if event.action in VISITS)


def _not_over(case: Case) -> str | None:
    """A visit can only be booked while the children are still there."""
    last = last_day(case.answers)
    if last is not None and last < today():
        return (
            f"The last day at the venue was {long_date(last)}, so there is nothing left to "
            "inspect. Close the case instead."
        )
    return None


def _every_venue_visited(case: Case) -> str | None:
    """One visit per period of the event: at least as many visits as venues."""
    venues = len(case.answers.get(VENUES) or [])
    made = visits_recorded(case)
    if made < venues:
        return (
            f"Record a visit for each venue before finishing: there are {venues} venues and "
            f"{made} {'visit' if made == 1 else 'visits'} recorded. If a venue cannot be "
            "inspected, close the case as not inspected and say why."
        )
    return None


def _tell_licensing(session: Session, case: Case) -> None:
    links.flag_licences(session, case, "An inspection found concerns")


def _visit(name: str, label: str, prompt: str, missing: str, **more) -> Transition:
    return Transition(
        name,
        label,
        OPEN,
        VISITED,
        by="officer",
        needs_reason=True,
        reason_prompt=prompt,
        reason_missing=missing,
        **more,
    )


WORKFLOW = Workflow(
    initial=NOTIFIED,
    states=(
        State(NOTIFIED, "Inspection needed", "We will arrange a visit.", "blue"),
        State(BOOKED, "Visit booked", "We have arranged a visit.", "purple"),
        State(VISITED, "Visited", "We have visited. We may visit again.", "turquoise"),
        State(
            FINISHED,
            "Inspections finished",
            "We have finished our inspections.",
            "green",
            open=False,
        ),
        State(
            NOT_INSPECTED,
            "Closed without inspection",
            "We did not inspect. The email we sent says why.",
            "grey",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            BOOK_VISIT,
            "Book a visit",
            OPEN,
            BOOKED,
            by="officer",
            needs_reason=True,
            guard=_not_over,
            reason_prompt="When is the visit, at which venue, and who will inspect? For "
            "example: Saturday 14 March, 1pm matinee, Northtown Theatre, Jo Bloggs.",
            reason_missing="Enter the date, time, venue and inspector for the visit",
        ),
        _visit(
            VISIT_SATISFACTORY,
            "Record a visit: satisfactory",
            FINDINGS,
            "Enter what you found on the visit",
        ),
        _visit(
            VISIT_ADVICE,
            "Record a visit: advice given",
            FINDINGS + " Say what advice you gave, and to whom.",
            "Enter what you found and the advice you gave",
        ),
        _visit(
            VISIT_CONCERNS,
            "Record a visit: concerns referred",
            FINDINGS + " Say what concerns you and whom you referred it to. We send this to "
            "the council that issued the licence.",
            "Enter what you found and the concerns you referred",
            messages=(m.CONCERNS.name,),
            effects=(_tell_licensing,),
        ),
        Transition(
            FINISH,
            "Finish: every venue has been inspected",
            (VISITED,),
            FINISHED,
            by="officer",
            guard=_every_venue_visited,
            messages=(m.FINISHED.name,),
            note_prompt="Anything to add for the case record? (optional)",
        ),
        Transition(
            CLOSE_NOT_INSPECTED,
            "Close without inspecting every venue",
            OPEN,
            NOT_INSPECTED,
            by="officer",
            needs_reason=True,
            messages=(m.NOT_INSPECTED.name,),
            reason_prompt="Why were the children not inspected at every venue? For example, "
            "the production was cancelled. We send this to the council that issued the licence.",
            reason_missing="Enter why the children were not inspected",
        ),
    ),
)
