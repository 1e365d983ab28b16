"""A running assistant for the tests: the trained model in a real Rasa server, the real
action server, and the portal's API served over HTTP for the actions to call.

A plugin (``pytest_plugins`` in tests/conftest.py), so the assistant's tests and the
browser tests share one set of servers.

Ports (override by environment): TEST_RASA_PORT 18205, TEST_RASA_ACTIONS_PORT 18255,
TEST_ASSISTANT_PORTAL_PORT 18206. The servers start once per session (Rasa takes half a
minute to load); each test gets a fresh database and a fresh API token for the actions.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from casework import accounts, db
from casework.settings import PROJECT_ROOT, get_settings
from portal.assistant import rasa
from portal.cli import ASSISTANT_SCOPES
from tests.conftest import _serve_in_thread

RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "18205"))
ACTIONS_PORT = int(os.environ.get("TEST_RASA_ACTIONS_PORT", "18255"))
PORTAL_PORT = int(os.environ.get("TEST_ASSISTANT_PORTAL_PORT", "18206"))
MANAGE = str(PROJECT_ROOT / "bot" / "manage.py")


def _wait(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server for {url} stopped; run `python bot/manage.py serve`")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s")


@pytest.fixture(scope="session")
def token_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("assistant") / "api-token"


@pytest.fixture(scope="session")
def assistant_servers(database: str, eligibility_service: str, token_file: Path) -> Iterator[str]:
    """The Rasa server's address, with the action server and the portal API behind it."""
    subprocess.run([sys.executable, MANAGE, "train"], check=True)  # noqa: S603
    from portal.app import create_app

    _serve_in_thread(create_app(), PORTAL_PORT)
    token_file.write_text("not-yet")
    env = {
        **os.environ,
        "PORTAL_API_URL": f"http://127.0.0.1:{PORTAL_PORT}/api/v1",
        "PORTAL_API_TOKEN_FILE": str(token_file),
        "RASA_PORT": str(RASA_PORT),
        "RASA_ACTIONS_PORT": str(ACTIONS_PORT),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ACTIONS_PORT}/webhook",
    }
    env.pop("PORTAL_API_TOKEN", None)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    actions = subprocess.Popen([sys.executable, MANAGE, "actions"], env=env, **quiet)  # noqa: S603
    server = subprocess.Popen([sys.executable, MANAGE, "serve"], env=env, **quiet)  # noqa: S603
    try:
        _wait(f"http://127.0.0.1:{ACTIONS_PORT}/health", actions, 120)
        _wait(f"http://127.0.0.1:{RASA_PORT}/status", server, 240)
        yield f"http://127.0.0.1:{RASA_PORT}"
    finally:
        for process in (server, actions):
            process.terminate()
        for process in (server, actions):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def actions_url(assistant_servers: str) -> str:
    return f"http://127.0.0.1:{ACTIONS_PORT}/webhook"


@pytest.fixture
def assistant(
    assistant_servers: str, clean_db: None, token_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The portal talks to the running Rasa; the actions hold a token valid in this test."""
    with db.transaction() as session:
        token = accounts.create_api_client(session, "assistant", list(ASSISTANT_SCOPES))
    token_file.write_text(token)
    monkeypatch.setenv("RASA_URL", assistant_servers)
    get_settings.cache_clear()
    rasa.reset_client()
    yield assistant_servers
    monkeypatch.undo()
    get_settings.cache_clear()
    rasa.reset_client()
