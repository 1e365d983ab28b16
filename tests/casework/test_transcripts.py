"""Reading a stored transcript back as turns: the list the assistant sends, and plain text
from older rows. No database."""

from __future__ import annotations

from datetime import UTC, datetime

from casework.services.enquiry.declaration import ENQUIRY
from casework.transcripts import Turn, from_text, turns


def test_a_list_of_turns_is_read_in_order_with_times_when_given():
    stored = [
        {"speaker": "person", "text": "my appeal was lost", "at": "2025-03-14T14:05:00Z"},
        {"speaker": "assistant", "text": "Sorry, I can't help with that."},
    ]

    assert turns(stored) == [
        Turn("person", "my appeal was lost", datetime(2025, 3, 14, 14, 5, tzinfo=UTC)),
        Turn("assistant", "Sorry, I can't help with that."),
    ]


def test_plain_text_is_split_at_its_speaker_labels():
    stored = "Person: my appeal was lost\nwhat now?\nAssistant: Sorry.\nYou: a person please"

    assert turns(stored) == [
        Turn("person", "my appeal was lost\nwhat now?"),
        Turn("assistant", "Sorry."),
        Turn("person", "a person please"),
    ]


def test_plain_text_without_labels_still_shows():
    assert from_text("Called about transport.\nWants a call back.") == [
        Turn("", "Called about transport.\nWants a call back.")
    ]
    assert turns(None) == [] and turns("") == [] and turns({"text": "odd"}) == []


def test_a_turn_with_an_unknown_speaker_is_the_persons_and_empty_turns_are_dropped():
    stored = [{"speaker": "bot?", "text": "hi"}, {"speaker": "assistant", "text": "  "}, "x"]

    assert turns(stored) == [Turn("person", "hi"), Turn("", "x")]


def test_times_are_kept_from_the_assistant_and_left_out_when_not_given():
    enquiry = ENQUIRY.application_model.model_validate(
        {
            "question": "q",
            "email": "sam@example.com",
            "transcript": [
                {"speaker": "person", "text": "hi", "at": 1741961100.0},  # Rasa's Unix time
                {"speaker": "assistant", "text": "Hello", "at": "not a time"},
                {"speaker": "person", "text": "help"},
            ],
        }
    )

    stored = enquiry.model_dump(mode="json")["transcript"]

    assert stored == [
        {"speaker": "person", "text": "hi", "at": "2025-03-14T14:05:00Z"},
        {"speaker": "assistant", "text": "Hello"},
        {"speaker": "person", "text": "help"},
    ]
    assert turns(stored)[0].at == datetime(2025, 3, 14, 14, 5, tzinfo=UTC)


def test_a_button_press_reads_as_a_choice_not_as_its_payload():
    stored = [
        {"speaker": "assistant", "text": "What would you like to do?"},
        {"speaker": "person", "text": "[chose check status]"},
    ]

    assert turns(stored)[1] == Turn("person", "Chose: Check status")
    assert from_text("You: [chose human handoff]") == [Turn("person", "Chose: Human handoff")]
