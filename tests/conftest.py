"""Shared fixtures: a real PostgreSQL database, Redis as the broker, the local Notify sandbox
and the DfE eligibility fake over HTTP, and one client fixture per role.

Settings are read from the environment, so the test environment is set here, before any
project module reads it. TEST_DATABASE_URL and TEST_REDIS_URL point elsewhere if needed.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

TEST_DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/portal_test"
)
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
NOTIFY_PORT = int(os.environ.get("TEST_NOTIFY_PORT", "18001"))
ECS_PORT = int(os.environ.get("TEST_ECS_PORT", "18002"))
PORTAL_PORT = int(os.environ.get("TEST_PORTAL_PORT", "18003"))

os.environ.update(
    {
        "DATABASE_URL": TEST_DATABASE_URL,
        "CELERY_BROKER_URL": TEST_REDIS_URL,
        "REDIS_URL": TEST_REDIS_URL,
        "SECRET_KEY": "test-secret-key",
        "NOTIFY_BASE_URL": f"http://127.0.0.1:{NOTIFY_PORT}",
        "ECS_BASE_URL": f"http://127.0.0.1:{ECS_PORT}",
        "ECS_TIMEOUT_SECONDS": "2",
        "PUBLIC_BASE_URL": "http://testserver",
        # The assistant's tests talk faster than any person and all from one address; the
        # limits stay on, high enough not to stop them. tests/assistant/test_rate_limits.py
        # sets them low.
        "ASSISTANT_MESSAGES_PER_MINUTE_PER_CONVERSATION": "1000",
        "ASSISTANT_MESSAGES_PER_MINUTE_PER_IP": "1000",
        "ASSISTANT_TEXTS_PER_MINUTE_PER_PHONE": "1000",
        # Likewise sign-in: every test signs people in from one address, often the same
        # address. tests/portal/test_sign_in_limits.py sets these low.
        "SIGN_IN_CODES_PER_HOUR_PER_EMAIL": "100000",
        "SIGN_IN_CODES_PER_HOUR_PER_SESSION": "100000",
        "SIGN_IN_CODES_PER_HOUR_PER_IP": "100000",
        "OFFICER_SIGN_IN_FAILURES_PER_HOUR_PER_IP": "100000",
        # And the API's status look-up: tests/api/test_status_attempts.py sets these low.
        "API_STATUS_WRONG_ATTEMPTS_PER_HOUR_PER_REFERENCE": "100000",
        "API_STATUS_WRONG_ATTEMPTS_PER_HOUR_PER_CLIENT": "100000",
        "API_STATUS_WRONG_ATTEMPTS_PER_HOUR_PER_IP": "100000",
    }
)

# A running Rasa server and action server, for the assistant's and the browser tests.
pytest_plugins = ["tests.assistant.servers"]

from bs4 import BeautifulSoup  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from casework import accounts, db  # noqa: E402
from casework.models import Base, OutboxMessage, School  # noqa: E402
from casework.settings import get_settings  # noqa: E402
from notifications.queues import NOTIFY_QUEUE, NOTIFY_RETRY_QUEUE  # noqa: E402

# Every queue a test's tasks can land in.
BROKER_QUEUES = ("default", NOTIFY_QUEUE, NOTIFY_RETRY_QUEUE)

SCHOOLS = (
    ("100001", "Northshire Primary School", "primary", "office@northshire-primary.example"),
    ("100004", "Northshire Academy", "secondary", "office@northshire-academy.example"),
)


def _free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _free(port):
            return
        time.sleep(0.05)
    raise RuntimeError(f"Nothing is listening on port {port}")


def _serve_in_thread(app, port: int) -> None:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    _wait_for_port(port)


@pytest.fixture(scope="session")
def database() -> str:
    """A fresh, migrated database for the session."""
    url = make_url(TEST_DATABASE_URL)
    if url.get_backend_name() == "postgresql":
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
        admin.dispose()
    get_settings.cache_clear()
    db.reset_caches()
    from casework.migrate import migrate

    migrate()
    return TEST_DATABASE_URL


def _empty_tables(attempts: int = 5) -> None:
    from sqlalchemy.exc import OperationalError

    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    for attempt in range(attempts):
        try:
            with db.get_engine().begin() as connection:
                if connection.dialect.name != "postgresql":
                    for table in reversed(Base.metadata.sorted_tables):
                        connection.execute(table.delete())
                    return
                # The audit trigger forbids DELETE; TRUNCATE is the test's privilege.
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                return
        except OperationalError:
            # The session's worker may still be finishing the last test's tasks; PostgreSQL
            # breaks the lock cycle by failing the TRUNCATE, which can simply go again.
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


def _empty_broker_queues() -> None:
    # Tasks a test without a worker left queued would otherwise run in the next test that
    # has one, against new rows that reuse their ids. Only the queues' lists go: kombu's
    # bindings stay, or the running worker would stop receiving.
    import redis

    redis.Redis.from_url(TEST_REDIS_URL).delete(*BROKER_QUEUES)


@pytest.fixture
def clean_db(database: str) -> Iterator[None]:
    """Every test starts with empty tables (rule data and schools reloaded)."""
    from casework.rules import ensure_default_rules

    _empty_tables()
    _empty_broker_queues()
    with db.transaction() as session:
        ensure_default_rules(session)
        for urn, name, phase, email in SCHOOLS:
            session.add(School(urn=urn, name=name, phase=phase, email=email))
    yield


@pytest.fixture(scope="session")
def notify_sandbox() -> str:
    """The local Notify sandbox, served over HTTP as Notify would be."""
    from notifications.sandbox.app import create_app
    from notifications.sandbox.server import load_templates

    if _free(NOTIFY_PORT):
        _serve_in_thread(create_app([get_settings().notify_api_key], load_templates()), NOTIFY_PORT)
    return f"http://127.0.0.1:{NOTIFY_PORT}"


@pytest.fixture(scope="session")
def eligibility_service() -> str:
    from portal.fakes.dfe_eligibility import create_app

    settings = get_settings()
    if _free(ECS_PORT):
        app = create_app(settings.ecs_client_id, settings.ecs_client_secret, slow_seconds=4)
        _serve_in_thread(app, ECS_PORT)
    return f"http://127.0.0.1:{ECS_PORT}"


@pytest.fixture(scope="session")
def portal_server(database: str) -> str:
    """The portal served over HTTP, for Notify's callbacks and the browser tests."""
    from portal.app import create_app

    if _free(PORTAL_PORT):
        _serve_in_thread(create_app(), PORTAL_PORT)
    return f"http://127.0.0.1:{PORTAL_PORT}"


@pytest.fixture
def sandbox_messages(notify_sandbox: str) -> Callable[..., list[dict]]:
    """Read what the sandbox received (cleared before each test)."""
    import httpx

    httpx.delete(f"{notify_sandbox}/_sandbox/messages")

    def read(**filters: str) -> list[dict]:
        return httpx.get(f"{notify_sandbox}/_sandbox/messages", params=filters).json()

    return read


@pytest.fixture(scope="session")
def _worker_process(database: str, notify_sandbox: str, eligibility_service: str) -> Iterator[None]:
    """One real Celery worker process for the session, idle until a test asks for it."""
    import redis

    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "portal.cli", "worker", "--concurrency=2"],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    from portal.worker import celery_app

    deadline = time.monotonic() + 60
    while not celery_app.control.ping(timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("The Celery worker did not start")
    _consume(False)
    yield
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def _consume(on: bool) -> None:
    from portal.worker import celery_app

    for queue in BROKER_QUEUES:
        if on:
            replies = celery_app.control.add_consumer(queue, reply=True, timeout=10, limit=1)
        else:
            replies = celery_app.control.cancel_consumer(queue, reply=True, timeout=10, limit=1)
        if not replies:
            raise RuntimeError(f"The Celery worker did not answer about queue {queue}")


@pytest.fixture
def celery_worker(_worker_process: None, clean_db: None) -> Iterator[None]:
    """A real Celery worker on Redis, delivering to the sandbox over HTTP, for this test only.

    Tests without it see what happens with no worker running: messages stay queued and no
    background job moves a case, whichever tests ran before.
    """
    _consume(True)
    yield
    _consume(False)


def wait_for(condition: Callable[[], object], timeout: float = 20, message: str = "") -> object:
    """Poll until condition() is truthy; for work that a worker does in the background."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(message or "Timed out waiting")


# --- Clients, one per role -----------------------------------------------------------


class Clock:
    """A clock a test moves by hand (replacing a module's ``_now``), never by sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


_client_addresses = itertools.count(1)


def from_own_address(app, address: str | None = None, **options) -> TestClient:
    """A new client (its own session), from its own client address unless given one, so
    per-address limits of one test's clients never meet another's."""
    n = next(_client_addresses)
    address = address or f"192.0.{2 + n // 250}.{n % 250 + 1}"
    return TestClient(app, client=(address, 50000), **options)


def empty_buckets(pattern: str) -> None:
    """Forget the Redis token buckets whose keys match: each test starts with full limits."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    keys = list(client.scan_iter(pattern))
    if keys:
        client.delete(*keys)


def limit_setter(monkeypatch: pytest.MonkeyPatch, prefix: str) -> Callable[..., None]:
    """set(name=value, …) sets the settings ``<prefix><name>`` for one test."""
    settings = get_settings()

    def set_limits(**values: int) -> None:
        for name, value in values.items():
            monkeypatch.setattr(settings, f"{prefix}{name}", value)

    return set_limits


def csrf_token(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", {"name": "csrf_token"})
    assert field is not None, "the page has no CSRF field"
    return field["value"]


def error_messages(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]


@pytest.fixture
def app(clean_db: None):
    from portal.app import create_app

    return create_app()


@pytest.fixture
def anonymous(app) -> TestClient:
    return TestClient(app)


def latest_sign_in_code(email: str) -> str:
    from sqlalchemy import select

    with db.transaction() as session:
        message = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.recipient == email, OutboxMessage.message_name == "sign_in_code")
            .order_by(OutboxMessage.created_at.desc())
        ).first()
        assert message is not None, f"no sign-in code was sent to {email}"
        return message.personalisation["code"]


@pytest.fixture
def citizen_factory(app) -> Callable[[str], TestClient]:
    def sign_in(email: str) -> TestClient:
        client = TestClient(app)
        token = csrf_token(client.get("/sign-in").text)
        client.post("/sign-in", data={"email": email, "csrf_token": token})
        response = client.post(
            "/sign-in/code", data={"code": latest_sign_in_code(email), "csrf_token": token}
        )
        assert response.status_code == 200, response.text
        return client

    return sign_in


@pytest.fixture
def citizen(citizen_factory) -> TestClient:
    return citizen_factory("parent@example.com")


# The authenticator key the officer fixtures' administrators are enrolled with.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def officer_factory(app) -> Callable[..., TestClient]:
    """A signed-in officer with one role; an administrator also enters the security code
    (administrators must have one: ``backoffice.two_factor``)."""
    import pyotp
    from sqlalchemy import select

    from casework.models import Officer

    def sign_in(role: str = "free-school-meals", email: str | None = None) -> TestClient:
        email = email or f"{role}.officer@northshire.example"
        with db.transaction() as session:
            password = accounts.create_officer(session, email, f"{role} officer", [role])
            if role == "admin":
                officer = session.scalars(select(Officer).where(Officer.email == email)).one()
                officer.totp_secret = accounts.seal_totp_secret(officer.id, TEST_TOTP_SECRET)
                officer.totp_enrolled = True
        client = TestClient(app)
        token = csrf_token(client.get("/backoffice/sign-in").text)
        response = client.post(
            "/backoffice/sign-in",
            data={"email": email, "password": password, "csrf_token": token},
        )
        if role == "admin":
            code = pyotp.TOTP(TEST_TOTP_SECRET).now()
            response = client.post(
                "/backoffice/sign-in/security-code",
                data={"code": code, "csrf_token": csrf_token(response.text)},
            )
        assert response.status_code == 200, response.text
        return client

    return sign_in


@pytest.fixture
def officer(officer_factory) -> TestClient:
    return officer_factory("free-school-meals")


@pytest.fixture
def api_token_factory(clean_db: None) -> Callable[..., str]:
    def create(*scopes: str) -> str:
        with db.transaction() as session:
            return accounts.create_api_client(session, "test client", list(scopes))

    return create
