"""What an inspection sends to the council that told us about the performance: that we have
its notice, any concerns a visit found (at once), and how the inspections ended.

An inspection the council opened for its own licence has no one outside to tell
(``declaration._contacts``): concerns go to the licence's own case instead (``links``).
((council_name)) and ((contact_url)) are filled by the outbox. Texts never carry an
officer's words: the email has them.
"""

from casework.messages import Message, Wording

_SIGN_OFF = "\n\nChild employment team\n((council_name))"

_ABOUT = ("council_name", "contact_url", "notifier_name", "reference", "production_name", "venues")

RECEIVED = Message(
    name="inspection_notice_received",
    description="Tells the council that notified us of a licensed performance that we will "
    "inspect it",
    personalisation=(*_ABOUT, "last_day"),
    wording={
        "email": Wording(
            subject="We have your notice of a licensed performance ((reference))",
            body="Dear ((notifier_name)),\n\nThank you for telling us about ((production_name)) "
            "at ((venues)). Our reference is ((reference)).\n\nWe will inspect the children at "
            "each venue before the last day, ((last_day)), and tell you what we find. If we "
            "have concerns, we will tell you straight away." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have your notice about ((production_name)) (ref "
            "((reference))). We will inspect before ((last_day)) and email you what we find."
        ),
    },
)

CONCERNS = Message(
    name="inspection_concerns",
    description="Tells the council that issued a licence about concerns an inspection found",
    personalisation=(*_ABOUT, "reason"),
    wording={
        "email": Wording(
            subject="Concerns from our inspection of ((production_name)) ((reference))",
            body="Dear ((notifier_name)),\n\nWe inspected the children in ((production_name)) "
            "at ((venues)) and found concerns:\n\n((reason))\n\nPlease consider whether the "
            "licence should continue. Contact us at ((contact_url)) and give our reference, "
            "((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): Our inspection of ((production_name)) (ref ((reference))) "
            "found concerns. We have emailed you the details."
        ),
    },
)

FINISHED = Message(
    name="inspection_finished",
    description="Tells the council that issued a licence that we have finished inspecting",
    personalisation=_ABOUT,
    wording={
        "email": Wording(
            subject="We have inspected ((production_name)) ((reference))",
            body="Dear ((notifier_name)),\n\nWe have finished inspecting the children in "
            "((production_name)) at ((venues)). If we found anything that concerned us, we "
            "have already told you.\n\nContact us at ((contact_url)) if you need our "
            "inspection notes, giving our reference, ((reference))." + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We have finished inspecting ((production_name)) (ref "
            "((reference)))."
        ),
    },
)

NOT_INSPECTED = Message(
    name="inspection_not_made",
    description="Tells the council that issued a licence that we did not inspect, and why",
    personalisation=(*_ABOUT, "reason"),
    wording={
        "email": Wording(
            subject="We did not inspect ((production_name)) ((reference))",
            body="Dear ((notifier_name)),\n\nWe did not inspect the children in "
            "((production_name)) at every venue of ((venues)):\n\n((reason))\n\nContact us at "
            "((contact_url)) if you have questions, giving our reference, ((reference))."
            + _SIGN_OFF,
        ),
        "sms": Wording(
            body="((council_name)): We did not inspect ((production_name)) at every venue "
            "(ref ((reference))). We have emailed you why."
        ),
    },
)

ALL = (RECEIVED, CONCERNS, FINISHED, NOT_INSPECTED)
