"""How often people may message the assistant, on the web and by text. Rasa is a stand-in
that answers every message and counts them, so the tests see which messages reached it.
The limits are set low through the environment; no test depends on how long it takes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
import redis
from bs4 import BeautifulSoup
from sqlalchemy import select
from starlette.testclient import TestClient

from casework import db
from casework.models import AssistantTurn, OutboxMessage
from casework.settings import get_settings
from portal import rate_limit
from portal.assistant import rasa
from portal.assistant.limits import TOO_MANY_MESSAGES
from tests.conftest import csrf_token, error_messages


class FakeRasa:
    def __init__(self) -> None:
        self.heard: list[tuple[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.heard.append((body["sender"], body["message"]))
        return httpx.Response(200, json=[{"text": f"You said: {body['message']}"}])


@pytest.fixture
def fake_rasa() -> Iterator[FakeRasa]:
    fake = FakeRasa()
    rasa.reset_client()
    rasa._client = httpx.Client(base_url="http://rasa.test", transport=httpx.MockTransport(fake))
    yield fake
    rasa.reset_client()


def _forget_counts() -> None:
    url = get_settings().redis_url
    if url:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter("assistant:rate:*"):
            client.delete(key)
    rate_limit.reset()


@pytest.fixture
def limits(monkeypatch) -> Iterator[None]:
    """Two messages a minute per conversation, three per address, two texts per number."""
    monkeypatch.setenv("ASSISTANT_MESSAGES_PER_MINUTE_PER_CONVERSATION", "2")
    monkeypatch.setenv("ASSISTANT_MESSAGES_PER_MINUTE_PER_IP", "3")
    monkeypatch.setenv("ASSISTANT_TEXTS_PER_MINUTE_PER_PHONE", "2")
    get_settings.cache_clear()
    _forget_counts()
    yield
    # Back to the test environment's settings (a test may have moved Redis) before tidying.
    monkeypatch.undo()
    get_settings.cache_clear()
    _forget_counts()


def _person(app, address: str = "203.0.113.10") -> TestClient:
    client = TestClient(app, client=(address, 50000))
    client.csrf = csrf_token(client.get("/assistant").text)  # type: ignore[attr-defined]
    return client


def _send(client: TestClient, message: str, *, htmx: bool = False) -> httpx.Response:
    return client.post(
        "/assistant",
        data={"message": message, "csrf_token": client.csrf},  # type: ignore[attr-defined]
        headers={"HX-Request": "true"} if htmx else {},
        follow_redirects=False,
    )


def _message_box(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", {"name": "message"})
    assert field is not None
    return field["value"]


def _said_by_people() -> list[str]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(AssistantTurn.text)
                .where(AssistantTurn.speaker == "person")
                .order_by(AssistantTurn.id)
            )
        )


# --- The web chat ---------------------------------------------------------------------


def test_messages_under_the_limit_reach_the_assistant(app, limits, fake_rasa):
    person = _person(app)

    first = _send(person, "hello")
    second = _send(person, "do I qualify for free school meals")

    assert (first.status_code, second.status_code) == (303, 303)
    assert [message for _, message in fake_rasa.heard] == [
        "hello",
        "do I qualify for free school meals",
    ]
    assert "You said: do I qualify for free school meals" in person.get("/assistant").text


def test_without_javascript_too_many_messages_get_a_429_with_the_message_kept(
    app, limits, fake_rasa
):
    person = _person(app)
    _send(person, "hello")
    _send(person, "hello again")

    refused = _send(person, "where is my application FSM-<b>1</b>")

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert error_messages(refused.text) == [TOO_MANY_MESSAGES]
    assert "<title>Error: Ask our assistant –" in refused.text
    # What they typed is back in the box (escaped), and the conversation so far is shown.
    assert _message_box(refused.text) == "where is my application FSM-<b>1</b>"
    assert "<b>1</b>" not in refused.text
    assert "You said: hello again" in refused.text
    # The refused message never reached the assistant and is not in the conversation.
    assert len(fake_rasa.heard) == 2
    assert _said_by_people() == ["hello", "hello again"]


def test_with_htmx_the_error_comes_back_for_the_live_region(app, limits, fake_rasa):
    person = _person(app)
    _send(person, "hello", htmx=True)
    _send(person, "hello again", htmx=True)

    refused = _send(person, "are you there", htmx=True)

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "<html" not in refused.text
    alert = BeautifulSoup(refused.text, "html.parser").find(attrs={"role": "alert"})
    assert alert is not None
    assert alert.get_text(" ", strip=True) == f"Error: {TOO_MANY_MESSAGES}"
    assert len(fake_rasa.heard) == 2


def test_the_limit_is_per_conversation(app, limits, fake_rasa):
    busy = _person(app, "203.0.113.10")
    _send(busy, "one")
    _send(busy, "two")
    assert _send(busy, "three").status_code == 429

    other = _person(app, "198.51.100.7")
    answered = _send(other, "hello")

    assert answered.status_code == 303
    assert fake_rasa.heard[-1][1] == "hello"


def test_one_address_is_limited_across_conversations(app, limits, fake_rasa):
    # Three a minute from one address, whoever is talking; another address is unaffected.
    shared = [_person(app, "203.0.113.10") for _ in range(4)]
    sent = [_send(person, "hello").status_code for person in shared]
    elsewhere = _send(_person(app, "198.51.100.7"), "hello")

    assert sent == [303, 303, 303, 429]
    assert elsewhere.status_code == 303
    assert len(fake_rasa.heard) == 4


def test_a_refused_message_is_not_counted(app, limits, fake_rasa):
    # The conversation limit refuses the third, so it takes nothing from the address's
    # three: another conversation from the same address still gets one through.
    person = _person(app, "203.0.113.10")
    statuses = [_send(person, text).status_code for text in ("one", "two", "three", "four")]
    neighbour = _send(_person(app, "203.0.113.10"), "hello")

    assert statuses == [303, 303, 429, 429]
    assert neighbour.status_code == 303


def test_without_redis_the_limit_holds_in_the_process(app, limits, fake_rasa, monkeypatch):
    monkeypatch.delenv("REDIS_URL")
    get_settings.cache_clear()
    rate_limit.reset()
    person = _person(app)

    statuses = [_send(person, text).status_code for text in ("one", "two", "three")]

    assert statuses == [303, 303, 429]
    assert isinstance(rate_limit.buckets(), rate_limit.LocalBuckets)


def test_when_redis_is_down_messages_still_go_through(app, limits, fake_rasa, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    get_settings.cache_clear()
    rate_limit.reset()
    person = _person(app)

    statuses = [_send(person, text).status_code for text in ("one", "two", "three")]

    assert statuses == [303, 303, 303]
    assert len(fake_rasa.heard) == 3


# --- Texts ----------------------------------------------------------------------------


def _replies() -> dict[str, str]:
    """Recipient → the reply queued for them."""
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage)).all()
        return {row.recipient: row.personalisation["reply"] for row in rows}


def test_texts_beyond_the_limit_get_no_reply(app, limits, fake_rasa):
    from portal.assistant.tasks import reply_to_text

    # One number, written three ways, as Notify and people write it.
    first = reply_to_text.apply(args=("447700900982", "hi")).get()
    second = reply_to_text.apply(args=("+447700900982", "where is my application")).get()
    third = reply_to_text.apply(args=("07700 900982", "hello?")).get()
    other = reply_to_text.apply(args=("447700900123", "hi")).get()

    assert first and second and other
    assert third is None
    assert [message for _, message in fake_rasa.heard] == ["hi", "where is my application", "hi"]
    assert _replies() == {
        "447700900982": "You said: hi",
        "+447700900982": "You said: where is my application",
        "447700900123": "You said: hi",
    }
