"""What the actions need to know about the conversation itself: its channel and transcript."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

# Long enough for an officer to see what happened, short enough for one case.
MAX_TRANSCRIPT_TURNS = 60
MAX_TURN_CHARACTERS = 1000


def metadata(tracker: Tracker) -> dict[str, Any]:
    latest = tracker.latest_message or {}
    value = latest.get("metadata") or {}
    return value if isinstance(value, dict) else {}


def channel(tracker: Tracker) -> str:
    """ "sms" for text messages (the sender id is the phone number), else "web"."""
    given = metadata(tracker).get("channel")
    if given in ("sms", "web"):
        return given
    return "sms" if re.fullmatch(r"\+?\d{10,15}", tracker.sender_id or "") else "web"


def phone_number(tracker: Tracker) -> str:
    """The sender's number; Notify gives inbound numbers as 447700900982, without the +."""
    number = str(metadata(tracker).get("phone") or tracker.sender_id).strip()
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44") and len(digits) == 12:
        return "+" + digits
    return number


def transcript(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation so far, as the officer will read it."""
    turns: list[dict[str, Any]] = []
    buttons: dict[str, str] = {}  # the last buttons offered: payload -> what they said
    for event in tracker.events:
        kind = event.get("event")
        text = (event.get("text") or "").strip()
        if kind == "bot":
            offered = (event.get("data") or {}).get("buttons") or []
            buttons = {
                str(b.get("payload")): str(b.get("title"))
                for b in offered
                if isinstance(b, dict) and b.get("payload") and b.get("title")
            }
        if kind not in ("user", "bot") or not text:
            continue
        if kind == "user" and text.startswith("/"):
            # A button press: show what the button said, not its payload.
            said = buttons.get(text) or text.lstrip("/").replace("_", " ").capitalize()
            text = f"Chose: {said}"
        turn: dict[str, Any] = {
            "speaker": "person" if kind == "user" else "assistant",
            "text": text[:MAX_TURN_CHARACTERS],
        }
        if isinstance(event.get("timestamp"), (int, float)):
            # Rasa's events carry Unix seconds; the portal shows the officer when.
            turn["at"] = event["timestamp"]
        turns.append(turn)
    return turns[-MAX_TRANSCRIPT_TURNS:]
