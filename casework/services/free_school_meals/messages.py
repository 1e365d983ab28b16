"""The messages free school meals sends. Wording is what a council copies into Notify.

((council_name)) and ((contact_url)) are filled for every message by the outbox. Texts start
with the council's name, so people know who they are from, and never carry an officer's
reason: that may be long and is better read on the case page, in an email or in a letter.
No email asks people to reply to it; each gives the contact page instead.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChildren's services\n((council_name))"

SUBMITTED = Message(
    name="fsm_submitted",
    description="Sent when the automatic check cannot decide straight away, so the parent "
    "knows we have their application (a quick outcome is its own confirmation)",
    # ((due_date)) is the case's due date, the one its status page gives (casework.promises).
    personalisation=("council_name", "parent_name", "reference", "due_date"),
    wording={
        "email": Wording(
            subject="We have your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nWe have received your application for free "
            "school meals. Your reference is ((reference)).\n\nWe are checking your "
            "eligibility and will tell you the outcome. We aim to decide by ((due_date))."
            + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your free school meals application "
            "((reference)). We will tell you the outcome. We aim to decide by ((due_date))."
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

# Which children, from when, for how long, and what to tell us later.
_LASTS = (
    "last until the end of each child's current stage of school (primary or secondary). We "
    "may check your eligibility again from time to time."
)
_CHANGES = (
    "Tell us if your circumstances change, for example if a child moves school or no longer "
    "lives with you"
)

AWARDED = Message(
    name="fsm_awarded",
    description="Sent when free school meals are awarded",
    personalisation=("council_name", "contact_url", "parent_name", "reference", "children"),
    wording={
        "email": Wording(
            subject="Free school meals awarded ((reference))",
            body="Dear ((parent_name)),\n\nYour children are entitled to free school "
            "meals:\n\n((children))\n\nWe have told their schools. The meals start today and "
            + _LASTS
            + "\n\nYou do not need to do anything else. "
            + _CHANGES
            + ": contact "
            "us at ((contact_url)) and give your reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Free school meals are awarded from today for:\n"
            "((children))\nThey last until the end of each child's current stage of school. "
            "We have told the schools. " + _CHANGES + ": ((contact_url)) (ref ((reference)))"
        ),
        "letter": Wording(
            subject="Free school meals awarded ((reference))",
            body="Dear ((parent_name)),\n\nYour children are entitled to free school "
            "meals:\n\n((children))\n\nWe have told their schools. The meals start from the "
            "date of this letter and "
            + _LASTS
            + "\n\nYou do not need to do anything else. "
            + _CHANGES
            + ": write to us at the address at the top of this letter or contact "
            "us at ((contact_url)), giving your reference, ((reference))." + _SIGN_OFF,
        ),
    },
)

SCHOOL_TOLD = Message(
    name="fsm_school_award",
    description="Tells a school that a pupil has been awarded free school meals",
    personalisation=(
        "council_name",
        "school_name",
        "child_name",
        "child_date_of_birth",
        "reference",
    ),
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
    personalisation=("council_name", "parent_name", "reference", "due_date"),
    wording={
        "email": Wording(
            subject="We are looking at your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nThe automatic check could not confirm that you "
            "qualify for free school meals. An officer will look at your application. "
            "We aim to decide by ((due_date)).\n\nWe will contact you if we need anything "
            "from you." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): An officer is looking at your free school meals "
            "application ((reference)). We aim to decide by ((due_date))."
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
    personalisation=("council_name", "parent_name", "reference", "reason", "case_url"),
    wording={
        "email": Wording(
            subject="We need evidence for your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nTo decide your application we need:\n\n"
            "((reason))\n\nUpload it at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We need evidence for your free school meals application "
            "((reference)). See what we need and send it at ((case_url))"
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
    personalisation=(
        "council_name",
        "contact_url",
        "parent_name",
        "reference",
        "reason",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Your free school meals application ((reference))",
            body="Dear ((parent_name)),\n\nWe cannot award free school meals because:\n\n"
            "((reason))\n\nIf your circumstances change, you can apply again. If you "
            "think this decision is wrong, contact us at ((contact_url)) within 20 working "
            "days, giving your reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We cannot award free school meals (ref ((reference))). "
            "See why at ((case_url)). If you think this is wrong, contact us within 20 "
            "working days: ((contact_url))"
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
