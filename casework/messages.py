"""Every message the services send, declared once.

A message has a name, the channels it can go by, the personalisation it needs and the
wording a council copies into its own GOV.UK Notify templates. The local Notify sandbox
loads the same wording, so local runs and tests render what Notify would.
Template ids come from settings (``NOTIFY_TEMPLATES``) and fall back to stable ids derived
from the message name, which the sandbox knows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from casework.settings import get_settings

Channel = Literal["email", "sms", "letter"]

_TEMPLATE_NAMESPACE = uuid.UUID("0b6c8f0e-4a57-4f0a-9c39-6a3b1b5d2e10")


class MissingPersonalisation(ValueError):
    pass


@dataclass(frozen=True)
class Wording:
    body: str
    subject: str | None = None


@dataclass(frozen=True)
class Message:
    name: str
    description: str
    personalisation: tuple[str, ...]
    wording: dict[str, Wording]  # by channel

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(self.wording)

    def template_id(self, channel: str) -> str:
        configured = get_settings().notify_templates.get(f"{self.name}:{channel}")
        return configured or default_template_id(self.name, channel)

    def check_personalisation(self, values: dict[str, str]) -> None:
        missing = [field for field in self.personalisation if not values.get(field)]
        if missing:
            raise MissingPersonalisation(
                f"Message {self.name} needs personalisation: {', '.join(missing)}"
            )


def default_template_id(name: str, channel: str) -> str:
    return str(uuid.uuid5(_TEMPLATE_NAMESPACE, f"{name}:{channel}"))


_REGISTRY: dict[str, Message] = {}


def register(message: Message) -> Message:
    if message.name in _REGISTRY:
        raise ValueError(f"Message {message.name} is declared twice")
    _REGISTRY[message.name] = message
    return message


def get_message(name: str) -> Message:
    return _REGISTRY[name]


def all_messages() -> list[Message]:
    return list(_REGISTRY.values())


def sandbox_templates() -> dict[str, dict[str, str | None]]:
    """Template id → {type, subject, body}, for the local Notify sandbox."""
    templates: dict[str, dict[str, str | None]] = {}
    for message in _REGISTRY.values():
        for channel, wording in message.wording.items():
            templates[message.template_id(channel)] = {
                "name": f"{message.name} ({channel})",
                "type": channel,
                "subject": wording.subject,
                "body": wording.body,
            }
    return templates


SIGN_IN_CODE = register(
    Message(
        name="sign_in_code",
        description="The security code a citizen types to sign in",
        personalisation=("code", "minutes"),
        wording={
            "email": Wording(
                subject="((code)) is your security code",
                body=(
                    "Your security code is ((code)).\n\n"
                    "It expires in ((minutes)) minutes. If you did not ask for it, "
                    "you can ignore this email."
                ),
            ),
        },
    )
)
