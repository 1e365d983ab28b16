"""Serving the sandbox with uvicorn, loaded with every message the services declare."""

from __future__ import annotations

import importlib
from typing import Any

import uvicorn

from notifications.sandbox.app import create_app
from notifications.sandbox.control import SandboxConfig
from notifications.sandbox.store import DEFAULT_MAX_MESSAGES


def load_templates() -> dict[str, dict[str, Any]]:
    """The templates of every registered message, keyed by template id."""
    try:
        # Service packages declare their own messages when imported; without this only the
        # messages in casework.messages itself would be registered.
        importlib.import_module("casework.services")
    except ImportError as exc:
        # Only a missing package is expected; a broken import inside it must surface.
        if exc.name != "casework.services":
            raise
    from casework.messages import sandbox_templates

    return sandbox_templates()


def run(
    host: str,
    port: int,
    api_keys: list[str],
    config: SandboxConfig | None = None,
    max_messages: int = DEFAULT_MAX_MESSAGES,
) -> None:
    """Serve the sandbox until interrupted. Bind to a local address: it has open routes."""
    app = create_app(api_keys, load_templates(), config=config, max_messages=max_messages)
    uvicorn.run(app, host=host, port=port, log_level="warning")
