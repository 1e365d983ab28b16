"""Talking to the Rasa server over its REST channel, with one HTTP client per process.

Used from request handlers (in the thread pool) and from Celery tasks, so the client is a
thread-safe synchronous one. Anything but a good answer is ``AssistantUnavailable``: the
caller says the assistant is unavailable and nothing else breaks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from casework.settings import get_settings

_client: httpx.Client | None = None
_lock = threading.Lock()


class AssistantUnavailable(Exception):
    def __init__(self, message: str, *, reached: bool) -> None:
        super().__init__(message)
        # False when the message never reached Rasa, so sending it again is safe.
        self.reached = reached


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
        }


def client() -> httpx.Client:
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                settings = get_settings()
                # Rasa's HTTP API takes its token as a query parameter (rasa.server).
                token = settings.rasa_auth_token
                _client = httpx.Client(
                    base_url=settings.rasa_url.rstrip("/"),
                    params={"token": token} if token else None,
                    timeout=httpx.Timeout(settings.rasa_timeout_seconds, connect=2.0),
                    limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
                )
    return _client


def reset_client() -> None:
    """Forget the shared client (tests and settings changes)."""
    global _client
    with _lock:
        if _client is not None:
            _client.close()
        _client = None


def ask(sender_id: str, text: str, metadata: dict[str, Any] | None = None) -> list[Reply]:
    """Send one message; the assistant's replies, in order."""
    body = {"sender": sender_id, "message": text, "metadata": metadata or {}}
    try:
        response = client().post("/webhooks/rest/webhook", json=body)
    except httpx.ConnectError as exc:
        raise AssistantUnavailable(f"Rasa is not answering: {exc}", reached=False) from exc
    except httpx.HTTPError as exc:
        raise AssistantUnavailable(f"Rasa did not answer in time: {exc}", reached=True) from exc
    if response.status_code != 200:
        raise AssistantUnavailable(f"Rasa answered {response.status_code}", reached=True)
    try:
        messages = response.json()
    except ValueError as exc:
        raise AssistantUnavailable("Rasa's answer was not JSON", reached=True) from exc
    return [
        _reply(m) for m in messages if isinstance(m, dict) and (m.get("text") or m.get("buttons"))
    ]


def _reply(message: dict[str, Any]) -> Reply:
    buttons = tuple(
        Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
        for b in message.get("buttons") or []
        if isinstance(b, dict) and b.get("title")
    )
    return Reply(text=str(message.get("text") or ""), buttons=buttons)
