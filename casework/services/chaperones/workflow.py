"""Chaperone approval case states and moves.

References and a photo first (the clock stands still while we wait for them), then an
officer records the DBS check and the face-to-face interview (in either order) and
recommends; an authorised officer approves or refuses, a statutory decision made by
someone other than the officer who prepared it. An approval is then approved, suspended
(which can be lifted), revoked (final) or, on the first day after its last valid day,
expired.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import clocks, issued, outbox
from casework.catalogue import get_service
from casework.models import Case, CaseEvent
from casework.services.chaperones import approvals, card, references
from casework.services.chaperones import messages as m
from casework.workflow import (
    SYSTEM,
    Actor,
    IllegalTransition,
    State,
    Transition,
    Workflow,
    apply_transition,
)

CHECK_STATES = ("checks", "dbs_checked", "interviewed", "ready")
# Where a standing approval can be suspended, revoked or expire from.
STANDING = ("approved", "suspended")

REFEREE_FLAG = (
    "A referee has concerns about this applicant or would not recommend them. Read the "
    "references before you decide."
)


def _move(session: Session, case: Case, transition: str) -> None:
    """A further system move the outcome of this one calls for, in the same transaction."""
    apply_transition(session, get_service(case.service), case.id, transition, SYSTEM)


def _send(session: Session, case: Case, message: str) -> None:
    outbox.queue_for_case(session, get_service(case.service), case, message)


def _flag_referee_concerns(session: Session, case: Case) -> None:
    if references.any_flagged(session, case.id):
        case.attention = REFEREE_FLAG


def _photo_or_ask_for_it(session: Session, case: Case) -> None:
    """With a printable photo already sent, the case goes straight to the officers."""
    if approvals.card_photo(session, case.id) is not None:
        _move(session, case, "photo_on_file")
    else:
        _send(session, case, m.PHOTO_NEEDED.name)


def _check_the_photo(session: Session, case: Case) -> None:
    """An upload moved the case on: send it back if nothing sent is a photo we can print
    (a PDF, a damaged image), so the officers only get cases with a card photo."""
    sent_something = bool(approvals.uploads(session, case.id))
    if sent_something and approvals.card_photo(session, case.id) is None:
        _move(session, case, "photo_unusable")
    else:
        _send(session, case, m.WITH_OFFICER.name)


def _deciding_officer(session: Session, case: Case) -> Actor:
    event = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
    ).first()
    if event is None or event.actor_kind != "officer":
        return SYSTEM
    return Actor(kind="officer", label=event.actor_label, id=event.actor_id)


def _approve(session: Session, case: Case) -> None:
    """The approval number and dates, the card with the photo, and the message giving both."""
    photo = approvals.card_photo(session, case.id)
    if photo is None:
        raise IllegalTransition(
            "There is no photo of the applicant we can print on the approval card. Ask them "
            "for a new photo before approving."
        )
    approval = approvals.grant(session, case, clocks.today())
    try:
        document = card.approval_card(session, case, approval, photo.content)
        issued.issue(
            session,
            case,
            document,
            kind=card.KIND,
            filename=card.filename(approval),
            issued_by=_deciding_officer(session, case),
        )
    except issued.DocumentError as exc:
        raise IllegalTransition(f"The approval card cannot be printed: {exc}") from None
    _send(session, case, m.APPROVED.name)


WORKFLOW = Workflow(
    initial="awaiting_references",
    states=(
        State(
            "awaiting_references",
            "Waiting for references",
            "We have sent your referees a link to give you a reference. Send us a photo of "
            "your face now if you have not already.",
            "yellow",
        ),
        State(
            "awaiting_photo",
            "Photo needed",
            "Send us a recent photo of your face, as a JPG or PNG. We print it on your "
            "approval card.",
            "orange",
        ),
        State(
            "checks",
            "DBS check and interview to do",
            "An officer will check your DBS certificate and contact you to arrange a "
            "face-to-face interview.",
            "blue",
        ),
        State(
            "dbs_checked",
            "Interview to do",
            "We have checked your DBS certificate. An officer will contact you to arrange a "
            "face-to-face interview.",
            "blue",
        ),
        State(
            "interviewed",
            "DBS check to do",
            "Thank you for coming to your interview. An officer is checking your DBS certificate.",
            "blue",
        ),
        State(
            "ready",
            "Ready to recommend",
            "An officer is preparing your application for a decision.",
            "purple",
        ),
        State(
            "recommended_approval",
            "Recommended for approval",
            "An authorised officer will make the decision. We will tell you the outcome.",
            "purple",
        ),
        State(
            "recommended_refusal",
            "Recommended for refusal",
            "An authorised officer will make the decision. We will tell you the outcome.",
            "purple",
        ),
        State(
            "approved",
            "Approved",
            "You are an approved chaperone. Download your approval card below and carry it "
            "when you chaperone.",
            "green",
            open=False,
        ),
        State(
            "suspended",
            "Suspended",
            "Your approval is suspended: do not act as a chaperone. We will tell you what "
            "we decide.",
            "orange",
        ),
        State(
            "expired",
            "Expired",
            "Your approval has ended. Apply again to be approved.",
            "grey",
            open=False,
        ),
        State(
            "revoked",
            "Revoked",
            "Your approval is revoked. The email or letter we sent says why.",
            "red",
            open=False,
        ),
        State(
            "refused",
            "Not approved",
            "We did not approve you. The email or letter we sent says why.",
            "red",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            "references_received",
            "Both references received",
            ("awaiting_references",),
            "awaiting_photo",
            by="system",
            effects=(_flag_referee_concerns, _photo_or_ask_for_it),
            effects_send=(m.PHOTO_NEEDED.name,),
        ),
        Transition(
            "photo_received",
            "Photo received",
            ("awaiting_photo",),
            "checks",
            by="citizen",
            effects=(_check_the_photo,),
            effects_send=(m.WITH_OFFICER.name,),
        ),
        Transition(
            "photo_on_file",
            "Photo already received",
            ("awaiting_photo",),
            "checks",
            by="system",
            messages=(m.WITH_OFFICER.name,),
        ),
        Transition(
            "photo_unusable",
            "File sent is not a photo we can print",
            ("checks",),
            "awaiting_photo",
            by="system",
            messages=(m.PHOTO_UNUSABLE.name,),
        ),
        Transition(
            "ask_for_new_photo",
            "Ask for a new photo",
            ("checks",),
            "awaiting_photo",
            by="officer",
            needs_reason=True,
            messages=(m.NEW_PHOTO_NEEDED.name,),
            reason_prompt="Why do you need a new photo? The applicant reads this.",
            reason_missing="Enter why you need a new photo",
        ),
        # The DBS check and the interview, in whichever order they happen: each recorded
        # once, with what the officer found, and both before a recommendation to approve.
        Transition(
            "record_dbs_check",
            "Record the DBS check",
            ("checks",),
            "dbs_checked",
            by="officer",
            needs_reason=True,
            reason_prompt="What did the DBS check show? Say how you checked it (the "
            "certificate seen, or the update service) and whether it disclosed anything.",
            reason_missing="Enter what the DBS check showed",
        ),
        Transition(
            "record_dbs_check_after_interview",
            "Record the DBS check",
            ("interviewed",),
            "ready",
            by="officer",
            needs_reason=True,
            reason_prompt="What did the DBS check show? Say how you checked it (the "
            "certificate seen, or the update service) and whether it disclosed anything.",
            reason_missing="Enter what the DBS check showed",
        ),
        Transition(
            "record_interview",
            "Record the interview",
            ("checks",),
            "interviewed",
            by="officer",
            needs_reason=True,
            reason_prompt="When was the face-to-face interview, who held it, and what was "
            "the outcome? Say which identity documents you saw.",
            reason_missing="Enter the date and outcome of the interview",
        ),
        Transition(
            "record_interview_after_dbs_check",
            "Record the interview",
            ("dbs_checked",),
            "ready",
            by="officer",
            needs_reason=True,
            reason_prompt="When was the face-to-face interview, who held it, and what was "
            "the outcome? Say which identity documents you saw.",
            reason_missing="Enter the date and outcome of the interview",
        ),
        Transition(
            "recommend_approval",
            "Recommend approval",
            ("ready",),
            "recommended_approval",
            by="officer",
            needs_reason=True,
            reason_prompt="Why do you recommend approval? The authorising officer reads this.",
            reason_missing="Enter why you recommend approval",
        ),
        Transition(
            "recommend_refusal",
            "Recommend refusal",
            CHECK_STATES,
            "recommended_refusal",
            by="officer",
            needs_reason=True,
            reason_prompt="Why do you recommend refusal? The authorising officer reads this.",
            reason_missing="Enter why you recommend refusal",
        ),
        Transition(
            "send_back",
            "Send back to the preparing officer",
            ("recommended_approval",),
            "ready",
            by="officer",
            needs_reason=True,
            reason_prompt="What should the preparing officer look at again?",
            reason_missing="Enter what the preparing officer should look at again",
        ),
        Transition(
            "send_back_refusal",
            "Send back to the preparing officer",
            ("recommended_refusal",),
            "checks",
            by="officer",
            needs_reason=True,
            reason_prompt="What should the preparing officer look at again?",
            reason_missing="Enter what the preparing officer should look at again",
        ),
        Transition(
            "approve",
            "Approve as a chaperone",
            ("recommended_approval",),
            "approved",
            by="officer",
            authorised=True,
            effects=(_approve,),
            effects_send=(m.APPROVED.name,),
            note_prompt="Add a note for the case record (optional)",
        ),
        Transition(
            "refuse",
            "Refuse approval",
            ("recommended_approval", "recommended_refusal"),
            "refused",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.REFUSED.name,),
            reason_prompt="Why are you refusing? The applicant reads this.",
            reason_missing="Enter why you are refusing",
        ),
        Transition(
            "suspend",
            "Suspend the approval",
            ("approved",),
            "suspended",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.SUSPENDED.name,),
            reason_prompt="Why are you suspending the approval? The chaperone reads this.",
            reason_missing="Enter why you are suspending the approval",
        ),
        Transition(
            "lift_suspension",
            "Lift the suspension",
            ("suspended",),
            "approved",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.SUSPENSION_LIFTED.name,),
            reason_prompt="Why can the suspension be lifted? This stays on the case record.",
            reason_missing="Enter why the suspension can be lifted",
        ),
        Transition(
            "revoke",
            "Revoke the approval",
            STANDING,
            "revoked",
            by="officer",
            authorised=True,
            needs_reason=True,
            messages=(m.REVOKED.name,),
            reason_prompt="Why are you revoking the approval? The chaperone reads this.",
            reason_missing="Enter why you are revoking the approval",
        ),
        Transition(
            "expire",
            "Approval expired",
            STANDING,
            "expired",
            by="system",
            messages=(m.EXPIRED.name,),
        ),
    ),
)
