"""The assistant end to end: the portal's chat endpoint, a running Rasa server with the
trained model, the action server, and the portal's API over HTTP. Nothing is mocked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest
import yaml
from bs4 import BeautifulSoup
from sqlalchemy import select

from casework import accounts, cases, db
from casework.models import Case, OutboxMessage
from casework.services.upcoming import UPCOMING, admissions_dates
from casework.settings import PROJECT_ROOT
from tests.conftest import SCHOOLS, csrf_token, wait_for

pytestmark = pytest.mark.integration

CHILD_BORN = date(date.today().year - 8, 3, 15)
TRACKERS = PROJECT_ROOT / "bot" / "tests" / "trackers"


def _application() -> dict:
    return {
        "first_name": "Sam",
        "last_name": "Smith",
        "date_of_birth": "1990-01-01",
        "national_insurance_number": "AB123456C",
        "address_line_1": "1 High Street",
        "town": "Northtown",
        "postcode": "NT1 1AA",
        "email": "sam.smith@example.com",
        "consent": True,
        "children": [
            {
                "first_name": "Alex",
                "last_name": "Smith",
                "date_of_birth": CHILD_BORN.isoformat(),
                "school_urn": SCHOOLS[0][0],
            }
        ],
    }


@pytest.fixture
def reference(app, celery_worker) -> str:
    """A free school meals application made through the API and awarded by the check.

    The session's worker runs the eligibility check whenever it is up; waiting for it keeps
    the status the assistant reports the same whichever tests ran first."""
    from starlette.testclient import TestClient

    with db.transaction() as session:
        token = accounts.create_api_client(session, "partner", ["applications:write"])
    response = TestClient(app).post(
        "/api/v1/applications",
        json={"service": "free-school-meals", "answers": _application()},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.text
    made = response.json()["reference"]

    def status() -> str:
        with db.transaction() as session:
            return cases.by_reference(session, made).status

    wait_for(lambda: status() == "awarded", timeout=40, message="the check never finished")
    return made


class Chat:
    def __init__(self, client) -> None:
        self.client = client
        self.token = csrf_token(client.get("/assistant").text)

    def say(self, message: str) -> str:
        """Send like a browser without JavaScript; the assistant's latest replies."""
        response = self.client.post(
            "/assistant", data={"message": message, "csrf_token": self.token}
        )
        assert response.status_code == 200, response.text
        return self.latest(response.text)

    def say_htmx(self, message: str) -> str:
        response = self.client.post(
            "/assistant",
            data={"message": message, "csrf_token": self.token},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        return BeautifulSoup(response.text, "html.parser").get_text(" ", strip=True)

    @staticmethod
    def latest(html: str) -> str:
        soup = BeautifulSoup(html, "html.parser")
        turns = soup.select("#assistant-log .app-assistant-turn")
        replies = []
        for turn in reversed(turns):
            if "app-assistant-turn--person" in turn["class"]:
                break
            replies.insert(0, turn.get_text(" ", strip=True))
        return " ".join(replies)


def test_asking_for_a_status_through_the_chat_gives_the_real_status(
    assistant, anonymous, reference
):
    chat = Chat(anonymous)

    assert "reference" in chat.say("hi, where is my application?")
    # Asked for in the words of the reference's service (or a neutral wording).
    assert "date of birth" in chat.say(reference.lower())
    answer = chat.say(f"{CHILD_BORN.day} {CHILD_BORN:%B %Y}")

    assert f"Application {reference}: Awarded." in answer
    assert "Free school meals are awarded." in answer
    # A reload shows the whole conversation.
    page = anonymous.get("/assistant").text
    assert "hi, where is my application?" in page and "Awarded" in page


def test_three_wrong_tries_stop_and_offer_a_person(assistant, anonymous, reference):
    chat = Chat(anonymous)
    chat.say("check my application status")
    for attempt in range(3):
        chat.say(reference)
        answer = chat.say("1 January 2001")
        if attempt < 2:
            assert "couldn't find an application" in answer
    assert "stop trying" in answer and "Talk to a person" in answer
    # The offer is a real button; pressing it starts the hand-over.
    assert "What would you like to ask?" in chat.say("/human_handoff")


def test_asking_for_a_person_in_the_middle_of_a_status_check_hands_over(assistant, anonymous):
    chat = Chat(anonymous)
    assert "reference" in chat.say("where is my application")

    assert "What would you like to ask?" in chat.say("can i speak to a real person")


def test_a_person_is_handed_over_with_the_transcript(assistant, anonymous):
    chat = Chat(anonymous)
    chat.say("can i speak to a real person")
    assert "email address or mobile" in chat.say("My appeal hearing date has not arrived")
    assert "Enter an email address in the correct format" in chat.say("sam@")
    answer = chat.say("sam@example.com")

    assert "ENQ-" in answer and "by email to sam@example.com" in answer
    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.service == "enquiry")).one()
        assert case.answers["question"] == "My appeal hearing date has not arrived"
        said = [turn["text"] for turn in case.answers["transcript"]]
        # Each turn keeps when it was said, for the officer's transcript view.
        assert all(turn.get("at") for turn in case.answers["transcript"])
    assert "can i speak to a real person" in said
    assert case.reference in answer


def test_questions_are_answered_from_the_portal(assistant, anonymous):
    chat = Chat(anonymous)

    places = chat.say_htmx("when is the deadline for secondary school applications")
    meals = chat.say_htmx("who qualifies for free school meals?")
    weather = chat.say_htmx("what's the weather like")

    closing = admissions_dates(date.today())[0].description
    assert closing in places
    assert "Universal Credit" in meals
    assert "can't help with that" in weather or "not sure what you mean" in weather


def test_eligibility_is_checked_and_the_web_form_link_carries_the_answers(
    assistant, anonymous, citizen_factory
):
    chat = Chat(anonymous)
    consent = chat.say("can you check if i'm eligible for free school meals")
    # Nothing is sent to the checking service until the person agrees, in the web form's words.
    assert (
        "We check your benefits with the Department for Education's eligibility checking "
        "service, using your name, date of birth and National Insurance number or asylum "
        "support reference." in consent
    )
    assert "last name" in chat.say("yes")
    chat.say("Smith")
    assert "Date of birth must be a real date" in chat.say("31/02/1990")
    chat.say("1 January 1990")
    outcome = chat.say("AB 12 34 56 C")

    assert "likely to qualify" in outcome
    assert "qualifying benefit" in outcome  # the portal's reason, word for word
    offer = chat.say("/deny")
    link = offer.split("filled in (it works for 24 hours): ")[1].split()[0]
    assert link.startswith("http://testserver/assistant/continue?token=")

    parent = citizen_factory("sam@example.com")
    opened = parent.get(link.removeprefix("http://testserver"))
    assert opened.status_code == 200
    assert "Your answers from the assistant" in opened.text
    assert 'value="Smith"' in opened.text
    identifier = parent.get("/apply/free-school-meals/identifier").text
    assert "AB123456C" in identifier


def test_an_application_taken_in_conversation_is_submitted(assistant, anonymous):
    chat = Chat(anonymous)
    assert "first name" in chat.say("can I apply here?")
    chat.say("Sam")
    # A question in the middle is answered, not taken as the surname, and the form goes on.
    answer = chat.say("sorry, who qualifies for free school meals?")
    assert "Universal Credit" in answer and "last name" in answer
    for said in (
        "Smith",
        "1 January 1990",
        "ab 12 34 56 c",
        "1 High Street",
        "Northtown",
        "nt1 1aa",
        "sam@example.com",
        "Alex",
        "Smith",
    ):
        chat.say(said)
    too_young = f"1 January {date.today().year}"
    assert "Date of birth must be for a child aged between 2 and 19" in chat.say(too_young)
    assert "Which school" in chat.say(f"{CHILD_BORN.day}/{CHILD_BORN.month}/{CHILD_BORN.year}")
    assert "another child" in chat.say("northshire primary")
    # A second child: the same questions again.
    assert "added Alex" in chat.say("yes")
    for said in ("Jo", "Smith", f"2 February {CHILD_BORN.year + 1}"):
        chat.say(said)
    assert "another child" in chat.say("northshire primary")
    assert "Department for Education" in chat.say("no")
    read_back = chat.say("yes")
    assert "National Insurance or asylum support number: AB123456C" in read_back
    assert "Child 1: Alex Smith" in read_back and "Child 2: Jo Smith" in read_back
    assert "Northshire Primary School" in read_back

    answer = chat.say("/affirm")

    assert "Your reference is FSM-" in answer
    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.service == "free-school-meals")).one()
        assert case.channel == "assistant"
        assert case.answers["postcode"] == "NT1 1AA"
        assert case.answers["last_name"] == "Smith"
        children = case.answers["children"]
    assert [child["first_name"] for child in children] == ["Alex", "Jo"]
    assert {child["school_urn"] for child in children} == {SCHOOLS[0][0]}
    assert case.reference in answer


def test_a_question_in_the_middle_of_a_status_check_is_answered_then_asked_again(
    assistant, anonymous
):
    chat = Chat(anonymous)
    assert "reference" in chat.say("where is my application")

    answer = chat.say("how do i apply for school transport?")

    assert UPCOMING["school-transport"].how_to_apply in answer
    assert "What is your application reference?" in answer


def test_a_text_message_is_answered_by_text_within_two_segments(assistant, app, reference):
    from portal.assistant import sms
    from portal.assistant.tasks import reply_to_text

    first = reply_to_text.apply(args=("+447700900982", "where is my application")).get()
    reply_to_text.apply(args=("+447700900982", reference)).get()
    last = reply_to_text.apply(
        args=("+447700900982", f"{CHILD_BORN.day}/{CHILD_BORN.month}/{CHILD_BORN.year}")
    ).get()

    with db.transaction() as session:
        asked = session.get(OutboxMessage, first)
        told = session.get(OutboxMessage, last)
        assert asked.recipient == told.recipient == "+447700900982"
        assert "reference" in asked.personalisation["reply"]
        reply = told.personalisation["reply"]
    assert "Awarded" in reply
    assert sms.fits(reply, 2)


# --- Action tests: saved trackers replayed through the real action server ---------------


def _replay(actions_url: str, name: str, values: dict[str, str]) -> tuple[dict, dict]:
    raw = (TRACKERS / name).read_text()
    for key, value in values.items():
        raw = raw.replace("{" + key + "}", value)
    saved = json.loads(raw)
    domain = yaml.safe_load((PROJECT_ROOT / "bot" / "domain.yml").read_text())
    response = httpx.post(
        actions_url,
        json={
            "next_action": saved["next_action"],
            "sender_id": saved["tracker"]["sender_id"],
            "tracker": saved["tracker"],
            "domain": domain,
            "version": "3.6.2",
        },
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return saved["expect"], response.json()


def _check(expect: dict, result: dict) -> None:
    text = " ".join(r.get("text") or "" for r in result["responses"])
    for wanted in expect.get("text_contains", []):
        assert wanted in text, (wanted, text)
    for unwanted in expect.get("text_absent", []):
        assert unwanted not in text, (unwanted, text)
    payloads = [b["payload"] for r in result["responses"] for b in r.get("buttons") or []]
    for wanted in expect.get("buttons", []):
        assert wanted in payloads
    slots = {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}
    for slot, value in expect.get("slots", {}).items():
        assert slots.get(slot, "missing") == value, (slot, slots)
    followups = [e["name"] for e in result["events"] if e["event"] == "followup"]
    if expect.get("no_followup"):
        assert not followups
    if "followup" in expect:
        assert followups == [expect["followup"]], followups


@pytest.mark.parametrize(
    "tracker",
    sorted(p.name for p in TRACKERS.glob("*.json")),
)
def test_saved_trackers_replay(assistant, actions_url, reference, tracker):
    values = {
        "reference": reference,
        "child_date_of_birth": CHILD_BORN.isoformat(),
        "secondary_closing_date": admissions_dates(date.today())[0].description,
    }
    expect, result = _replay(actions_url, tracker, values)
    _check(expect, result)


def test_a_replayed_enquiry_by_text_is_in_the_queue(assistant, actions_url):
    _expect, result = _replay(actions_url, "enquiry_by_text.json", {})
    reference = result["responses"][0]["text"].split("reference is ")[1].split(".")[0]

    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case.answers["mobile"] == "07700900982"
        assert case.answers["conversation_channel"] == "sms"
        assert [t["speaker"] for t in case.answers["transcript"]] == [
            "person",
            "assistant",
            "person",
        ]


def test_answers_stay_private_to_the_conversation(assistant, anonymous, app, reference):
    from starlette.testclient import TestClient

    Chat(anonymous).say("where is my application")
    someone_else = TestClient(app).get("/assistant").text

    assert "where is my application" not in someone_else
    assert Path(TRACKERS).exists()


def test_no_consent_means_no_check_and_the_person_can_still_apply(assistant, anonymous):
    chat = Chat(anonymous)
    chat.say("can you check if i'm eligible for free school meals")

    answer = chat.say("no")

    assert "won't check" in answer and "Nothing has been sent" in answer
    assert "still apply" in answer
    # No details were asked for.
    assert "last name" not in answer


def test_questions_and_requests_in_the_middle_of_a_form_never_become_answers(
    assistant, anonymous, reference
):
    chat = Chat(anonymous)
    assert "first name" in chat.say("can I apply here?")
    for said in ("Sam", "Smith", "1 January 1990", "ab 12 34 56 c", "1 High Street"):
        chat.say(said)
    chat.say("Northtown")
    chat.say("nt1 1aa")
    chat.say("sam@example.com")
    chat.say("Alex")
    chat.say("Smith")
    # At the child's date of birth: questions, again and again, are answered, not read as
    # a date, and the form asks its question again each time.
    for question in (
        "but does he qualify? is 4 miles far enough?",
        "my son is 14 and wants a paper round, what do I need",
        "but does he qualify? is 4 miles far enough?",
    ):
        answer = chat.say(question)
        assert "real date" not in answer, (question, answer)
        assert "back to my question" in answer or "carry on" in answer, (question, answer)
        assert "child's date of birth" in answer, (question, answer)

    # A reference pauses the form and looks the application up.
    answer = chat.say(f"where is my application? the reference is {reference}")
    assert "real date" not in answer
    assert "look up your application" in answer and "date of birth" in answer
    answer = chat.say(f"{CHILD_BORN.day} {CHILD_BORN:%B %Y}")
    assert f"Application {reference}: Awarded." in answer
    assert "carry on" in answer
    # Carrying on goes back to the question it was asking, with the answers kept.
    assert "child's date of birth" in chat.say("/carry_on")
    assert "Which school" in chat.say(f"{CHILD_BORN.day}/{CHILD_BORN.month}/{CHILD_BORN.year}")
