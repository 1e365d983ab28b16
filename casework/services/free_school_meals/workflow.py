"""Free school meals case states and moves: an automatic check, then an officer if needed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import outbox
from casework.models import Case, School
from casework.services.free_school_meals import messages as m
from casework.workflow import State, Transition, Workflow


def _tell_schools(session: Session, case: Case) -> None:
    urns = {child["school_urn"] for child in case.answers["children"]}
    schools = {s.urn: s for s in session.scalars(select(School).where(School.urn.in_(urns)))}
    for child in case.answers["children"]:
        school = schools.get(child["school_urn"])
        if school is None or not school.email:
            continue
        outbox.queue(
            session,
            m.SCHOOL_TOLD.name,
            "email",
            school.email,
            {
                "school_name": school.name,
                "child_name": f"{child['first_name']} {child['last_name']}",
                "child_date_of_birth": date.fromisoformat(child["date_of_birth"]).strftime(
                    "%-d %B %Y"
                ),
                "reference": case.reference,
            },
            case_id=case.id,
        )


WORKFLOW = Workflow(
    initial="submitted",
    states=(
        State("submitted", "Checking eligibility", "We are checking your eligibility.", "blue"),
        State(
            "check_unavailable",
            "Check delayed",
            "The checking service is not answering. We will try again automatically.",
            "yellow",
        ),
        State(
            "needs_review",
            "With an officer",
            "An officer is looking at your application. We will contact you if we need anything.",
            "purple",
        ),
        State(
            "awaiting_evidence",
            "Evidence needed",
            "Send us the evidence we asked for. An officer will then decide.",
            "orange",
        ),
        State(
            "awarded",
            "Awarded",
            "Free school meals are awarded. We have told the schools.",
            "green",
            open=False,
        ),
        State(
            "refused",
            "Not awarded",
            "Free school meals were not awarded. The letter or email we sent says why and "
            "how to ask us to look again.",
            "red",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            "award_automatically",
            "Award after a successful check",
            ("submitted", "check_unavailable"),
            "awarded",
            by="system",
            messages=(m.AWARDED.name,),
            effects=(_tell_schools,),
            effects_send=(m.SCHOOL_TOLD.name,),
        ),
        Transition(
            "refer_to_officer",
            "Refer to an officer",
            ("submitted", "check_unavailable"),
            "needs_review",
            by="system",
            messages=(m.UNDER_REVIEW.name,),
        ),
        Transition(
            "check_unavailable",
            "Record that the check is unavailable",
            ("submitted",),
            "check_unavailable",
            by="system",
            messages=(m.SUBMITTED.name,),
        ),
        Transition(
            "request_evidence",
            "Request evidence",
            ("needs_review", "check_unavailable"),
            "awaiting_evidence",
            by="officer",
            needs_reason=True,
            messages=(m.EVIDENCE_REQUESTED.name,),
            reason_prompt="What evidence do you need?",
            reason_missing="Enter the evidence you need",
        ),
        Transition(
            "evidence_received",
            "Evidence received",
            ("awaiting_evidence",),
            "needs_review",
            by="citizen",
        ),
        Transition(
            "award",
            "Award free school meals",
            ("needs_review", "awaiting_evidence", "check_unavailable"),
            "awarded",
            by="officer",
            messages=(m.AWARDED.name,),
            effects=(_tell_schools,),
            effects_send=(m.SCHOOL_TOLD.name,),
            note_prompt="What evidence did you see? (optional)",
        ),
        Transition(
            "refuse",
            "Refuse",
            ("needs_review", "awaiting_evidence"),
            "refused",
            by="officer",
            needs_reason=True,
            messages=(m.REFUSED.name,),
            reason_prompt="Why are you refusing?",
            reason_missing="Enter why you are refusing",
        ),
    ),
)
