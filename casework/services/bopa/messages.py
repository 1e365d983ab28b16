"""The messages a Body of Persons Approval application sends the group's responsible person.

((council_name)) and ((contact_url)) are filled for every message by the outbox. Texts start
with the council's name and never carry an officer's reason.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nEducation welfare team\n((council_name))"

RECEIVED = Message(
    name="bopa_received",
    description="Tells the group we have its application for a Body of Persons Approval",
    personalisation=("council_name", "applicant_name", "group_name", "reference", "first_date"),
    wording={
        "email": Wording(
            subject="We have your Body of Persons Approval application ((reference))",
            body="Dear ((applicant_name)),\n\nWe have ((group_name))'s application for a Body "
            "of Persons Approval. Your reference is ((reference)).\n\nAn officer will check "
            "it and we will decide before the first date, ((first_date)). We will contact "
            "you if we need anything." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have ((group_name))'s Body of Persons Approval "
            "application (ref ((reference))). We will decide before ((first_date))."
        ),
        "letter": Wording(
            subject="Your Body of Persons Approval application ((reference))",
            body="Dear ((applicant_name)),\n\nWe have ((group_name))'s application for a Body "
            "of Persons Approval. Your reference is ((reference)).\n\nAn officer will check "
            "it and we will decide before the first date, ((first_date)). We will write to "
            "you if we need anything." + _SIGN_OFF,
        ),
    },
)

INFORMATION_REQUESTED = Message(
    name="bopa_information_requested",
    description="Asks the group for information an officer needs",
    personalisation=("council_name", "applicant_name", "reference", "reason", "case_url"),
    wording={
        "email": Wording(
            subject="We need more information: Body of Persons Approval ((reference))",
            body="Dear ((applicant_name)),\n\nTo decide the application we need:\n\n"
            "((reason))\n\nSend it at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We need more information for Body of Persons Approval "
            "application ((reference)). See what at ((case_url))"
        ),
        "letter": Wording(
            subject="We need more information: Body of Persons Approval ((reference))",
            body="Dear ((applicant_name)),\n\nTo decide the application we need:\n\n"
            "((reason))\n\nSend it at ((case_url)) or by post, quoting ((reference))." + _SIGN_OFF,
        ),
    },
)

APPROVED = Message(
    name="bopa_approved",
    description="Tells the group its Body of Persons Approval is granted",
    personalisation=(
        "council_name",
        "applicant_name",
        "group_name",
        "production_name",
        "reference",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Body of Persons Approval granted ((reference))",
            body="Dear ((applicant_name)),\n\nWe have approved ((group_name)) for "
            "((production_name)). Children can take part without a licence each, as long as "
            "none is paid more than expenses and none misses school.\n\nDownload the "
            "approval and its conditions at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): ((group_name)) is approved for ((production_name)) "
            "(ref ((reference))). Download the approval at ((case_url))"
        ),
        "letter": Wording(
            subject="Body of Persons Approval granted ((reference))",
            body="Dear ((applicant_name)),\n\nWe have approved ((group_name)) for "
            "((production_name)). Children can take part without a licence each, as long as "
            "none is paid more than expenses and none misses school.\n\nDownload the "
            "approval and its conditions at ((case_url))" + _SIGN_OFF,
        ),
    },
)

REFUSED = Message(
    name="bopa_refused",
    description="Tells the group its Body of Persons Approval is refused and why",
    personalisation=(
        "council_name",
        "contact_url",
        "applicant_name",
        "group_name",
        "reference",
        "reason",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Body of Persons Approval refused ((reference))",
            body="Dear ((applicant_name)),\n\nWe cannot approve ((group_name)) because:\n\n"
            "((reason))\n\nChildren can still take part if each has a licence. To talk "
            "about it, contact us at ((contact_url)), giving your reference, ((reference))."
            + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We cannot approve ((group_name)) (ref ((reference))). "
            "See why at ((case_url))"
        ),
        "letter": Wording(
            subject="Body of Persons Approval refused ((reference))",
            body="Dear ((applicant_name)),\n\nWe cannot approve ((group_name)) because:\n\n"
            "((reason))\n\nChildren can still take part if each has a licence. To talk "
            "about it, write to us quoting ((reference))." + _SIGN_OFF,
        ),
    },
)

ALL = (RECEIVED, INFORMATION_REQUESTED, APPROVED, REFUSED)
