"""The messages an enquiry sends. Wording is what a council copies into Notify."""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChildren's services"

RECEIVED = Message(
    name="enquiry_received",
    description="Sent when the assistant passes a question to the team",
    personalisation=("reference", "due_date"),
    wording={
        "email": Wording(
            subject="We have your question ((reference))",
            body="We have your question and the conversation you had with our assistant. "
            "Your reference is ((reference)).\n\nSomeone from our team will reply by "
            "((due_date))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="We have your question (ref ((reference))). Someone from our team will "
            "reply by ((due_date))."
        ),
    },
)

ANSWERED = Message(
    name="enquiry_answered",
    description="An officer's reply to a question handed over by the assistant",
    personalisation=("reference", "reason"),
    wording={
        "email": Wording(
            subject="Our reply to your question ((reference))",
            body="((reason))" + _SIGN_OFF,
        ),
        "sms": Wording(body="((reason)) (ref ((reference)))"),
    },
)


ALL = (
    RECEIVED,
    ANSWERED,
)
