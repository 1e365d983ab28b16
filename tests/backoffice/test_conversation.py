"""An enquiry's conversation on the case page: each turn on its own, who said it, in order,
with its time when the assistant gave one, and what people typed shown as text."""

from __future__ import annotations

import pytest

from casework import db
from casework.models import Case
from tests.backoffice.helpers import soup, submit_enquiry

TRANSCRIPT = [
    {"speaker": "person", "text": "my appeal was lost, what now", "at": "2025-03-14T14:05:00Z"},
    {"speaker": "assistant", "text": "Sorry, I can't help with that.\nWould you like a person?"},
    {"speaker": "person", "text": "<script>alert('hi')</script> yes please"},
]


def _store_plain_text(reference: str, text: str) -> None:
    """As an older row might hold it: the transcript as one run of text."""
    with db.transaction() as session:
        case = session.query(Case).filter_by(reference=reference).one()
        case.answers = {**case.answers, "transcript": text}


@pytest.fixture
def enquiry_officer(officer_factory):
    return officer_factory("enquiry")


def _turns(html: str) -> list[dict[str, str]]:
    page = soup(html)
    heading = page.find("h2", id="conversation")
    assert heading is not None, "the case page has no conversation"
    listed = page.find("ol", class_="app-transcript")
    return [
        {
            "class": " ".join(turn["class"]),
            "speaker": turn.find("strong").get_text(strip=True) if turn.find("strong") else "",
            "time": turn.find("time")["datetime"] if turn.find("time") else "",
            "text": [p.get_text(strip=True) for p in turn.find_all("p", class_="govuk-body")],
        }
        for turn in listed.find_all("li", recursive=False)
    ]


def test_the_case_page_shows_each_turn_with_who_said_it_in_order(enquiry_officer):
    reference = submit_enquiry(TRANSCRIPT)

    response = enquiry_officer.get(f"/backoffice/cases/{reference}")

    assert response.status_code == 200
    assert _turns(response.text) == [
        {
            "class": "app-transcript__turn app-transcript__turn--person",
            "speaker": "Person",
            "time": "2025-03-14T14:05:00+00:00",
            "text": ["my appeal was lost, what now"],
        },
        {
            "class": "app-transcript__turn app-transcript__turn--assistant",
            "speaker": "Assistant",
            "time": "",
            "text": ["Sorry, I can't help with that.", "Would you like a person?"],
        },
        {
            "class": "app-transcript__turn app-transcript__turn--person",
            "speaker": "Person",
            "time": "",
            "text": ["<script>alert('hi')</script> yes please"],
        },
    ]
    # The time as people read it (London time), and no longer one run of text in the answers.
    assert "14 March 2025 at 2:05pm" in response.text
    answers = [
        dt.get_text(strip=True) for dt in soup(response.text).select(".govuk-summary-list__key")
    ]
    assert "Conversation" not in answers


def test_what_the_person_typed_is_shown_as_text_not_run_as_html(enquiry_officer):
    reference = submit_enquiry(TRANSCRIPT)

    response = enquiry_officer.get(f"/backoffice/cases/{reference}")

    assert "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; yes please" in response.text
    assert "<script>alert(" not in response.text
    assert not [s for s in soup(response.text).find_all("script") if "alert(" in s.get_text()]


def test_a_transcript_stored_as_plain_text_still_shows_as_turns(enquiry_officer):
    reference = submit_enquiry([])
    _store_plain_text(reference, "Person: where is my application\nAssistant: I could not find it.")

    response = enquiry_officer.get(f"/backoffice/cases/{reference}")

    assert [(t["speaker"], t["text"]) for t in _turns(response.text)] == [
        ("Person", ["where is my application"]),
        ("Assistant", ["I could not find it."]),
    ]


def test_plain_text_without_speakers_is_shown_as_it_was(enquiry_officer):
    reference = submit_enquiry([])
    _store_plain_text(reference, "Asked about transport.\nWants a call back.")

    response = enquiry_officer.get(f"/backoffice/cases/{reference}")

    assert [(t["speaker"], t["text"]) for t in _turns(response.text)] == [
        ("", ["Asked about transport.", "Wants a call back."]),
    ]


def test_an_enquiry_without_a_conversation_says_so(enquiry_officer):
    reference = submit_enquiry([])

    page = soup(enquiry_officer.get(f"/backoffice/cases/{reference}").text)

    assert page.find("h2", id="conversation") is not None
    assert page.find("ol", class_="app-transcript") is None
    assert "The assistant passed on no conversation with this question." in page.get_text()


def test_other_services_have_no_conversation_section(fsm_client, make_case):
    page = soup(fsm_client.get(f"/backoffice/cases/{make_case('needs_review')}").text)

    assert page.find("h2", id="conversation") is None


def test_a_button_press_reads_as_what_was_chosen(enquiry_officer):
    reference = submit_enquiry(
        [
            {"speaker": "assistant", "text": "What would you like to do?"},
            {"speaker": "person", "text": "[chose human handoff]"},
        ]
    )

    page = enquiry_officer.get(f"/backoffice/cases/{reference}").text

    assert [turn["text"] for turn in _turns(page)][1] == ["Chose: Human handoff"]
    assert "[chose" not in soup(page).get_text()
