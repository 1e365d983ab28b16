"""Every message the services send, declared once.

A message has a name, the channels it can go by, the personalisation it needs and the
wording a council copies into its own GOV.UK Notify templates. The local Notify sandbox
loads the same wording, so local runs and tests render what Notify would.
Template ids come from settings (``NOTIFY_TEMPLATES``) and fall back to stable ids derived
from the message name, which the sandbox knows.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from casework.settings import get_settings

Channel = Literal["email", "sms", "letter"]

_TEMPLATE_NAMESPACE = uuid.UUID("0b6c8f0e-4a57-4f0a-9c39-6a3b1b5d2e10")


# Notify prints a letter's address from these fields; at least three lines, the last a
# postcode. The pipeline fills them from the case, so messages never declare them.
ADDRESS_FIELDS = tuple(f"address_line_{n}" for n in range(1, 8))
_PLACEHOLDER = re.compile(r"\(\(([^()?]+)(\?\?[^()]*)?\)\)")


class MissingPersonalisation(ValueError):
    pass


def placeholders(*texts: str | None) -> set[str]:
    return {match.group(1).strip() for text in texts for match in _PLACEHOLDER.finditer(text or "")}


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
    # Which service sends it (None: the portal itself) and on which events, for officers
    # and for councils mapping their own Notify templates.
    service: str | None = None
    sent_on: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A placeholder nobody fills would reach Notify as a 400; catch it at import time.
        for channel, wording in self.wording.items():
            unknown = placeholders(wording.subject, wording.body) - set(self.personalisation)
            if unknown:
                raise ValueError(
                    f"Message {self.name} ({channel}) uses undeclared {', '.join(sorted(unknown))}"
                )

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(self.wording)

    def template_id(self, channel: str) -> str:
        configured = get_settings().notify_templates.get(f"{self.name}:{channel}")
        return configured or default_template_id(self.name, channel)

    def check_personalisation(self, values: dict[str, Any], channel: str | None = None) -> None:
        missing = [field for field in self.personalisation if values.get(field) in (None, "", [])]
        if channel == "letter":
            given = [field for field in ADDRESS_FIELDS if values.get(field)]
            if len(given) < 3:
                missing.append("address_line_1 to address_line_3 (a letter needs 3 lines)")
        if missing:
            raise MissingPersonalisation(
                f"Message {self.name} needs personalisation: {', '.join(missing)}"
            )


def default_template_id(name: str, channel: str) -> str:
    return str(uuid.uuid5(_TEMPLATE_NAMESPACE, f"{name}:{channel}"))


# The portal's own messages (not a service's); services declare theirs on their declaration.
_CORE: dict[str, Message] = {}


def register(message: Message) -> Message:
    if message.name in _CORE:
        raise ValueError(f"Message {message.name} is declared twice")
    _CORE[message.name] = message
    return message


def _everything() -> dict[str, Message]:
    from casework.catalogue import service_messages  # the catalogue reads Message from here

    return {**_CORE, **service_messages()}


def get_message(name: str) -> Message:
    return _everything()[name]


def all_messages() -> list[Message]:
    return list(_everything().values())


def messages_for_service(service_slug: str) -> list[Message]:
    return [message for message in all_messages() if message.service == service_slug]


def sandbox_templates() -> dict[str, dict[str, str | None]]:
    """Template id → {type, subject, body}, for the local Notify sandbox."""
    templates: dict[str, dict[str, str | None]] = {}
    for message in all_messages():
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
        sent_on=("sign-in requested",),
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


ASSISTANT_REPLY = register(
    Message(
        name="assistant_reply",
        description="The assistant's answer to a text message, within two SMS segments",
        personalisation=("reply",),
        wording={"sms": Wording(body="((reply))")},
    )
)


# Lists are Notify markdown ("* " lines), written by ``casework.clock_alerts``; an empty one
# says so in words, since Notify refuses an empty personalisation value.
CLOCK_DIGEST = register(
    Message(
        name="clock_digest",
        description=(
            "An officer's daily list of cases near or past a clock's due date, each working "
            "day at 7am (only to officers with something to report)"
        ),
        sent_on=("each working day at 7am",),
        personalisation=(
            "officer_name",
            "date",
            "overdue_count",
            "due_soon_count",
            "overdue_list",
            "due_soon_list",
            "queue_url",
        ),
        wording={
            "email": Wording(
                subject="Cases due: ((overdue_count)) overdue, ((due_soon_count)) due soon",
                body=(
                    "Hello ((officer_name)),\n\n"
                    "These are the cases in your queue that are overdue or due soon on "
                    "((date)): the cases assigned to you, and the cases no one has taken yet "
                    "in the services you work on.\n\n"
                    "# Overdue: ((overdue_count))\n\n"
                    "((overdue_list))\n\n"
                    "# Due soon: ((due_soon_count))\n\n"
                    "((due_soon_list))\n\n"
                    "A case is due soon when 80% of the time on its clock has gone.\n\n"
                    "See them in the queue: ((queue_url))"
                ),
            ),
        },
    )
)
