"""The declared-question core: each kind of question reads and shows an answer, steps
reveal questions conditionally and check across questions, "add another" lists count
their items, and a form's errors lead back to the step that asked. No database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from casework.fields import errors_from
from casework.questions import (
    CheckboxesQuestion,
    Choice,
    ChoiceSource,
    ConsentQuestion,
    DateQuestion,
    EmailQuestion,
    Form,
    FormContext,
    MobileQuestion,
    MoneyQuestion,
    NameQuestion,
    NationalInsuranceQuestion,
    NumberQuestion,
    PostcodeQuestion,
    RadiosQuestion,
    Repeat,
    SelectQuestion,
    Step,
    TextareaQuestion,
    TextQuestion,
    TimeQuestion,
    WeeklyScheduleQuestion,
    YesNoQuestion,
    validation_context,
)

CONTEXT = FormContext()


def read(question, value, context=CONTEXT):
    return question.read(value, context)


def message(question, value, context=CONTEXT) -> str:
    with pytest.raises(ValueError) as caught:  # pydantic's custom error is a ValueError
        question.read(value, context)
    return caught.value.message()


def errors(model, data, context=CONTEXT) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, context=validation_context(context))
    return errors_from(caught.value)


# Text and the shapes built on it


def test_text_is_trimmed_and_a_blank_answer_gets_the_missing_message():
    question = TextQuestion(name="town", label="Town or city", max_length=5)
    assert read(question, "  Leeds ") == "Leeds"
    assert message(question, "   ") == "Enter town or city"
    assert message(question, "Londonderry") == "Town or city must be 5 characters or fewer"


def test_an_optional_blank_answer_is_its_default_and_shows_as_not_given():
    question = TextQuestion(name="line_2", label="Address line 2", optional=True)
    assert read(question, "") == ""
    assert question.display("", CONTEXT) == "Not given"


def test_a_declared_missing_message_wins():
    question = NameQuestion(name="first_name", label="First name", missing="Enter your first name")
    assert message(question, "") == "Enter your first name"
    assert "must only include letters" in message(question, "Ann 😀")


def test_email_mobile_postcode_and_national_insurance_are_normalised():
    assert read(EmailQuestion(name="email", label="Email"), " ann@example.com ") == (
        "ann@example.com"
    )
    assert read(MobileQuestion(name="mobile", label="Mobile"), "+44 7700 900982") == "07700900982"
    assert read(PostcodeQuestion(name="postcode", label="Postcode"), "nt1 1aa") == "NT1 1AA"
    nino = NationalInsuranceQuestion(name="nino", label="National Insurance number")
    assert read(nino, "ab 12 34 56 c") == "AB123456C"
    assert message(nino, "AB12345C").startswith(
        "Enter a National Insurance number in the correct format"
    )


def test_a_character_count_is_its_own_component_with_a_limit():
    question = TextareaQuestion(name="question", label="Question", max_length=10)
    assert question.component == "character-count"
    assert message(question, "x" * 11) == "Question must be 10 characters or fewer"


# Dates


DATE_OF_BIRTH = DateQuestion(name="date_of_birth", label="Date of birth")


@pytest.mark.parametrize(
    "value",
    [
        "99999999999999999999",
        "²",
        {"day": "99999999999999999999", "month": "1", "year": "2000"},
        {"day": "²", "month": "1", "year": "2000"},
        {"day": "1", "month": "²", "year": "2000"},
        {"day": "31", "month": "2", "year": "2000"},
    ],
)
def test_a_date_that_cannot_exist_must_be_a_real_date_not_a_crash(value):
    assert message(DATE_OF_BIRTH, value) == "Date of birth must be a real date"


def test_dates_are_read_from_parts_or_iso_text_and_shown_in_words():
    assert read(DATE_OF_BIRTH, {"day": "27", "month": "March", "year": "2016"}) == (
        date(2016, 3, 27)
    )
    assert read(DATE_OF_BIRTH, "2016-03-27") == date(2016, 3, 27)
    assert DATE_OF_BIRTH.display("2016-03-07", CONTEXT) == "7 March 2016"
    assert DATE_OF_BIRTH.display(None, CONTEXT) == "Not given"
    assert message(DATE_OF_BIRTH, {"day": "1", "month": "1", "year": "99"}) == (
        "Year must include 4 numbers"
    )


def test_past_future_earliest_and_age_checks():
    assert message(DATE_OF_BIRTH, "2999-01-01") == "Date of birth must be in the past"
    start = DateQuestion(name="start", label="Start date", past=False, future=True)
    assert message(start, "2000-01-01") == "Start date must be in the future"
    assert read(start, "2999-01-01") == date(2999, 1, 1)
    earliest = DateQuestion(name="born", label="Date of birth", earliest=date(1900, 1, 1))
    assert message(earliest, "1899-12-31") == "Date of birth must be after 1 January 1900"
    child = DateQuestion(name="born", label="Date of birth", age_range=(2, 19))
    assert message(child, "1970-01-01") == (
        "Date of birth must be for someone aged between 2 and 19"
    )


# Times, money, numbers and weekly schedules


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("7am", "07:00"),
        ("7.30pm", "19:30"),
        ("19:30", "19:30"),
        ("7:05 AM", "07:05"),
        ("12am", "00:00"),
        ("noon", "12:00"),
        ("0930", None),
    ],
)
def test_times_are_read_as_people_type_them(typed, stored):
    question = TimeQuestion(name="start", label="Start time")
    if stored is None:
        assert message(question, typed) == "Enter start time as a time, like 7:30am or 16:00"
    else:
        assert read(question, typed) == stored


@pytest.mark.parametrize("typed", ["13pm", "25:00", "7:75"])
def test_a_time_that_cannot_exist_must_be_a_real_time(typed):
    assert message(TimeQuestion(name="start", label="Start time"), typed) == (
        "Enter start time as a real time"
    )


def test_money_is_pounds_and_pence():
    question = MoneyQuestion(name="income", label="Income", maximum=Decimal("50000"))
    assert read(question, "£1,234.5") == "1234.50"
    assert read(question, "12") == "12.00"
    for bad in ("12.345", "-1", "lots", "NaN", "Infinity"):
        assert message(question, bad) == "Income must be an amount of money, like 125.50"
    assert message(question, "50000.01") == "Income must be £50,000 or less"
    assert question.display("1234.5", CONTEXT) == "£1,234.50"
    assert question.display("", CONTEXT) == "Not given"


def test_numbers_are_whole_and_within_their_range():
    question = NumberQuestion(name="hours", label="Hours", minimum=1, maximum=40)
    assert read(question, "12") == 12
    for bad in ("1.5", "twelve", "²", "9" * 30):
        assert message(question, bad) == "Hours must be a whole number, like 12"
    assert message(question, "41") == "Hours must be between 1 and 40"


SHIFTS = WeeklyScheduleQuestion(name="shifts", label="Term-time hours")


def test_a_weekly_schedule_keeps_the_days_worked_in_order():
    stored = read(
        SHIFTS,
        {
            "saturday": {"start": "9am", "end": "1pm"},
            "monday": {"start": "16:00", "end": "18:30"},
            "tuesday": {"start": "", "end": ""},
        },
    )
    assert stored == {
        "monday": {"start": "16:00", "end": "18:30"},
        "saturday": {"start": "09:00", "end": "13:00"},
    }
    assert SHIFTS.display(stored, CONTEXT) == "Monday 16:00 to 18:30; Saturday 09:00 to 13:00"


WEEKLY_MISTAKES = [
    ({"monday": {"start": "9am", "end": ""}}, "Enter both a start and a finish time for Monday"),
    ({"friday": {"start": "5pm", "end": "9am"}}, "Friday finish time must be after the start time"),
    ({"monday": {"start": "9", "end": "26:00"}}, "Enter Monday finish time as a real time"),
    (
        {"monday": {"start": "soon", "end": "5pm"}},
        "Enter Monday start time as a time, like 7:30am or 16:00",
    ),
    (
        {"funday": {"start": "9am", "end": "5pm"}},
        "Enter term-time hours as start and finish times for each day",
    ),
    ({"monday": "9 to 5", "tuesday": {"start": "9am", "end": "5pm"}}, "Enter the times for Monday"),
    ({}, "Enter term-time hours"),
    ({"monday": {"start": "", "end": ""}}, "Enter term-time hours"),
]


@pytest.mark.parametrize(("value", "expected"), WEEKLY_MISTAKES)
def test_weekly_schedule_mistakes_are_named_by_day(value, expected):
    assert message(SHIFTS, value) == expected


# Choices


COLOURS = CheckboxesQuestion(
    name="colours",
    label="Colours",
    choices=(Choice("red", "Red"), Choice("green", "Green"), Choice("blue", "Blue")),
)


def test_checkboxes_keep_the_declared_order_and_refuse_unknown_choices():
    assert read(COLOURS, ["blue", "red"]) == ["red", "blue"]
    assert read(COLOURS, "green") == ["green"]
    assert message(COLOURS, ["red", "purple"]) == "Select colours"
    assert message(COLOURS, []) == "Select colours"
    assert COLOURS.display(["red", "blue"], CONTEXT) == "Red, Blue"
    assert COLOURS.display([], CONTEXT) == "None"


def test_yes_no_is_a_boolean_and_no_is_an_answer_not_a_blank():
    question = YesNoQuestion(name="in_care", label="Is the child in care?")
    assert read(question, "Yes") is True
    assert read(question, "no") is False
    assert read(question, False) is False
    assert message(question, "") == "Select is the child in care?"
    assert message(question, "maybe") == "Select is the child in care?"
    assert question.display(False, CONTEXT) == "No"
    assert question.display(None, CONTEXT) == "Not given"


def test_radios_show_the_label_and_refuse_what_is_not_offered():
    question = RadiosQuestion(
        name="phase",
        label="School phase",
        choices=(Choice("primary", "Primary"), Choice("secondary", "Secondary")),
        unknown="Select a phase from the list",
    )
    assert read(question, " primary ") == "primary"
    assert message(question, "") == "Select school phase"
    assert message(question, "nursery") == "Select a phase from the list"
    assert question.display("secondary", CONTEXT) == "Secondary"
    assert question.schema_extra()["enum"] == ["primary", "secondary"]
    assert question.schema_extra()["x-component"] == "radios"


def test_consent_must_be_ticked():
    question = ConsentQuestion(name="consent", label="Consent", missing="Confirm that you agree")
    assert read(question, "on") is True
    assert read(question, ["true"]) is True
    assert message(question, "") == "Confirm that you agree"
    assert message(question, "nope") == "Confirm that you agree"
    assert question.display(True, CONTEXT) == "Yes"


PLACES = ChoiceSource(
    "places",
    load=lambda session: [Choice("1", "Open place")],
    names=lambda session, values: {"2": "Closed place"} if "2" in values else {},
)


class Places(FormContext):
    """A form context whose database holds one open and one closed place."""

    def __init__(self) -> None:
        super().__init__(session=object())  # type: ignore[arg-type]


def test_a_database_choice_is_picked_from_what_is_open_but_shown_even_once_closed():
    question = SelectQuestion(
        name="place", label="Place", source=PLACES, unknown="Select a place from the list"
    )
    context = Places()
    assert read(question, "1", context) == "1"
    assert message(question, "2", context) == "Select a place from the list"
    assert question.display("1", context) == "Open place"
    assert question.display("2", context) == "Closed place"
    assert question.display("3", context) == "Unknown (3)"
    assert question.schema_extra()["x-choices-from"] == "places"


def test_a_database_choice_needs_a_session_to_be_checked():
    question = SelectQuestion(name="place", label="Place", source=PLACES)
    with pytest.raises(RuntimeError, match="needs a database session"):
        read(question, "1", FormContext())


# Steps: conditional reveals and checks across questions


NUMBER_TYPE = RadiosQuestion(
    name="number_type",
    label="Which number do you have?",
    missing="Select which number you have",
    choices=(
        Choice("phone", "Phone", reveals=(MobileQuestion(name="phone", label="Mobile"),)),
        Choice("none", "None"),
    ),
)
DETAILS = TextQuestion(
    name="details", label="Details", shown_if=("number_type", "none"), missing="Enter details"
)
REVEALING = Step("number", "Your number", (NUMBER_TYPE, DETAILS))


def test_a_revealed_question_is_only_asked_when_its_choice_is_picked():
    model = REVEALING.model
    assert errors(model, {"number_type": "phone"}) == {"phone": "Enter mobile"}
    unpicked = model.model_validate(
        {"number_type": "none", "details": "x", "phone": "not a number"},
        context=validation_context(CONTEXT),
    )
    assert (unpicked.phone, unpicked.details) == ("", "x")
    assert errors(model, {"number_type": "none"}) == {"details": "Enter details"}
    picked = model.model_validate(
        {"number_type": "phone", "phone": "07700900982", "details": "ignored"},
        context=validation_context(CONTEXT),
    )
    assert (picked.phone, picked.details) == ("07700900982", "")


def test_check_your_answers_leaves_out_questions_not_asked():
    rows = REVEALING.answer_rows({"number_type": "none", "details": "x"}, CONTEXT)
    assert [(row.label, row.value) for row in rows] == [
        ("Which number do you have?", "None"),
        ("Details", "x"),
    ]
    rows = REVEALING.answer_rows({"number_type": "phone", "phone": "07700900982"}, CONTEXT)
    assert [row.label for row in rows] == ["Which number do you have?", "Mobile"]


def test_shown_if_is_in_the_schema():
    assert DETAILS.schema_extra()["x-shown-if"] == {"question": "number_type", "answer": "none"}


def _different(answers, context):
    if answers["first"] and answers["first"] == answers["second"]:
        return {"second": "Second must differ from first"}
    return {}


PAIR = Step(
    "pair",
    "Two words",
    (TextQuestion(name="first", label="First"), TextQuestion(name="second", label="Second")),
    check=_different,
)


def test_a_step_check_reports_its_errors_by_path_once_each_answer_is_valid():
    assert errors(PAIR.model, {"first": "a", "second": "a"}) == {
        "second": "Second must differ from first"
    }
    # A question's own message comes first; the check waits for valid answers.
    assert errors(PAIR.model, {"first": "a"}) == {"second": "Enter second"}


# "Add another" lists and the whole form


ITEM = Step(
    "items",
    "Your pets",
    (TextQuestion(name="name", label="Name", missing="Enter the pet's name"),),
    repeat=Repeat(
        key="pets",
        noun="pet",
        plural="pets",
        summary=lambda item, context: (item["name"], ""),
        min_items=1,
        max_items=2,
    ),
)


def _no_twins(answers, context):
    names = [pet["name"] for pet in answers.get("pets", [])]
    if len(names) == 2 and names[0] == names[1]:
        return {"pets.1.name": "Give each pet its own name"}
    return {}


FORM = Form(steps=(PAIR, ITEM), check=_no_twins)


def test_a_list_counts_its_items():
    whole = {"first": "a", "second": "b"}
    assert errors(FORM.application_model, {**whole, "pets": []}) == {"pets": "Add at least one pet"}
    three = [{"name": "Rex"}, {"name": "Tib"}, {"name": "Bo"}]
    assert errors(FORM.application_model, {**whole, "pets": three}) == {
        "pets": "You can add up to 2 pets on one application"
    }


def test_a_list_items_errors_and_the_forms_check_are_by_path():
    whole = {"first": "a", "second": "b"}
    assert errors(FORM.application_model, {**whole, "pets": [{"name": "Rex"}, {}]}) == {
        "pets.1.name": "Enter the pet's name"
    }
    twins = [{"name": "Rex"}, {"name": "Rex"}]
    found = errors(FORM.application_model, {**whole, "pets": twins})
    assert found == {"pets.1.name": "Give each pet its own name"}
    assert FORM.first_step_with_error(found).slug == "items"
    assert FORM.first_step_with_error({"second": "x"}).slug == "pair"


def test_a_form_lists_its_answers_and_its_field_order():
    answers = {"first": "a", "second": "b", "pets": [{"name": "Rex"}, {"name": "Tib"}]}
    rows = FORM.answer_rows(answers, CONTEXT)
    assert [(row.label, row.value, row.item) for row in rows] == [
        ("First", "a", None),
        ("Second", "b", None),
        ("Rex", "", 1),
        ("Tib", "", 2),
    ]
    assert FORM.field_order() == {"first": (0, []), "second": (1, []), "pets": (2, ["name"])}


def test_step_slugs_and_question_names_may_not_repeat():
    with pytest.raises(ValueError, match="slugs repeat"):
        Form(steps=(PAIR, PAIR))
    again = Step("again", "Again", (TextQuestion(name="first", label="First"),))
    with pytest.raises(ValueError, match="names repeat"):
        Form(steps=(PAIR, again))


def test_identifiers_and_mobiles_are_shown_spaced_as_people_read_them():
    from casework.questions import shapes

    assert shapes.NATIONAL_INSURANCE_NUMBER.display("QQ123456C", CONTEXT) == "QQ 12 34 56 C"
    assert shapes.MOBILE.display("07700900982", CONTEXT) == "07700 900 982"
    assert shapes.NASS_NUMBER.display("123456789", CONTEXT) == "12/34/56789"
    # Anything else (an older or odd value) is shown as it was given, never lost.
    assert shapes.MOBILE.display("+447700900982", CONTEXT) == "+447700900982"
    assert shapes.NATIONAL_INSURANCE_NUMBER.display("", CONTEXT) == "Not given"


def test_the_contact_step_marks_optional_only_what_is_optional():
    from casework.questions import shapes

    step = shapes.contact_step()
    # Email and mobile are either-or: each may be the one that is asked for, so neither
    # says "(optional)"; the preference may always be left, and says so.
    assert "optional" not in shapes.EMAIL.label and "optional" not in shapes.MOBILE.label
    assert shapes.CONTACT_PREFERENCE.label.endswith("(optional)")
    assert shapes.check_contact({"contact_preference": "post"}, CONTEXT) == {}
    # The intro names every choice offered below it.
    for way in ("email", "text message", "letter"):
        assert way in step.intro
