"""The messages child employment permits send. Wording is what a council copies into Notify.

Three kinds of reader: the employer who applied (by the ways they gave: email, text,
letter), the child's parent (by email and text, the ways the employer gave for them), and
the child's school (by email, from the schools table). ((council_name)) and
((contact_url)) are filled for every message by the outbox. Texts start with the council's
name and never carry an officer's reason, which is read in an email, a letter or the
account instead. No email asks people to reply to it.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nEducation welfare team\nChildren's services\n((council_name))"

# --- To the employer --------------------------------------------------------------------

RECEIVED = Message(
    name="child_employment_received",
    description="Tells the employer we have their application and have asked the parent "
    "for consent",
    personalisation=(
        "council_name",
        "employer_name",
        "business_name",
        "reference",
        "child_name",
        "parent_name",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="We have your child employment permit application ((reference))",
            body="Dear ((employer_name)),\n\nWe have received ((business_name))'s application "
            "for a permit to employ ((child_name)). Your reference is ((reference)).\n\n"
            "We have sent ((parent_name)) a link to confirm the child's details and give "
            "their consent. Once they have, an officer will look at your application. We aim "
            "to issue a permit within a week of the parent's consent.\n\nYou can see the "
            "progress of your application at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your application to employ ((child_name)) "
            "(ref ((reference))). We have asked ((parent_name)) for consent. Progress: "
            "((case_url))"
        ),
        "letter": Wording(
            subject="Your child employment permit application ((reference))",
            body="Dear ((employer_name)),\n\nWe have received ((business_name))'s application "
            "for a permit to employ ((child_name)). Your reference is ((reference)).\n\n"
            "We have asked ((parent_name)) to confirm the child's details and give their "
            "consent. Once they have, an officer will look at your application. We aim to "
            "issue a permit within a week of the parent's consent." + _SIGN_OFF,
        ),
    },
)

PARENT_DECLINED = Message(
    name="child_employment_parent_declined",
    description="Tells the employer the parent did not give consent, so there is no permit",
    personalisation=(
        "council_name",
        "contact_url",
        "employer_name",
        "reference",
        "child_name",
        "parent_name",
    ),
    wording={
        "email": Wording(
            subject="No permit to employ ((child_name)) ((reference))",
            body="Dear ((employer_name)),\n\n((parent_name)) has not given consent for "
            "((child_name)) to do this job, so we cannot issue a permit. Your application "
            "((reference)) is closed.\n\nYou must not employ ((child_name)). If they have "
            "started work, they must stop.\n\nIf you have questions, contact us at "
            "((contact_url))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): ((parent_name)) has not given consent for ((child_name)) "
            "to work for you, so there is no permit (ref ((reference))). You must not employ "
            "them."
        ),
        "letter": Wording(
            subject="No permit to employ ((child_name)) ((reference))",
            body="Dear ((employer_name)),\n\n((parent_name)) has not given consent for "
            "((child_name)) to do this job, so we cannot issue a permit. Your application "
            "((reference)) is closed.\n\nYou must not employ ((child_name)). If they have "
            "started work, they must stop." + _SIGN_OFF,
        ),
    },
)

CHANGES_REQUESTED = Message(
    name="child_employment_changes_requested",
    description="Asks the employer to change or add something before we decide",
    personalisation=(
        "council_name",
        "employer_name",
        "reference",
        "child_name",
        "reason",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="We need changes to your child employment permit application ((reference))",
            body="Dear ((employer_name)),\n\nBefore we can decide your application to employ "
            "((child_name)), we need:\n\n((reason))\n\nSend what we asked for, such as a "
            "new timetable of hours or your risk assessment, at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We need changes to your application to employ "
            "((child_name)) (ref ((reference))). See what we need and reply at ((case_url))"
        ),
        "letter": Wording(
            subject="We need changes to your child employment permit application ((reference))",
            body="Dear ((employer_name)),\n\nBefore we can decide your application to employ "
            "((child_name)), we need:\n\n((reason))\n\nSend it to us online at ((case_url)) "
            "or by post to the address at the top of this letter, quoting ((reference))."
            + _SIGN_OFF,
        ),
    },
)

GRANTED = Message(
    name="child_employment_granted",
    description="Tells the employer the permit is granted, with where to download it",
    personalisation=(
        "council_name",
        "employer_name",
        "child_name",
        "permit_number",
        "permitted_hours",
        "valid_until",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Child employment permit granted ((permit_number))",
            body="Dear ((employer_name)),\n\nWe have granted a permit for you to employ "
            "((child_name)). The permit number is ((permit_number)).\n\nDownload the permit "
            "at ((case_url)) and keep it where you employ the child. It lasts until "
            "((valid_until)) unless the job or the hours change.\n\nThe child may work only "
            "at these times:\n\n((permitted_hours))\n\nTell us before you change the job or "
            "the hours: you will need a new permit. We have told the child's parent and "
            "school." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Permit ((permit_number)) granted to employ ((child_name)). "
            "Download it and keep it at work: ((case_url))"
        ),
        "letter": Wording(
            subject="Child employment permit granted ((permit_number))",
            body="Dear ((employer_name)),\n\nWe have granted a permit for you to employ "
            "((child_name)). The permit number is ((permit_number)).\n\nYou can download the "
            "permit at ((case_url)). Keep it where you employ the child. It lasts until "
            "((valid_until)) unless the job or the hours change.\n\nThe child may work only "
            "at these times:\n\n((permitted_hours))\n\nTell us before you change the job or "
            "the hours: you will need a new permit." + _SIGN_OFF,
        ),
    },
)

REFUSED = Message(
    name="child_employment_refused",
    description="Tells the employer the permit is refused, and why",
    personalisation=(
        "council_name",
        "contact_url",
        "employer_name",
        "child_name",
        "reference",
        "reason",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Child employment permit refused ((reference))",
            body="Dear ((employer_name)),\n\nWe have refused a permit for you to employ "
            "((child_name)) because:\n\n((reason))\n\nYou must not employ ((child_name)). "
            "If they have started work, they must stop. You can apply again if you change "
            "the job or the hours. If you think this decision is wrong, contact us at "
            "((contact_url)), giving your reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have refused a permit to employ ((child_name)) (ref "
            "((reference))). You must not employ them. See why at ((case_url))"
        ),
        "letter": Wording(
            subject="Child employment permit refused ((reference))",
            body="Dear ((employer_name)),\n\nWe have refused a permit for you to employ "
            "((child_name)) because:\n\n((reason))\n\nYou must not employ ((child_name)). "
            "If they have started work, they must stop. You can apply again if you change "
            "the job or the hours. If you think this decision is wrong, write to us quoting "
            "((reference))." + _SIGN_OFF,
        ),
    },
)

REVOKED = Message(
    name="child_employment_revoked",
    description="Tells the employer the permit is revoked, and why",
    personalisation=(
        "council_name",
        "contact_url",
        "employer_name",
        "child_name",
        "permit_number",
        "reason",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Child employment permit revoked ((permit_number))",
            body="Dear ((employer_name)),\n\nWe have revoked permit ((permit_number)) to "
            "employ ((child_name)) because:\n\n((reason))\n\nFrom today you must not employ "
            "((child_name)). If you think this decision is wrong, contact us at "
            "((contact_url)), giving the permit number." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Permit ((permit_number)) to employ ((child_name)) is "
            "revoked. You must not employ them from today. See why at ((case_url))"
        ),
        "letter": Wording(
            subject="Child employment permit revoked ((permit_number))",
            body="Dear ((employer_name)),\n\nWe have revoked permit ((permit_number)) to "
            "employ ((child_name)) because:\n\n((reason))\n\nFrom the date of this letter "
            "you must not employ ((child_name)). If you think this decision is wrong, write "
            "to us quoting the permit number." + _SIGN_OFF,
        ),
    },
)

# --- To the parent ----------------------------------------------------------------------

PARENT_LINK = Message(
    name="child_employment_parent_link",
    description="Sends the child's parent the link to confirm the child's details, their "
    "fitness for the work and their consent",
    personalisation=(
        "council_name",
        "party_name",
        "child_name",
        "business_name",
        "link",
        "expires_on",
    ),
    wording={
        "email": Wording(
            subject="Your consent is needed for ((child_name)) to work for ((business_name))",
            body="Dear ((party_name)),\n\n((business_name)) has applied to us for a permit to "
            "employ ((child_name)). By law, a child needs a permit from the council to work, "
            "and we need your consent before we can issue one.\n\nCheck the job and the hours, "
            "confirm ((child_name))'s details, and tell us whether you consent, at:\n\n"
            "((link))\n\nThe link works until ((expires_on)). If you did not expect this, "
            "you can ignore it: we will not issue a permit without your consent." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): ((business_name)) wants to employ ((child_name)). Check the "
            "job and hours and give or refuse consent by ((expires_on)): ((link))"
        ),
    },
)

PARENT_GRANTED = Message(
    name="child_employment_parent_granted",
    description="Tells the parent the permit is granted and the hours it allows",
    personalisation=(
        "council_name",
        "parent_name",
        "child_name",
        "business_name",
        "permit_number",
        "permitted_hours",
        "valid_until",
    ),
    wording={
        "email": Wording(
            subject="Permit granted for ((child_name)) to work for ((business_name))",
            body="Dear ((parent_name)),\n\nWe have granted permit ((permit_number)) for "
            "((child_name)) to work for ((business_name)) until ((valid_until)). "
            "((business_name)) has the permit.\n\n((child_name)) may work only at these "
            "times:\n\n((permitted_hours))\n\nIf they are asked to work at other times or to "
            "do other work, or the work affects their health or schooling, tell us, quoting "
            "the permit number." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Permit ((permit_number)) granted for ((child_name)) to "
            "work for ((business_name)) until ((valid_until)). The employer has the permit, "
            "with the hours it allows."
        ),
    },
)

PARENT_REFUSED = Message(
    name="child_employment_parent_refused",
    description="Tells the parent the permit is refused, and why",
    personalisation=("council_name", "parent_name", "child_name", "business_name", "reason"),
    wording={
        "email": Wording(
            subject="No permit for ((child_name)) to work for ((business_name))",
            body="Dear ((parent_name)),\n\nWe have refused a permit for ((child_name)) to "
            "work for ((business_name)) because:\n\n((reason))\n\n((child_name)) must not "
            "work for them. We have told the employer." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have refused a permit for ((child_name)) to work for "
            "((business_name)). They must not work there. We have told the employer."
        ),
    },
)

PARENT_REVOKED = Message(
    name="child_employment_parent_revoked",
    description="Tells the parent the permit is revoked, and why",
    personalisation=(
        "council_name",
        "parent_name",
        "child_name",
        "business_name",
        "permit_number",
        "reason",
    ),
    wording={
        "email": Wording(
            subject="Permit revoked: ((child_name)) must stop working for ((business_name))",
            body="Dear ((parent_name)),\n\nWe have revoked permit ((permit_number)) for "
            "((child_name)) to work for ((business_name)) because:\n\n((reason))\n\n"
            "((child_name)) must not work for them from today. We have told the employer "
            "and ((child_name))'s school." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Permit ((permit_number)) for ((child_name)) to work for "
            "((business_name)) is revoked. They must stop working there from today."
        ),
    },
)

# --- To the school ----------------------------------------------------------------------

SCHOOL_GRANTED = Message(
    name="child_employment_school_granted",
    description="Tells the child's school that a permit is granted, with the hours",
    personalisation=(
        "council_name",
        "school_name",
        "child_name",
        "child_date_of_birth",
        "business_name",
        "job",
        "permit_number",
        "permitted_hours",
    ),
    wording={
        "email": Wording(
            subject="Child employment permit granted: ((child_name))",
            body="((school_name)),\n\nWe have granted permit ((permit_number)) for your pupil "
            "((child_name)), born ((child_date_of_birth)), to work for ((business_name)). "
            "The job: ((job)).\n\nThey may work only at these times:\n\n((permitted_hours))\n\n"
            "If you think the work is harming their education, health or welfare, or they "
            "are working at other times, tell us, quoting the permit number." + _SIGN_OFF,
        ),
    },
)

SCHOOL_REVOKED = Message(
    name="child_employment_school_revoked",
    description="Tells the child's school that a permit is revoked",
    personalisation=(
        "council_name",
        "school_name",
        "child_name",
        "child_date_of_birth",
        "business_name",
        "permit_number",
    ),
    wording={
        "email": Wording(
            subject="Child employment permit revoked: ((child_name))",
            body="((school_name)),\n\nWe have revoked permit ((permit_number)) for your pupil "
            "((child_name)), born ((child_date_of_birth)), to work for ((business_name)). "
            "They must no longer work there." + _SIGN_OFF,
        ),
    },
)

ALL = (
    RECEIVED,
    PARENT_LINK,
    PARENT_DECLINED,
    CHANGES_REQUESTED,
    GRANTED,
    REFUSED,
    REVOKED,
    PARENT_GRANTED,
    PARENT_REFUSED,
    PARENT_REVOKED,
    SCHOOL_GRANTED,
    SCHOOL_REVOKED,
)
