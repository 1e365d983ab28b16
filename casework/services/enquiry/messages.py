"""The messages an enquiry sends. Wording is what a council copies into Notify.

((council_name)) and ((contact_url)) are filled for every message by the outbox; texts start
with the council's name so people know who they are from.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChildren's services\n((council_name))"

RECEIVED = Message(
    name="enquiry_received",
    description="Sent when the assistant passes a question to the team",
    personalisation=("council_name", "reference", "due_date"),
    wording={
        "email": Wording(
            subject="We have your question ((reference))",
            body="We have your question and the conversation you had with our assistant. "
            "Your reference is ((reference)).\n\nSomeone from our team will reply by "
            "((due_date))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your question (ref ((reference))). Someone from "
            "our team will reply by ((due_date))."
        ),
    },
)

# Here the officer's words are the answer itself, not a reason for a decision, so the text
# carries them: someone who asked by text may have no other way to read the reply.
ANSWERED = Message(
    name="enquiry_answered",
    description="An officer's reply to a question handed over by the assistant",
    personalisation=("council_name", "contact_url", "reference", "reason"),
    wording={
        "email": Wording(
            subject="Our reply to your question ((reference))",
            body="((reason))\n\nIf you have another question, contact us at ((contact_url)) "
            "and give your reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(body="((council_name)): ((reason)) (ref ((reference)))"),
    },
)


ALL = (
    RECEIVED,
    ANSWERED,
)
