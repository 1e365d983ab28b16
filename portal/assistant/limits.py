"""How often people may message the assistant: per conversation and per client address on
the web, per phone number by text. Each message costs a Rasa round trip (and by text, a
reply we pay for), so a flood from one person or one machine must not crowd out others.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from casework.settings import get_settings
from portal import rate_limit
from portal.rate_limit import Limit

TOO_MANY_MESSAGES = "You have sent too many messages. Wait a minute and try again."


def _key(kind: str, value: str) -> str:
    # Keyed hashes, so Redis never holds an IP address or a phone number, and the short
    # space of either cannot be searched without the portal's secret.
    secret = get_settings().secret_key.encode()
    digest = hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"assistant:rate:{kind}:{digest}"


def uk_phone(number: str) -> str:
    """One form of a UK number, so 07700 900982, +447700900982 and 447700900982 share a limit."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("0") and len(digits) == 11:
        return "44" + digits[1:]
    return digits or number


def web_message(sender_id: str, client_address: str | None) -> float:
    """0.0 if a web chat message may go to the assistant, else the seconds to wait."""
    settings = get_settings()
    limits = [
        Limit(
            _key("conversation", sender_id), settings.assistant_messages_per_minute_per_conversation
        )
    ]
    if client_address:
        limits.append(
            Limit(_key("ip", client_address), settings.assistant_messages_per_minute_per_ip)
        )
    return rate_limit.take(limits)


def text_message(phone: str) -> float:
    """0.0 if a text from this number may go to the assistant, else the seconds to wait."""
    per_minute = get_settings().assistant_texts_per_minute_per_phone
    return rate_limit.take([Limit(_key("phone", uk_phone(phone)), per_minute)])
