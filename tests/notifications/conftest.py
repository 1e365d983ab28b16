"""Fixtures for the notification pipeline: a sandbox reset before each test and pointed at
the portal (``portal_server``, served over HTTP) for Notify's callbacks.

Retries are made quick for the worker, which reads these when it starts.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import httpx
import pytest

os.environ.setdefault("NOTIFY_RETRY_BASE_SECONDS", "0.2")
os.environ.setdefault("NOTIFY_RETRY_MAX_SECONDS", "2")
os.environ.setdefault("NOTIFY_CALLBACK_TOKEN", "test-callback-token")


@pytest.fixture
def sandbox(notify_sandbox: str, portal_server: str) -> Callable[..., dict]:
    """Talk to the sandbox's control routes; it starts each test empty, at Notify's limits."""
    from casework.settings import get_settings

    def call(method: str, path: str, body: dict | None = None) -> dict:
        response = httpx.request(method, f"{notify_sandbox}{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else {}

    call("POST", "/_sandbox/reset")
    call(
        "POST",
        "/_sandbox/config",
        {
            "rate_limit": 3000,
            "receipt_delay": 0,
            "duplicate_receipts": False,
            "callback_url": f"{portal_server}/notifications/callbacks/delivery",
            "inbound_callback_url": f"{portal_server}/notifications/callbacks/inbound-sms",
            "callback_token": get_settings().notify_callback_token,
        },
    )
    yield call
    call("DELETE", "/_sandbox/fault")
