"""What every action shares: calling the portal off the event loop, reading the latest
message, idempotency keys, and the words for when the portal cannot be reached."""

from __future__ import annotations

import asyncio
import hashlib
import json
from typing import Any

from rasa_sdk import Tracker

from actions import reading
from actions.portal_api import Answer

UNAVAILABLE = (
    "Sorry, I can't reach our systems just now. Please try again in a few minutes, "
    "or contact us: see the contact page on our website."
)
OFFER_PERSON = [{"title": "Talk to a person", "payload": "/human_handoff"}]


async def api(function: Any, *args: Any) -> Answer:
    # The client is blocking; keep the action server's event loop free for other people.
    return await asyncio.to_thread(function, *args)


def intent(tracker: Tracker) -> str:
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")


def confidence(tracker: Tracker) -> float:
    return float((tracker.latest_message.get("intent") or {}).get("confidence") or 0)


def text(tracker: Tracker) -> str:
    return reading.clean(tracker.latest_message.get("text"))


def entity(tracker: Tracker, name: str) -> str | None:
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") == name and found.get("value"):
            return str(found["value"])
    return None


def idempotency_key(tracker: Tracker, what: str, body: Any) -> str:
    digest = hashlib.sha256(
        f"{tracker.sender_id}|{what}|{json.dumps(body, sort_keys=True)}".encode()
    )
    return "assistant:" + digest.hexdigest()[:40]
