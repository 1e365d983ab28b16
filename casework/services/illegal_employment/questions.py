"""What a report of illegal child employment asks: who is reporting (if they will say),
where and when the child works, what they do, the child, and how the reporter knows.

Most answers are optional: people report what they have seen, and a report with a place
and a time is enough for an officer to visit. Nothing asks for more than they may know.
"""

from __future__ import annotations

from typing import Any

from casework.questions import (
    CheckboxesQuestion,
    Choice,
    DateQuestion,
    EmailQuestion,
    Form,
    FormContext,
    NameQuestion,
    NumberQuestion,
    PostcodeQuestion,
    RadiosQuestion,
    Step,
    TextareaQuestion,
    TextQuestion,
    YesNoQuestion,
)
from casework.questions.extra_kinds import PhoneQuestion, PlaceNameQuestion

CONTACT_ME = "contact_me"

REPORTER_NAME = NameQuestion(
    name="reporter_name",
    label="Your name",
    autocomplete="name",
    missing="Enter your name",
)
EMAIL = EmailQuestion(
    name="email",
    label="Email address",
    hint="We will email you to say we have your report.",
    optional=True,
)
PHONE = PhoneQuestion(
    name="phone",
    label="Phone number",
    hint="We will call only if we need to know more. If it is a mobile, we will text you to "
    "say we have your report.",
    optional=True,
)
CONTACT = RadiosQuestion(
    name=CONTACT_ME,
    label="Can we contact you about your report?",
    short_label="Contact about the report",
    missing="Select whether we can contact you",
    choices=(
        Choice("yes", "Yes, you can contact me", reveals=(REPORTER_NAME, EMAIL, PHONE)),
        Choice("no", "No, I want to stay anonymous"),
    ),
)


def check_contact(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
    if answers.get(CONTACT_ME) == "yes" and not answers.get("email") and not answers.get("phone"):
        return {"email": "Enter an email address or a phone number, or choose to stay anonymous"}
    return {}


def contact_rows(answers: dict[str, Any], context: FormContext) -> list[tuple[str, str]]:
    if answers.get(CONTACT_ME) != "yes":
        return [("Contact about the report", "No, anonymous report")]
    return [
        ("Contact about the report", "Yes"),
        ("Name", REPORTER_NAME.display(answers.get("reporter_name"), context)),
        ("Email", EMAIL.display(answers.get("email"), context)),
        ("Phone", PHONE.display(answers.get("phone"), context)),
    ]


BUSINESS_NAME = PlaceNameQuestion(
    name="business_name",
    label="Name of the business or employer (optional)",
    short_label="Business",
    optional=True,
)
BUSINESS_TYPE = TextQuestion(
    name="business_type",
    label="What kind of business is it? (optional)",
    short_label="Kind of business",
    hint="For example, a café, newsagent, market stall or car wash",
    optional=True,
)
BUSINESS_ADDRESS = TextareaQuestion(
    name="business_address",
    label="Address, or where it is",
    short_label="Address",
    hint="If you do not know the address, describe where it is, for example the street and "
    "what it is near.",
    missing="Enter the address, or describe where the business is",
    max_length=500,
    rows=3,
)
BUSINESS_POSTCODE = PostcodeQuestion(
    name="business_postcode",
    label="Postcode (optional)",
    short_label="Postcode",
    optional=True,
    autocomplete="off",
)

WHEN_SEEN = TextareaQuestion(
    name="when_seen",
    label="Which days and times have you seen the child working?",
    short_label="Days and times seen",
    hint="For example, every Saturday from 8am to 6pm, or weekday mornings before school",
    missing="Enter the days and times you have seen the child working",
    max_length=1000,
    rows=3,
)
LAST_SEEN = DateQuestion(
    name="last_seen",
    label="When did you last see the child working?",
    short_label="Last seen working",
    hint="For example, 27 3 2026. If you are not sure, give your best guess.",
    missing="Enter the date you last saw the child working",
)

WORK = TextareaQuestion(
    name="work",
    label="What work is the child doing?",
    short_label="Work",
    hint="For example, serving customers, washing cars, delivering leaflets or working in a "
    "kitchen",
    missing="Enter what work the child is doing",
    max_length=1000,
    rows=4,
)
CONCERNS = CheckboxesQuestion(
    name="concerns",
    label="Are you worried about any of these? (optional)",
    short_label="Worries",
    hint="Select all that apply.",
    optional=True,
    choices=(
        Choice("school_hours", "Working during school hours"),
        Choice("early_or_late", "Working before 7am or after 7pm"),
        Choice("long_hours", "Working long hours"),
        Choice(
            "dangerous",
            "Dangerous work, for example with machinery, at a height, or with chemicals or alcohol",
        ),
        Choice("too_young", "The child looks younger than 13"),
        Choice("welfare", "The child does not seem safe or well looked after"),
    ),
)

CHILD_NAME = NameQuestion(
    name="child_name",
    label="Child’s name (optional)",
    short_label="Child’s name",
    optional=True,
    autocomplete="off",
)
CHILD_AGE = NumberQuestion(
    name="child_age",
    label="How old do you think the child is? (optional)",
    short_label="Child’s age",
    hint="Your best guess is fine.",
    optional=True,
    minimum=0,
    maximum=18,
    suffix="years",
)
CHILD_SCHOOL = TextQuestion(
    name="child_school",
    label="Child’s school (optional)",
    short_label="Child’s school",
    optional=True,
)
OTHER_CHILDREN = YesNoQuestion(
    name="other_children",
    label="Are other children working there too? (optional)",
    short_label="Other children working there",
    optional=True,
)

HOW_KNOWN_OTHER = TextQuestion(
    name="how_known_other",
    label="How do you know?",
    missing="Enter how you know about it",
    max_length=200,
)
HOW_KNOWN = RadiosQuestion(
    name="how_known",
    label="How do you know about it?",
    short_label="How they know",
    missing="Select how you know about it",
    choices=(
        Choice("seen", "I have seen it as a customer or passer-by"),
        Choice("works_there", "I work there, or used to"),
        Choice("family", "I am the child’s parent, carer or relative"),
        Choice("school", "I work at the child’s school"),
        Choice("child", "I am the child"),
        Choice("other", "Another way", reveals=(HOW_KNOWN_OTHER,)),
    ),
)
MORE = TextareaQuestion(
    name="more",
    label="Is there anything else we should know? (optional)",
    short_label="Anything else",
    optional=True,
    max_length=2000,
)

FORM = Form(
    steps=(
        Step(
            "about-you",
            "Can we contact you about your report?",
            (CONTACT,),
            intro="You do not have to tell us who you are. If you do, we keep it "
            "confidential: we will not tell the employer, the child or the child’s family who "
            "made the report. We will tell you we have your report and may contact you if we "
            "need to know more, but we will not tell you what our investigation finds.",
            check=check_contact,
            rows=contact_rows,
        ),
        Step(
            "where",
            "Where is the child working?",
            (BUSINESS_NAME, BUSINESS_TYPE, BUSINESS_ADDRESS, BUSINESS_POSTCODE),
        ),
        Step("when", "When have you seen the child working?", (WHEN_SEEN, LAST_SEEN)),
        Step("work", "What work is the child doing?", (WORK, CONCERNS)),
        Step(
            "child",
            "About the child",
            (CHILD_NAME, CHILD_AGE, CHILD_SCHOOL, OTHER_CHILDREN),
            intro="Tell us what you know. Leave blank anything you do not know.",
        ),
        Step("how-you-know", "How do you know about it?", (HOW_KNOWN, MORE)),
    )
)


def describe(answers: dict[str, Any]) -> str:
    """The case's line in the queue: the business, else the first line of where it is."""
    where = answers.get("business_name") or str(answers.get("business_address") or "")
    return where.splitlines()[0] if where else ""
