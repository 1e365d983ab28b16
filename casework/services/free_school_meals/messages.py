"""The messages free school meals sends. Wording is what a council copies into Notify."""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChildren's services"

SUBMITTED = Message(
    name="fsm_submitted",
    description="Sent when a free school meals application is received",
    # ((due_date)) is the case's due date, the one its status page gives (casework.promises).
    personalisation=("parent_name", "reference", "due_date"),
    wording={
        "email": Wording(
            subject="We have your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nWe have received your application for free "
            "school meals. Your reference is ((reference)).\n\nWe are checking your "
            "eligibility and will tell you the outcome. We aim to decide by ((due_date))."
            + _SIGN_OFF,
        ),
        "sms": Wording(
            body="We have your free school meals application ((reference)). We will "
            "tell you the outcome. We aim to decide by ((due_date))."
        ),
        "letter": Wording(
            subject="Your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nWe have received your application for free "
            "school meals. Your reference is ((reference)).\n\nWe are checking your "
            "eligibility and will write to you with the outcome. We aim to decide by "
            "((due_date))." + _SIGN_OFF,
        ),
    },
)

AWARDED = Message(
    name="fsm_awarded",
    description="Sent when free school meals are awarded",
    personalisation=("parent_name", "reference", "children"),
    wording={
        "email": Wording(
            subject="Free school meals awarded ((reference))",
            body="Dear ((parent_name)),\n\nYour children are entitled to free school "
            "meals:\n\n((children))\n\nWe have told their schools. You do not need to do "
            "anything else." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="Free school meals awarded (ref ((reference))). We have told the "
            "schools; you do not need to do anything else."
        ),
        "letter": Wording(
            subject="Free school meals awarded ((reference))",
            body="Dear ((parent_name)),\n\nYour children are entitled to free school "
            "meals:\n\n((children))\n\nWe have told their schools. You do not need to do "
            "anything else." + _SIGN_OFF,
        ),
    },
)

SCHOOL_TOLD = Message(
    name="fsm_school_award",
    description="Tells a school that a pupil has been awarded free school meals",
    personalisation=("school_name", "child_name", "child_date_of_birth", "reference"),
    wording={
        "email": Wording(
            subject="Free school meals awarded: ((child_name))",
            body="((school_name)),\n\n((child_name)), born ((child_date_of_birth)), is "
            "entitled to free school meals from today (reference ((reference))). Please "
            "record this for the school census and Pupil Premium." + _SIGN_OFF,
        ),
    },
)

UNDER_REVIEW = Message(
    name="fsm_under_review",
    description="Sent when the automatic check could not confirm eligibility",
    # The date to decide by, the same day the status page gives (casework.promises): the
    # date is when we decide, not only when we might get in touch.
    personalisation=("parent_name", "reference", "due_date"),
    wording={
        "email": Wording(
            subject="We are looking at your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nThe automatic check could not confirm that you "
            "qualify for free school meals. An officer will look at your application. "
            "We aim to decide by ((due_date)).\n\nWe will contact you if we need anything "
            "from you." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="An officer is looking at your free school meals application "
            "((reference)). We aim to decide by ((due_date))."
        ),
        "letter": Wording(
            subject="We are looking at your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nThe automatic check could not confirm that you "
            "qualify for free school meals. An officer will look at your application. "
            "We aim to decide by ((due_date)).\n\nWe will write to you if we need anything "
            "from you." + _SIGN_OFF,
        ),
    },
)

EVIDENCE_REQUESTED = Message(
    name="fsm_evidence_requested",
    description="Asks the parent for evidence of a qualifying benefit",
    personalisation=("parent_name", "reference", "reason", "case_url"),
    wording={
        "email": Wording(
            subject="We need evidence for your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nTo decide your application we need:\n\n"
            "((reason))\n\nUpload it at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="We need evidence for your free school meals application ((reference)). "
            "Check your email or visit ((case_url))"
        ),
        "letter": Wording(
            subject="We need evidence for your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nTo decide your application we need:\n\n"
            "((reason))\n\nSend it to us online at ((case_url)) or by post to the address "
            "at the top of this letter, quoting ((reference))." + _SIGN_OFF,
        ),
    },
)

REFUSED = Message(
    name="fsm_refused",
    description="Tells the parent their application was refused and why",
    personalisation=("parent_name", "reference", "reason"),
    wording={
        "email": Wording(
            subject="Your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nWe cannot award free school meals because:\n\n"
            "((reason))\n\nIf your circumstances change, you can apply again. If you "
            "think this decision is wrong, reply to this email within 20 working days." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="We cannot award free school meals (ref ((reference))): ((reason)) "
            "To ask us to look again, reply within 20 working days."
        ),
        "letter": Wording(
            subject="Your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nWe cannot award free school meals because:\n\n"
            "((reason))\n\nIf your circumstances change, you can apply again. If you "
            "think this decision is wrong, write to us within 20 working days quoting "
            "((reference))." + _SIGN_OFF,
        ),
    },
)


ALL = (
    SUBMITTED,
    AWARDED,
    SCHOOL_TOLD,
    UNDER_REVIEW,
    EVIDENCE_REQUESTED,
    REFUSED,
)
