"""A message as its recipient would see it, rendered with Notify's placeholder rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.messages import Message
from notifications.sandbox.rendering import missing_personalisation, render_body, render_subject


@dataclass(frozen=True)
class Preview:
    subject: str | None
    body: str
    missing: list[str]


def preview(message: Message, channel: str, personalisation: dict[str, Any]) -> Preview:
    wording = message.wording[channel]
    values = {key: value for key, value in personalisation.items() if value not in ("", None)}
    missing = missing_personalisation(values, wording.subject, wording.body)
    return Preview(
        subject=render_subject(wording.subject, values) if wording.subject else None,
        body=render_body(wording.body, values),
        missing=missing,
    )
