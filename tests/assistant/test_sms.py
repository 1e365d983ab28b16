"""Fitting replies into two text-message segments. No database, no network."""

from __future__ import annotations

from portal.assistant import sms
from portal.assistant.rasa import Button, Reply


def test_short_replies_are_sent_as_they_are():
    assert sms.fit("Hello. How can I help?") == "Hello. How can I help?"


def test_typographic_characters_become_plain_so_the_gsm_alphabet_holds():
    text = sms.fit("You’re welcome – it’s “free”…")

    assert text == "You're welcome - it's \"free\"..."
    assert sms.is_gsm(text)


def test_long_replies_are_cut_at_a_sentence_within_two_segments():
    sentence = "Your child can get free school meals if you get Universal Credit. "
    text = sms.fit(sentence * 10)

    assert sms.units(text) <= 306
    assert text.endswith("Universal Credit.")


def test_without_a_sentence_end_a_long_reply_is_cut_at_a_word():
    text = sms.fit("word " * 200)

    assert sms.units(text) <= 306
    assert text.endswith("word...")


def test_unicode_replies_get_less_room():
    text = sms.fit("Ysgol 🙂 " * 60)

    assert not sms.is_gsm(text)
    assert len(text) <= 134


def test_room_is_kept_for_the_service_name():
    text = sms.fit("x " * 400, reserve=30)

    assert sms.units(text) <= 306 - 30


def test_extended_characters_count_twice():
    assert sms.units("[]") == 4
    assert sms.fits("€" * 153, 2)
    assert not sms.fits("€" * 154, 2)


def test_buttons_become_words_to_text_back():
    replies = [
        Reply("I could not find it."),
        Reply("Would you like a person?", (Button("Yes", "/affirm"), Button("No", "/deny"))),
    ]

    assert sms.as_text(replies) == (
        'I could not find it.\nWould you like a person? Reply "Yes" or "No".'
    )
