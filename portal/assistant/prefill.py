"""Links that open a web form with what a person already told the assistant.

The portal signs the answers (the assistant holds no secret), so a link cannot be forged or
edited, and it expires. Opening it saves the answers that pass their step's checks to the
person's draft; the web journey then asks for the rest as usual.
"""

from __future__ import annotations

from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

from casework.settings import get_settings

MAX_AGE_SECONDS = 24 * 60 * 60
_SALT = "assistant-prefill"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt=_SALT)


def link(service: str, answers: dict[str, Any]) -> str:
    token = _serializer().dumps({"service": service, "answers": answers})
    return f"{get_settings().public_base_url.rstrip('/')}/assistant/continue?token={token}"


def read(token: str) -> tuple[str, dict[str, Any]] | None:
    """(service, answers), or None for a link that is expired, edited or not ours."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    return str(data.get("service", "")), data["answers"]
