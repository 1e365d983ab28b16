"""Checks the ``Authorization: Bearer <JWT>`` header the way GOV.UK Notify does.

A Notify API key is ``<name>-<service id>-<secret>``. Clients sign an HS256 token with the
secret, naming the service id as ``iss`` and the current time as ``iat``; the key itself is
never sent.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

import jwt

from notifications.sandbox.errors import auth_error

# Notify accepts tokens issued up to this many seconds either side of its own clock.
CLOCK_SKEW_SECONDS = 30

GENERAL_JWT_ERROR = (
    "Invalid token: make sure your API token matches the example at "
    "https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header"
)
CLOCK_ERROR = "Error: Your system clock must be accurate to within 30 seconds"


@dataclass(frozen=True)
class ApiKey:
    service_id: str
    # Kept out of repr so a secret never reaches logs or test failure output.
    secret: str = field(repr=False)


def parse_api_key(key: str) -> ApiKey:
    """Split a key the way notifications-python-client does: by position from the end."""
    service_id, secret = key[-73:-37], key[-36:]
    try:
        uuid.UUID(service_id)
        uuid.UUID(secret)
    except ValueError:
        raise ValueError(
            "Not a Notify-format API key: expected '<name>-<service id>-<secret>'"
        ) from None
    return ApiKey(service_id=service_id.lower(), secret=secret)


def authenticate(
    authorization: str | None, keys: Sequence[ApiKey], now: int | None = None
) -> ApiKey:
    """Return the key that signed the request's token, or raise Notify's AuthError."""
    if not authorization:
        raise auth_error(401, "Unauthorized: authentication token must be provided")
    if authorization[:7].title() != "Bearer ":
        raise auth_error(401, "Unauthorized: authentication bearer scheme must be used")
    token = authorization[7:]

    service_id = _service_id(token)
    candidates = [key for key in keys if key.service_id == service_id]
    if not candidates:
        raise auth_error(403, "Invalid token: service not found")

    current = int(time.time()) if now is None else now
    for key in candidates:
        if _signed_with(token, key, current):
            return key
    raise auth_error(403, "Invalid token: API key not found")


def _service_id(token: str) -> str:
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise auth_error(403, GENERAL_JWT_ERROR) from None
    if "iss" not in unverified:
        raise auth_error(403, "Invalid token: iss field not provided")
    issuer = unverified["iss"]
    try:
        return str(uuid.UUID(issuer))
    except (TypeError, ValueError, AttributeError):
        raise auth_error(403, "Invalid token: service id is not the right data type") from None


def _signed_with(token: str, key: ApiKey, now: int) -> bool:
    """True if ``key`` signed ``token``; raises if it did but the token is unacceptable."""
    try:
        claims = jwt.decode(
            token,
            key=key.secret,
            algorithms=["HS256"],
            # iat is checked below, both ways, with Notify's own message.
            options={"verify_iat": False},
            leeway=CLOCK_SKEW_SECONDS,
        )
    except jwt.InvalidAlgorithmError:
        raise auth_error(403, "Invalid token: algorithm used is not HS256") from None
    except jwt.DecodeError:
        # Covers a bad signature: another key of the same service may still match.
        return False
    except jwt.PyJWTError:
        raise auth_error(403, GENERAL_JWT_ERROR) from None

    if "iat" not in claims:
        # Notify treats a token without iat as not matching this key, not as a clock error.
        return False
    try:
        issued_at = int(claims["iat"])
    except (TypeError, ValueError):
        raise auth_error(403, GENERAL_JWT_ERROR) from None
    if abs(now - issued_at) > CLOCK_SKEW_SECONDS:
        raise auth_error(403, CLOCK_ERROR)
    return True
