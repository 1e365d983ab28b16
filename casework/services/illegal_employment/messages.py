"""What a report of illegal employment sends: only that it arrived, and only to a reporter
who gave an email address or a mobile number.

Nothing is ever sent about what an investigation finds: the employer and the child's family
are entitled to confidentiality too, and an outcome may lead to enforcement. ((council_name))
and ((contact_url)) are filled by the outbox.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChild employment team\n((council_name))"

_DANGER = (
    "If you think a child is in danger now, call 999. If you are worried about a child's "
    "safety, contact us at ((contact_url))."
)

RECEIVED = Message(
    name="illegal_employment_report_received",
    description="Tells someone who reported illegal employment that we have their report",
    personalisation=("council_name", "contact_url", "reporter_name", "reference"),
    wording={
        "email": Wording(
            subject="We have your report ((reference))",
            body="Dear ((reporter_name)),\n\nThank you for telling us about a child you think "
            "may be working illegally. Your reference is ((reference)).\n\nAn officer will "
            "look into it. We may contact you if we need to know more.\n\nWe will not tell "
            "the employer, the child or the child's family who made the report. We will not "
            "tell you what our investigation finds.\n\n" + _DANGER + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your report about a child working (ref "
            "((reference))). An officer will look into it. We keep who reported it "
            "confidential. We will not tell you what we find."
        ),
    },
)

ALL = (RECEIVED,)
