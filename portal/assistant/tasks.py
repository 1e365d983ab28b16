"""Answering text messages with the assistant.

The Notify inbound-text callback sends ``assistant.reply_to_text`` (sender phone, text) for a
text that names no case. The phone number is the Rasa sender id, so a conversation carries
on across texts; the reply goes out as an outbox SMS like every other message.

Each number may text the assistant only so many times a minute (``limits``): beyond that
the text is not sent to Rasa and no reply goes out, since every reply is a text we pay for.
The text itself is kept: ``casework.inbound`` stores every inbound text before it gets here.
"""

from __future__ import annotations

import logging

from celery import shared_task

from casework import assistant, db, outbox
from casework.followups import ASSISTANT_REPLY_TO_TEXT
from casework.messages import ASSISTANT_REPLY
from casework.settings import get_settings
from portal.assistant import limits, rasa, sms

log = logging.getLogger(__name__)

MAX_RETRIES = 3
MAX_INBOUND_CHARACTERS = 1000


def unavailable_text() -> str:
    base = get_settings().public_base_url.rstrip("/")
    return (
        "Sorry, our assistant is not available just now. Please try again later, or see "
        f"{base}/contact for other ways to reach us."
    )


def reply_for(phone: str, text: str) -> str:
    """The assistant's answer as one text message, or the "unavailable" message."""
    settings = get_settings()
    replies = rasa.ask(phone, text[:MAX_INBOUND_CHARACTERS], {"channel": "sms", "phone": phone})
    body = sms.as_text(replies) or "Sorry, I don't have an answer for that. Try asking another way."
    # Notify may put the service's name before the text; leave room for it.
    return sms.fit(body, settings.assistant_sms_segments, reserve=len(settings.council_name) + 2)


@shared_task(name=ASSISTANT_REPLY_TO_TEXT, bind=True, max_retries=MAX_RETRIES, acks_late=True)
def reply_to_text(self, phone: str, text: str) -> int | None:  # type: ignore[no-untyped-def]
    """Send the text to the assistant and queue its reply. Returns the outbox row's id."""
    if not phone or not (text or "").strip():
        return None
    # Checked once, not on retries: a retry is the same text, already counted.
    if self.request.retries == 0 and limits.text_message(phone):
        log.warning("A text to the assistant was not answered: too many from one number")
        return None
    try:
        body = reply_for(phone, text)
    except rasa.AssistantUnavailable as exc:
        # Only retry what Rasa never saw: a retry must not repeat a message in the chat.
        if not exc.reached and self.request.retries < MAX_RETRIES:
            raise self.retry(countdown=10 * 2**self.request.retries) from exc
        log.warning("The assistant could not answer a text: %s", exc)
        body = sms.fit(unavailable_text(), get_settings().assistant_sms_segments)
    with db.transaction() as session:
        row = outbox.queue(session, ASSISTANT_REPLY.name, "sms", phone, {"reply": body})
        return row.id


@shared_task(name="assistant.forget_old_conversations")
def forget_old_conversations() -> int:
    """Delete web conversations nobody has touched for 30 days (the privacy notice says so)."""
    with db.transaction() as session:
        return assistant.forget_old(session)
