"""The messages child performance licences send. Wording is what a council copies into Notify.

To the producer (the applicant): received, documents needed or asked for, the parent did
not consent, changes needed, granted, refused. To the parent: the link to their part, and
the licence once granted. To the child's school: the absences the licence approves. To the
council where each venue is: the licence, so it can arrange an inspection.

((council_name)) and ((contact_url)) are filled for every message by the outbox. Texts
start with the council's name and never carry an officer's reason.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nEducation welfare team\n((council_name))"

RECEIVED = Message(
    name="performance_licence_received",
    description="Tells the producer we have the licence application and the parent has a link",
    personalisation=(
        "council_name",
        "producer_name",
        "reference",
        "child_name",
        "production_name",
        "first_performance",
        "parent_name",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="We have your child performance licence application ((reference))",
            body="Dear ((producer_name)),\n\nWe have your application for a licence for "
            "((child_name)) to take part in ((production_name)). Your reference is "
            "((reference)).\n\nWe have sent ((parent_name)) a link to complete the parent's "
            "part. When they have, we will ask you for the documents we need.\n\nThe first "
            "performance is on ((first_performance)). We must decide before then. See your "
            "application at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your child performance licence application "
            "((reference)) for ((child_name)). We have sent the parent a link to their part. "
            "See it at ((case_url))"
        ),
        "letter": Wording(
            subject="Your child performance licence application ((reference))",
            body="Dear ((producer_name)),\n\nWe have your application for a licence for "
            "((child_name)) to take part in ((production_name)). Your reference is "
            "((reference)).\n\nWe have sent ((parent_name)) a link to complete the parent's "
            "part. When they have, we will ask you for the documents we need.\n\nThe first "
            "performance is on ((first_performance)). We must decide before then." + _SIGN_OFF,
        ),
    },
)

PARENT_LINK = Message(
    name="performance_licence_parent_link",
    description="Sends the child's parent the link to their part of the licence application",
    personalisation=(
        "council_name",
        "party_name",
        "link",
        "expires_on",
        "child_name",
        "production_name",
        "company_name",
        "reference",
    ),
    wording={
        "email": Wording(
            subject="Your part of a child performance licence application for ((child_name))",
            body="Dear ((party_name)),\n\n((company_name)) has applied for a licence for "
            "((child_name)) to take part in ((production_name)) (reference ((reference))).\n\n"
            "As the child's parent, please check the child's details and the days and times, "
            "tell us about the child's health and give your consent:\n\n((link))\n\nThe link "
            "works until ((expires_on)). We cannot issue the licence until you have "
            "completed your part." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): ((company_name)) has applied for a performance licence "
            "for ((child_name)). Please complete the parent's part by ((expires_on)): "
            "((link))"
        ),
    },
)

DOCUMENTS_NEEDED = Message(
    name="performance_licence_documents_needed",
    description="Asks the producer for the documents once the parent has completed their part",
    personalisation=(
        "council_name",
        "producer_name",
        "reference",
        "child_name",
        "documents",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Send the documents for licence application ((reference))",
            body="Dear ((producer_name)),\n\n((child_name))'s parent has completed their part "
            "of the application. Now send us:\n\n((documents))\n\nUpload them at "
            "((case_url))\n\nWe check your application when we have them." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): The parent has completed their part of licence "
            "application ((reference)). Now upload the documents we need at ((case_url))"
        ),
        "letter": Wording(
            subject="Send the documents for licence application ((reference))",
            body="Dear ((producer_name)),\n\n((child_name))'s parent has completed their part "
            "of the application. Now send us:\n\n((documents))\n\nUpload them at "
            "((case_url)) or post them to the address at the top of this letter, quoting "
            "((reference))." + _SIGN_OFF,
        ),
    },
)

PARENT_DECLINED = Message(
    name="performance_licence_parent_declined",
    description="Tells the producer the parent did not give their consent",
    personalisation=("council_name", "producer_name", "reference", "child_name", "contact_url"),
    wording={
        "email": Wording(
            subject="The parent has not consented: licence application ((reference))",
            body="Dear ((producer_name)),\n\n((child_name))'s parent did not give their "
            "consent, so we cannot issue the licence as things stand. An officer will contact "
            "you. You can contact us at ((contact_url)), giving your reference, "
            "((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): The parent has not consented to licence application "
            "((reference)). An officer will contact you."
        ),
        "letter": Wording(
            subject="The parent has not consented: licence application ((reference))",
            body="Dear ((producer_name)),\n\n((child_name))'s parent did not give their "
            "consent, so we cannot issue the licence as things stand. An officer will contact "
            "you. You can contact us at ((contact_url)), giving your reference, "
            "((reference))." + _SIGN_OFF,
        ),
    },
)

DOCUMENTS_REQUESTED = Message(
    name="performance_licence_documents_requested",
    description="Asks the producer for documents an officer needs",
    personalisation=("council_name", "producer_name", "reference", "reason", "case_url"),
    wording={
        "email": Wording(
            subject="We need documents for licence application ((reference))",
            body="Dear ((producer_name)),\n\nTo decide your application we need:\n\n"
            "((reason))\n\nUpload them at ((case_url))" + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We need documents for licence application ((reference)). "
            "See what we need and upload them at ((case_url))"
        ),
        "letter": Wording(
            subject="We need documents for licence application ((reference))",
            body="Dear ((producer_name)),\n\nTo decide your application we need:\n\n"
            "((reason))\n\nUpload them at ((case_url)) or post them to the address at the top "
            "of this letter, quoting ((reference))." + _SIGN_OFF,
        ),
    },
)

CHANGES_REQUESTED = Message(
    name="performance_licence_changes_requested",
    description="Tells the producer what must change before we can grant the licence",
    personalisation=("council_name", "producer_name", "reference", "reason", "case_url"),
    wording={
        "email": Wording(
            subject="Changes needed to licence application ((reference))",
            body="Dear ((producer_name)),\n\nBefore we can grant the licence, these things "
            "must change:\n\n((reason))\n\nSend us the changes at ((case_url)), for example "
            "a revised schedule. An officer will then look at your application again." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Changes are needed to licence application ((reference)) "
            "before we can grant it. See what at ((case_url))"
        ),
        "letter": Wording(
            subject="Changes needed to licence application ((reference))",
            body="Dear ((producer_name)),\n\nBefore we can grant the licence, these things "
            "must change:\n\n((reason))\n\nSend us the changes at ((case_url)) or by post, "
            "quoting ((reference)). An officer will then look at your application again."
            + _SIGN_OFF,
        ),
    },
)

GRANTED = Message(
    name="performance_licence_granted",
    description="Tells the producer the licence is granted and where to download it",
    personalisation=(
        "council_name",
        "producer_name",
        "reference",
        "child_name",
        "production_name",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Child performance licence granted ((reference))",
            body="Dear ((producer_name)),\n\nWe have granted a licence for ((child_name)) to "
            "take part in ((production_name)). The licence number is ((reference)).\n\n"
            "Download the licence at ((case_url)). It sets out the days and times, the "
            "venues, who looks after the child and their education: keep to them, and keep "
            "a copy at each venue.\n\nWe have told the child's school about any days they "
            "miss, and sent a copy to the council for each venue, which may inspect." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): The performance licence for ((child_name)) is granted "
            "(ref ((reference))). Download it at ((case_url))"
        ),
        "letter": Wording(
            subject="Child performance licence granted ((reference))",
            body="Dear ((producer_name)),\n\nWe have granted a licence for ((child_name)) to "
            "take part in ((production_name)). The licence number is ((reference)).\n\n"
            "Download the licence at ((case_url)). It sets out the days and times, the "
            "venues, who looks after the child and their education: keep to them, and keep "
            "a copy at each venue.\n\nWe have told the child's school about any days they "
            "miss, and sent a copy to the council for each venue, which may inspect." + _SIGN_OFF,
        ),
    },
)

REFUSED = Message(
    name="performance_licence_refused",
    description="Tells the producer the licence is refused and why",
    personalisation=(
        "council_name",
        "contact_url",
        "producer_name",
        "reference",
        "child_name",
        "reason",
        "case_url",
    ),
    wording={
        "email": Wording(
            subject="Child performance licence refused ((reference))",
            body="Dear ((producer_name)),\n\nWe cannot grant a licence for ((child_name)) "
            "because:\n\n((reason))\n\nThe child must not take part without a licence. You "
            "can apply again with a changed schedule. You may appeal against this decision to a "
            "magistrates' court. To talk about it, contact us at "
            "((contact_url)), giving your reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We cannot grant the performance licence for "
            "((child_name)) (ref ((reference))). See why at ((case_url))"
        ),
        "letter": Wording(
            subject="Child performance licence refused ((reference))",
            body="Dear ((producer_name)),\n\nWe cannot grant a licence for ((child_name)) "
            "because:\n\n((reason))\n\nThe child must not take part without a licence. You "
            "can apply again with a changed schedule. You may appeal against this decision to a "
            "magistrates' court. To talk about it, write to us quoting "
            "((reference))." + _SIGN_OFF,
        ),
    },
)

PARENT_GRANTED = Message(
    name="performance_licence_parent_granted",
    description="Tells the child's parent the licence is granted",
    personalisation=(
        "council_name",
        "parent_name",
        "child_name",
        "production_name",
        "company_name",
        "reference",
        "schedule",
    ),
    wording={
        "email": Wording(
            subject="Performance licence granted for ((child_name))",
            body="Dear ((parent_name)),\n\nWe have granted ((company_name)) a licence for "
            "((child_name)) to take part in ((production_name)). The licence number is "
            "((reference)). It allows these days and times only:\n\n((schedule))\n\nIf the "
            "child is asked to do more, or is ill or injured, tell the production and "
            "contact us." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): The performance licence for ((child_name)) in "
            "((production_name)) is granted (licence ((reference)))."
        ),
    },
)

SCHOOL_TOLD = Message(
    name="performance_licence_school_absence",
    description="Tells the child's school the days of absence the licence approves",
    personalisation=(
        "council_name",
        "school_name",
        "child_name",
        "child_date_of_birth",
        "production_name",
        "absence_dates",
        "reference",
    ),
    wording={
        "email": Wording(
            subject="Approved absence for a performance: ((child_name))",
            body="((school_name)),\n\nWe have granted a child performance licence (number "
            "((reference))) for ((child_name)), born ((child_date_of_birth)), to take part in "
            "((production_name)).\n\nThe licence approves the child's absence from school on "
            "these days:\n\n((absence_dates))\n\nPlease record these as authorised absences "
            "(code C1: a regulated performance). The licence holder arranges "
            "the child's education on these days." + _SIGN_OFF,
        ),
    },
)

VENUE_COUNCIL_TOLD = Message(
    name="performance_licence_venue_council",
    description="Sends the council where a venue is a copy of the licence, to arrange an "
    "inspection",
    personalisation=(
        "council_name",
        "venue_council_name",
        "venue_name",
        "reference",
        "child_name",
        "production_name",
        "company_name",
        "licence_details",
    ),
    wording={
        "email": Wording(
            subject="Child performance licence ((reference)): performances at ((venue_name))",
            body="((venue_council_name)),\n\nWe have granted child performance licence "
            "((reference)) for ((child_name)) to take part in ((production_name)), produced "
            "by ((company_name)). Some of the performances are at ((venue_name)), in your "
            "area, so you may wish to arrange an inspection.\n\nThe licence:\n\n"
            "((licence_details))" + _SIGN_OFF,
        ),
    },
)

ALL = (
    RECEIVED,
    PARENT_LINK,
    DOCUMENTS_NEEDED,
    PARENT_DECLINED,
    DOCUMENTS_REQUESTED,
    CHANGES_REQUESTED,
    GRANTED,
    REFUSED,
    PARENT_GRANTED,
    SCHOOL_TOLD,
    VENUE_COUNCIL_TOLD,
)
