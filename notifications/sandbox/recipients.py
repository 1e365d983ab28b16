"""Email address and phone number checks with Notify's rules and API error wording.

Notify's v2 API reports these as ``"<field> <message>"`` ValidationErrors, so the messages
here are the bare wording (for example "Not enough digits").
"""

from __future__ import annotations

import re
import string

# Characters Notify silently strips from recipients: zero-width spaces, joiners and the
# byte order mark, which arrive when addresses are pasted from documents.
_OBSCURE_WHITESPACE = "\u180e\u200b\u200c\u200d\u2060\ufeff"

_LOCAL_PART = r"a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\-"
_EMAIL = re.compile(rf"^[{_LOCAL_PART}]+@([^.@][^@\s]+)$")
_HOSTNAME_PART = re.compile(r"^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$", re.IGNORECASE)
_TOP_LEVEL_DOMAIN = re.compile(r"^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$", re.IGNORECASE)
_DIGITS = re.compile(r"^[0-9]*$")

UK_PREFIX = "44"


class InvalidRecipient(ValueError):
    pass


def _strip(value: str) -> str:
    return value.strip(string.whitespace + _OBSCURE_WHITESPACE)


def validate_email_address(address: str) -> str:
    """Return the address stripped of stray whitespace, or raise InvalidRecipient."""
    invalid = InvalidRecipient("Not a valid email address")
    address = _strip(address)
    match = _EMAIL.match(address)
    # Notify is stricter than RFC 5322 (no quoted local parts, no "..") because its email
    # provider rejects those addresses later with a technical failure.
    if not match or len(address) > 320 or ".." in address:
        raise invalid
    try:
        hostname = match.group(1).encode("idna").decode("ascii")
    except UnicodeError:
        raise invalid from None
    parts = hostname.split(".")
    if len(hostname) > 253 or len(parts) < 2:
        raise invalid
    if any(not part or len(part) > 63 or not _HOSTNAME_PART.match(part) for part in parts):
        raise invalid
    if not _TOP_LEVEL_DOMAIN.match(parts[-1]):
        raise invalid
    return address


def _digits_only(number: str) -> str:
    for character in string.whitespace + _OBSCURE_WHITESPACE + "()-+":
        number = number.replace(character, "")
    if not _DIGITS.match(number):
        raise InvalidRecipient("Must not contain letters or symbols")
    return number.lstrip("0")


def _is_uk(number: str) -> bool:
    if number.startswith("0") and not number.startswith("00"):
        return True
    digits = _digits_only(number)
    return digits.startswith(UK_PREFIX) or (digits.startswith("7") and len(digits) < 11)


def validate_phone_number(number: str) -> str:
    """Return the number as Notify normalises it (``447700900123``), or raise.

    International numbers are accepted, as for a Notify service with that permission.
    """
    if _is_uk(number):
        digits = _digits_only(number).removeprefix(UK_PREFIX).lstrip("0")
        if not digits.startswith("7"):
            raise InvalidRecipient("Not a UK mobile number")
        if len(digits) > 10:
            raise InvalidRecipient("Too many digits")
        if len(digits) < 10:
            raise InvalidRecipient("Not enough digits")
        return UK_PREFIX + digits
    digits = _digits_only(number)
    if len(digits) < 8:
        raise InvalidRecipient("Not enough digits")
    if len(digits) > 15:
        raise InvalidRecipient("Too many digits")
    return digits


def normalise_recipient(value: str) -> str:
    """A form of an address or number that compares equal however it was typed."""
    if "@" in value:
        return _strip(value).lower()
    try:
        return validate_phone_number(value)
    except InvalidRecipient:
        return _strip(value).lower()
