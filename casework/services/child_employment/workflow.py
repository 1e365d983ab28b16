"""Child employment permit case states and moves.

The employer applies; the parent confirms and consents through a link (``parent``); an
officer prepares the case (recommends a grant or a refusal, or asks the employer for
changes); an officer authorised by the council grants or refuses it (a statutory decision:
never the officer who prepared it). A granted permit can later be revoked, by an
authorised officer, with a reason.
"""

from __future__ import annotations

from casework.services.child_employment import messages as m
from casework.services.child_employment import outcomes
from casework.workflow import State, Transition, Workflow

AWAITING_PARENT = "awaiting_parent"
WITH_OFFICER = "with_officer"
CHANGES_REQUESTED = "changes_requested"
RECOMMENDED_GRANT = "recommended_grant"
RECOMMENDED_REFUSAL = "recommended_refusal"
RECOMMENDED = (RECOMMENDED_GRANT, RECOMMENDED_REFUSAL)
GRANTED = "granted"
# The states in which the council waits for someone else: its clock stands still.
WAITING = (AWAITING_PARENT, CHANGES_REQUESTED)

WORKFLOW = Workflow(
    initial=AWAITING_PARENT,
    states=(
        State(
            AWAITING_PARENT,
            "Waiting for the parent",
            "We have sent the child's parent a link to confirm the child's details and give "
            "their consent. An officer will look at the application once they have.",
            "yellow",
        ),
        State(
            WITH_OFFICER,
            "With an officer",
            "An officer is checking the job and the hours. We will contact you if we need "
            "anything.",
            "blue",
        ),
        State(
            CHANGES_REQUESTED,
            "Changes needed",
            "Send us what we asked for. An officer will then look at the application again.",
            "orange",
        ),
        State(
            RECOMMENDED_GRANT,
            "Waiting for a decision",
            "An officer has checked the application. An officer authorised by the council "
            "will now decide it.",
            "purple",
        ),
        State(
            RECOMMENDED_REFUSAL,
            "Waiting for a decision",
            "An officer has checked the application. An officer authorised by the council "
            "will now decide it.",
            "purple",
        ),
        State(
            GRANTED,
            "Permit granted",
            "The permit is granted. Download it and keep it where the child works.",
            "green",
            open=False,
        ),
        State(
            "refused",
            "Permit refused",
            "The permit was refused. The email or letter we sent says why. The child must "
            "not work for you.",
            "red",
            open=False,
        ),
        State(
            "parent_declined",
            "Parent did not consent",
            "The child's parent did not give consent, so we cannot issue a permit. The child "
            "must not work for you.",
            "red",
            open=False,
        ),
        State(
            "revoked",
            "Permit revoked",
            "The permit was revoked. The email or letter we sent says why. The child must not "
            "work for you.",
            "grey",
            open=False,
        ),
    ),
    transitions=(
        # The parent answers through their link (casework.parties makes these moves).
        Transition(
            "parent_consented",
            "The parent gave consent",
            (AWAITING_PARENT,),
            WITH_OFFICER,
            by="system",
            effects=(outcomes.flag_if_late,),
        ),
        Transition(
            "parent_declined",
            "The parent did not give consent",
            (AWAITING_PARENT,),
            "parent_declined",
            by="system",
            messages=(m.PARENT_DECLINED.name,),
        ),
        # A parent who answers on paper or by phone, or never answers.
        Transition(
            "record_parent_consent",
            "Record consent the parent gave on paper",
            (AWAITING_PARENT,),
            WITH_OFFICER,
            by="officer",
            effects=(outcomes.flag_if_late,),
            note_prompt="How did the parent give consent, and did they declare the child fit "
            "to do the work?",
        ),
        Transition(
            "close_without_consent",
            "Close: the parent has not consented",
            (AWAITING_PARENT,),
            "parent_declined",
            by="officer",
            needs_reason=True,
            messages=(m.PARENT_DECLINED.name,),
            reason_prompt="Why are you closing the application without the parent's consent?",
            reason_missing="Enter why you are closing the application",
        ),
        # The officer prepares the case.
        Transition(
            "request_changes",
            "Ask the employer for changes",
            (WITH_OFFICER, *RECOMMENDED),
            CHANGES_REQUESTED,
            by="officer",
            needs_reason=True,
            messages=(m.CHANGES_REQUESTED.name,),
            reason_prompt="What must the employer change or send? They will read this.",
            reason_missing="Enter what the employer must change or send",
        ),
        Transition(
            "changes_sent",
            "The employer sent changes",
            (CHANGES_REQUESTED,),
            WITH_OFFICER,
            by="citizen",
        ),
        Transition(
            "recommend_grant",
            "Recommend granting the permit",
            (WITH_OFFICER,),
            RECOMMENDED_GRANT,
            by="officer",
            guard=outcomes.hours_within_the_law,
            note_prompt="What did you check? (optional, for the authorising officer)",
        ),
        Transition(
            "recommend_refusal",
            "Recommend refusing the permit",
            (WITH_OFFICER,),
            RECOMMENDED_REFUSAL,
            by="officer",
            needs_reason=True,
            reason_prompt="Why do you recommend refusing the permit? The authorising officer "
            "reads this.",
            reason_missing="Enter why you recommend refusing the permit",
        ),
        # The authorised officer decides (never the one who prepared the case).
        Transition(
            "grant",
            "Grant the permit",
            RECOMMENDED,
            GRANTED,
            by="officer",
            authorised=True,
            guard=outcomes.hours_within_the_law,
            messages=(m.GRANTED.name,),
            effects=(
                outcomes.issue_permit,
                outcomes.tell_parent(m.PARENT_GRANTED.name),
                outcomes.tell_school(m.SCHOOL_GRANTED.name),
            ),
            effects_send=(m.PARENT_GRANTED.name, m.SCHOOL_GRANTED.name),
        ),
        Transition(
            "refuse",
            "Refuse the permit",
            RECOMMENDED,
            "refused",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.REFUSED.name,),
            effects=(outcomes.tell_parent(m.PARENT_REFUSED.name),),
            effects_send=(m.PARENT_REFUSED.name,),
            reason_prompt="Why is the permit refused? The employer and the parent will read this.",
            reason_missing="Enter why the permit is refused",
        ),
        Transition(
            "revoke",
            "Revoke the permit",
            (GRANTED,),
            "revoked",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.REVOKED.name,),
            effects=(
                outcomes.tell_parent(m.PARENT_REVOKED.name),
                outcomes.tell_school(m.SCHOOL_REVOKED.name),
            ),
            effects_send=(m.PARENT_REVOKED.name, m.SCHOOL_REVOKED.name),
            reason_prompt="Why are you revoking the permit? The employer and the parent will "
            "read this.",
            reason_missing="Enter why you are revoking the permit",
        ),
    ),
)
