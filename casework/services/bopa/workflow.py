"""Body of Persons Approval case states and moves: an officer checks the group's
arrangements and recommends; an authorised officer approves or refuses (a statutory
decision, like a licence)."""

from __future__ import annotations

from casework.services.bopa import approval
from casework.services.bopa import messages as m
from casework.workflow import State, Transition, Workflow

WORKFLOW = Workflow(
    initial="submitted",
    states=(
        State(
            "submitted",
            "With an officer",
            "An officer is checking the application. We will contact you if we need anything.",
            "blue",
        ),
        State(
            "information_requested",
            "Information needed",
            "Send us what we asked for from this page. An officer will then check the "
            "application again.",
            "orange",
        ),
        State(
            "recommended_approval",
            "Approval recommended",
            "An officer has checked the application. An authorised officer will now decide.",
            "turquoise",
        ),
        State(
            "recommended_refusal",
            "Refusal recommended",
            "An officer has checked the application. An authorised officer will now decide.",
            "pink",
        ),
        State(
            "approved",
            "Approved",
            "The group is approved. Download the approval from this page and keep to its "
            "conditions.",
            "green",
            open=False,
        ),
        State(
            "refused",
            "Not approved",
            "The group was not approved. The email or letter we sent says why.",
            "red",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            "request_information",
            "Ask the group for information",
            ("submitted",),
            "information_requested",
            by="officer",
            needs_reason=True,
            messages=(m.INFORMATION_REQUESTED.name,),
            reason_prompt="What do you need from the group?",
            reason_missing="Enter what you need from the group",
        ),
        Transition(
            "information_received",
            "Information received",
            ("information_requested",),
            "submitted",
            by="citizen",
        ),
        Transition(
            "recommend_approval",
            "Recommend approving the group",
            ("submitted", "information_requested"),
            "recommended_approval",
            by="officer",
            note_prompt="Anything the authorised officer should know? (optional)",
        ),
        Transition(
            "recommend_refusal",
            "Recommend refusing",
            ("submitted", "information_requested"),
            "recommended_refusal",
            by="officer",
            needs_reason=True,
            reason_prompt="Why should the approval be refused?",
            reason_missing="Enter why the approval should be refused",
        ),
        Transition(
            "send_back",
            "Send back for more checks",
            ("recommended_approval", "recommended_refusal"),
            "submitted",
            by="officer",
            needs_reason=True,
            reason_prompt="What should be checked again?",
            reason_missing="Enter what should be checked again",
        ),
        Transition(
            "approve",
            "Approve the group",
            ("recommended_approval",),
            "approved",
            by="officer",
            authorised=True,
            messages=(m.APPROVED.name,),
            effects=(approval.issue_approval,),
        ),
        Transition(
            "refuse",
            "Refuse the approval",
            ("recommended_refusal", "recommended_approval"),
            "refused",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.REFUSED.name,),
            reason_prompt="Why are you refusing the approval? The group will read this.",
            reason_missing="Enter why you are refusing the approval",
        ),
    ),
)
