"""Child performance licence case states and moves.

The parent's part comes first (a link on submission), then the producer's documents, then
an officer checks the application and recommends; a licence is a statutory decision, so a
different officer, one the council has authorised, grants or refuses it. Granting issues
the licence and tells the school and the council for each venue.
"""

from __future__ import annotations

from sqlalchemy.orm import object_session

from casework.clocks import long_date, today
from casework.models import Case
from casework.services.performance_licences import licence, notices
from casework.services.performance_licences import messages as m
from casework.services.performance_licences import schedule_answers as sa
from casework.workflow import State, Transition, Workflow

CHECKING = ("with_officer", "parent_declined", "changes_requested", "awaiting_documents")


def schedule_is_grantable(case: Case) -> str | None:
    """Why the licence cannot be granted now: a day has passed, or the schedule breaks the
    limits in force (a council may have changed them since the application came in)."""
    on = today()
    first = sa.first_day(case.answers)
    if first is not None and first < on:
        return (
            f"The first day, {long_date(first)}, has passed. Ask the producer for a new "
            "schedule, or refuse the licence"
        )
    reading = sa.read(object_session(case), case.answers, on)
    if reading.errors:
        return "The schedule breaks the rules: " + next(iter(reading.errors.values()))
    return None


WORKFLOW = Workflow(
    initial="submitted",
    states=(
        State(
            "submitted",
            "Waiting for the parent",
            "We have sent the child's parent a link to complete their part. When they have, "
            "we will ask you for the documents.",
            "blue",
        ),
        State(
            "parent_declined",
            "Parent did not consent",
            "The child's parent did not give their consent. An officer will contact you.",
            "red",
        ),
        State(
            "awaiting_documents",
            "Documents needed",
            "Send us the documents listed on this page. An officer will then check your "
            "application.",
            "orange",
        ),
        State(
            "with_officer",
            "With an officer",
            "An officer is checking your application. We will contact you if we need anything.",
            "purple",
        ),
        State(
            "changes_requested",
            "Changes needed",
            "Send us the changes we asked for from this page. An officer will then look at "
            "your application again.",
            "orange",
        ),
        State(
            "recommended_grant",
            "Grant recommended",
            "An officer has checked your application. An authorised officer will now decide.",
            "turquoise",
        ),
        State(
            "recommended_refusal",
            "Refusal recommended",
            "An officer has checked your application. An authorised officer will now decide.",
            "pink",
        ),
        State(
            "granted",
            "Licence granted",
            "The licence is granted. Download it from this page and keep to its conditions.",
            "green",
            open=False,
        ),
        State(
            "refused",
            "Licence refused",
            "The licence was refused. The email or letter we sent says why.",
            "red",
            open=False,
        ),
        State(
            "withdrawn",
            "Withdrawn",
            "The application was withdrawn.",
            "grey",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            "parent_confirmed",
            "The parent completed their part",
            ("submitted",),
            "awaiting_documents",
            by="system",
            messages=(m.DOCUMENTS_NEEDED.name,),
        ),
        Transition(
            "parent_declined",
            "The parent did not consent",
            ("submitted",),
            "parent_declined",
            by="system",
            messages=(m.PARENT_DECLINED.name,),
        ),
        Transition(
            "parent_part_received",
            "Record the parent's part as received another way",
            ("submitted", "parent_declined"),
            "awaiting_documents",
            by="officer",
            messages=(m.DOCUMENTS_NEEDED.name,),
            note_prompt="How did the parent give their consent and health declaration? (optional)",
        ),
        Transition(
            "documents_received",
            "Documents received",
            ("awaiting_documents",),
            "with_officer",
            by="citizen",
        ),
        Transition(
            "documents_received_otherwise",
            "Record the documents as received another way",
            ("awaiting_documents",),
            "with_officer",
            by="officer",
            note_prompt="Which documents did you receive, and how? (optional)",
        ),
        Transition(
            "request_documents",
            "Ask the producer for documents",
            ("with_officer", "changes_requested"),
            "awaiting_documents",
            by="officer",
            needs_reason=True,
            messages=(m.DOCUMENTS_REQUESTED.name,),
            reason_prompt="Which documents do you need from the producer?",
            reason_missing="Enter the documents you need from the producer",
        ),
        Transition(
            "request_changes",
            "Ask the producer for changes",
            ("with_officer", "parent_declined"),
            "changes_requested",
            by="officer",
            needs_reason=True,
            messages=(m.CHANGES_REQUESTED.name,),
            reason_prompt="What must the producer change before the licence can be granted?",
            reason_missing="Enter what the producer must change",
        ),
        Transition(
            "changes_received",
            "Changes received",
            ("changes_requested",),
            "with_officer",
            by="officer",
            note_prompt="What changed? (optional)",
        ),
        Transition(
            "recommend_grant",
            "Recommend granting the licence",
            ("with_officer",),
            "recommended_grant",
            by="officer",
            guard=schedule_is_grantable,
            note_prompt="Anything the authorised officer should know? (optional)",
        ),
        Transition(
            "recommend_refusal",
            "Recommend refusing the licence",
            CHECKING,
            "recommended_refusal",
            by="officer",
            needs_reason=True,
            reason_prompt="Why should the licence be refused?",
            reason_missing="Enter why the licence should be refused",
        ),
        Transition(
            "send_back",
            "Send back for more checks",
            ("recommended_grant", "recommended_refusal"),
            "with_officer",
            by="officer",
            needs_reason=True,
            reason_prompt="What should be checked again?",
            reason_missing="Enter what should be checked again",
        ),
        Transition(
            "grant",
            "Grant the licence",
            ("recommended_grant",),
            "granted",
            by="officer",
            authorised=True,
            guard=schedule_is_grantable,
            messages=(m.GRANTED.name,),
            effects=(
                licence.issue_licence,
                notices.tell_school,
                notices.tell_venue_councils,
                notices.tell_parent,
                notices.open_inspections,
            ),
            effects_send=(m.SCHOOL_TOLD.name, m.VENUE_COUNCIL_TOLD.name, m.PARENT_GRANTED.name),
        ),
        Transition(
            "refuse",
            "Refuse the licence",
            ("recommended_refusal", "recommended_grant"),
            "refused",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.REFUSED.name,),
            reason_prompt="Why are you refusing the licence? The producer will read this.",
            reason_missing="Enter why you are refusing the licence",
        ),
        Transition(
            "withdraw",
            "Record that the application is withdrawn",
            (
                "submitted",
                "parent_declined",
                "awaiting_documents",
                "with_officer",
                "changes_requested",
                "recommended_grant",
                "recommended_refusal",
            ),
            "withdrawn",
            by="officer",
            needs_reason=True,
            reason_prompt="Why is the application withdrawn?",
            reason_missing="Enter why the application is withdrawn",
        ),
    ),
)
