"""The assistant on child employment and performance licences, end to end: the portal's chat
endpoint and the text-message task, a running Rasa server with the trained model, the
action server, and the portal's API over HTTP (its published rule checks). Nothing is
mocked; the limits said are the ones the API publishes today."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.testclient import TestClient

from casework import accounts, db
from casework.models import OutboxMessage
from casework.services.child_employment import samples as employment_samples
from casework.services.child_employment.checks import hours_items
from tests.assistant.test_assistant_end_to_end import Chat

pytestmark = pytest.mark.integration


@pytest.fixture
def bands(app) -> dict[int, dict]:
    """Each age's limits, as GET /api/v1/rules/child-employment/hours publishes them."""
    with db.transaction() as session:
        items = hours_items(session)
    return {age: band for band in items for age in range(band["from_age"], band["to_age"] + 1)}


def _hours(value: float) -> str:
    return f"{value:g} hour{'s' if value != 1 else ''}"


# --- Rule questions ---------------------------------------------------------------------


def test_saturday_hours_at_14_are_the_published_limit(assistant, anonymous, bands):
    answer = Chat(anonymous).say("what hours can a 14 year old work on a Saturday?")

    saturday = _hours(bands[14]["saturday_hours"])
    assert f"A 14-year-old can work at most {saturday} on a Saturday, between 7am and 7pm" in (
        answer
    )


def test_the_age_is_asked_only_when_the_answer_depends_on_it(assistant, anonymous, bands):
    chat = Chat(anonymous)
    assert "How old is the child?" in chat.say("how many hours can my son work on saturdays")
    answer = chat.say("15")
    assert f"A 15-year-old can work at most {_hours(bands[15]['saturday_hours'])}" in answer

    # The same at every age: answered without asking.
    school_day = chat.say("when can children work on a school day")
    assert "How old" not in school_day
    assert f"a child aged 13 to 16 can work at most {_hours(bands[13]['school_day_hours'])}" in (
        school_day
    )


def test_holiday_hours_at_15(assistant, anonymous, bands):
    answer = Chat(anonymous).say("how many hours can my 15 year old work in the holidays")

    band = bands[15]
    assert (
        f"In the school holidays, a 15-year-old can work at most "
        f"{_hours(band['holiday_weekday_hours'])} on a weekday" in answer
    )
    assert f"{_hours(band['holiday_week_hours'])} a week" in answer


def test_a_school_year_is_not_taken_for_an_age(assistant, anonymous, bands):
    chat = Chat(anonymous)
    asked = chat.say("what hours can my year 9 son work on saturdays")
    assert "children in year 9 are 13 or 14" in asked and "How old" in asked

    answer = chat.say("fourteen")
    assert f"A 14-year-old can work at most {_hours(bands[14]['saturday_hours'])}" in answer


def test_jobs_are_answered_from_the_list_and_the_check(assistant, anonymous):
    chat = Chat(anonymous)

    kitchen = chat.say("can my son work in a kitchen")
    shop = chat.say("can a 13 year old work in a shop")
    too_young = chat.say("can a 12 year old have a paper round")

    assert "No child can do this job, at any age: work in a commercial kitchen." in kitchen
    assert "Yes, a 13-year-old can do this job: shop work, including stacking shelves." in shop
    # The check's own words for an age below the minimum.
    assert "A child must be at least 13 to be employed, and this child is 12." in too_young


# --- Checking an employer's proposed hours ----------------------------------------------


def test_proposed_hours_within_the_law_offer_the_permit_application(assistant, anonymous):
    chat = Chat(anonymous)
    assert "How old is the child?" in chat.say("can you check the hours for a child I employ")
    assert "term time or in the school holidays" in chat.say("14")
    assert "What job" in chat.say("Term time")
    assert "Which days and times" in chat.say("stacking shelves in our shop")

    answer = chat.say("Saturdays 9 till 1 and Sundays 10-12")

    assert "I read the hours as: Saturday 9am to 1pm; Sunday 10am to midday." in answer
    assert "These hours are within the law for a 14-year-old in term time." in answer
    assert "apply for a permit online: http://testserver/apply/child-employment" in answer


def test_each_breach_is_read_back_in_the_checks_words(assistant, anonymous):
    chat = Chat(anonymous)
    # What the question already says is not asked again.
    assert "What job" in chat.say(
        "can you check these hours for my 14 year old in term time please"
    )
    assert "Which days and times" in chat.say("paper round")
    # Times that are not times are asked again; nothing is lost.
    assert "couldn't read" in chat.say("saturdays 25 till 26")

    answer = chat.say("mon-fri 4pm to 6pm and saturday 8 till 3")

    assert "Monday to Friday 4pm to 6pm; Saturday 8am to 3pm" in answer
    assert "These hours are not within the law for a 14-year-old in term time:" in answer
    assert (
        "A 14-year-old can work at most 5 hours on a Saturday. These Saturday shifts add up "
        "to 7 hours." in answer
    )
    assert "12 hours" in answer  # the week's limit, in the check's words


# --- Performance licences ---------------------------------------------------------------


def test_a_school_play_asks_only_what_is_missing(assistant, anonymous):
    chat = Chat(anonymous)
    kind = chat.say("does my daughter need a licence for a school play?")
    assert "What kind of performance is it?" in kind and "Tickets or a charge" in kind
    assert "paid more than their expenses" in chat.say("Tickets or a charge")
    assert "time off school" in chat.say("no")

    answer = chat.say("no")

    assert "The child does not need a licence. A performance arranged by a school" in answer
    assert "apply" not in answer.lower()


def test_paid_modelling_needs_a_licence_without_more_questions(assistant, anonymous):
    chat = Chat(anonymous)

    answer = chat.say("does my son need a licence for paid modelling?")

    assert "The child needs a licence. Paid sport and modelling always need one." in answer
    assert "http://testserver/apply/performance-licences" in answer
    # "I want to apply" now means a performance licence: its web form, not a conversation.
    assert "http://testserver/apply/performance-licences" in chat.say("I'd like to apply")


def test_the_four_day_rule_is_asked_about_only_when_it_decides(assistant, anonymous):
    chat = Chat(anonymous)
    assert "paid more than their expenses" in chat.say(
        "my daughter is in a tv advert, does she need a licence"
    )
    assert "time off school" in chat.say("no, just expenses")
    assert "last 6 months" in chat.say("no")

    answer = chat.say("2")

    assert "The child does not need a licence." in answer
    assert "4-day rule" in answer


# --- Status and applying for the new services -------------------------------------------


@pytest.fixture
def permit_reference(app) -> tuple[str, str]:
    """A child employment permit application made through the API: its reference, and the
    child's date of birth (the service's second factor)."""
    with db.transaction() as session:
        token = accounts.create_api_client(session, "employer", ["applications:write"])
        answers = employment_samples.application(session)
    response = TestClient(app).post(
        "/api/v1/applications",
        json={"service": "child-employment", "answers": answers},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text
    return response.json()["reference"], answers["child_date_of_birth"]


def test_the_status_of_a_permit_is_found_with_the_childs_date_of_birth(
    assistant, anonymous, permit_reference
):
    reference, born = permit_reference
    chat = Chat(anonymous)
    assert "reference" in chat.say("has my child employment permit been granted")
    assert "the date of birth of the child on the application" in chat.say(reference)

    answer = chat.say(date.fromisoformat(born).strftime("%d/%m/%Y"))

    assert f"Application {reference}:" in answer


def test_applying_for_a_chaperone_approval_gives_its_web_form(assistant, anonymous):
    answer = Chat(anonymous).say("apply for a chaperone approval")

    assert "http://testserver/apply/chaperones" in answer
    assert "first name" not in answer  # not the free school meals questions


# --- By text message --------------------------------------------------------------------


def _text(phone: str, message: str) -> str:
    from portal.assistant.tasks import reply_to_text

    sent = reply_to_text.apply(args=(phone, message)).get()
    with db.transaction() as session:
        return session.get(OutboxMessage, sent).personalisation["reply"]


def test_the_same_conversations_work_by_text(assistant, app, bands):
    from portal.assistant import sms

    phone = "+447700900321"
    saturday = _text(phone, "what hours can a 14yo work on a saturday")
    assert f"at most {_hours(bands[14]['saturday_hours'])} on a Saturday" in saturday

    kind = _text(phone, "does my daughter need a licence for a school play?")
    # Buttons become words to text back.
    assert 'Reply "Tickets or a charge"' in kind
    assert "paid more than" in _text(phone, "tickets or a charge")
    assert "time off school" in _text(phone, "No")
    answer = _text(phone, "no")
    assert "does not need a licence" in answer

    _text(phone, "check hours for my 15 year old please")
    _text(phone, "school holidays")
    _text(phone, "waiting tables")
    checked = _text(phone, "every day 6am to 8pm")
    assert "not within the law" in checked
    for reply in (saturday, kind, answer, checked):
        assert sms.fits(reply, 2)
