"""How often people may ask for sign-in codes, and how often a client may get a password wrong.

Both use the shared token buckets (``casework.token_buckets``, in Redis when REDIS_URL is
set, via ``portal.rate_limit.buckets``), so every portal process counts together. Keys are
keyed hashes: no email or client address is written into Redis.

If Redis cannot be reached the limits let people through (and log it): the per-code
guess limit and the per-account lockout in the database still hold.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
from dataclasses import dataclass

import redis
from starlette.requests import Request

from casework.settings import get_settings
from portal import rate_limit, sessions

log = logging.getLogger(__name__)

HOUR = 3600.0


@dataclass(frozen=True)
class HourlyLimit:
    """Up to ``per_hour`` at once, refilling at ``per_hour`` an hour."""

    key: str
    per_hour: int

    @property
    def capacity(self) -> float:
        return float(self.per_hour)

    @property
    def rate_per_second(self) -> float:
        return self.per_hour / HOUR


def _digest(value: str) -> str:
    # Keyed with the app's secret, so the keys cannot be matched against a list of addresses.
    key = get_settings().secret_key.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# --- Citizens asking for codes -------------------------------------------------------


def code_request_wait(request: Request, email: str) -> float:
    """0 if a code may be sent now (and counts it), else the seconds to wait.

    Counted for every address alike, so being limited says nothing about whether an
    address has an account.
    """
    settings = get_settings()
    wanted = [
        HourlyLimit(
            f"sign-in:codes:email:{_digest(email.lower())}",
            settings.sign_in_codes_per_hour_per_email,
        ),
        HourlyLimit(
            f"sign-in:codes:ip:{_digest(client_address(request))}",
            settings.sign_in_codes_per_hour_per_ip,
        ),
    ]
    session_key = sessions.key(request)
    if session_key:
        wanted.append(
            HourlyLimit(
                f"sign-in:codes:session:{session_key}", settings.sign_in_codes_per_hour_per_session
            )
        )
    active = [limit for limit in wanted if limit.per_hour > 0]
    if not active:
        return 0.0
    try:
        return rate_limit.buckets().take(active)
    except redis.RedisError as exc:
        log.warning("Sign-in code limits are not being checked: Redis did not answer (%s)", exc)
        return 0.0


def wait_in_minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


# --- Officers getting passwords wrong -------------------------------------------------


def _failures(request: Request) -> HourlyLimit:
    per_hour = get_settings().officer_sign_in_failures_per_hour_per_ip
    return HourlyLimit(f"sign-in:officer-failures:ip:{_digest(client_address(request))}", per_hour)


def _paused_key(request: Request) -> str:
    return f"sign-in:officer-paused:ip:{_digest(client_address(request))}"


def officer_client_refused(request: Request) -> bool:
    """True while this client address is stopped from trying passwords."""
    if get_settings().officer_sign_in_failures_per_hour_per_ip <= 0:
        return False
    try:
        # No buckets, only the pause: nothing is taken.
        return rate_limit.buckets().take([], _paused_key(request)) > 0
    except redis.RedisError as exc:
        log.warning("Officer sign-in limits are not being checked: Redis did not answer (%s)", exc)
        return False


def record_officer_failure(request: Request) -> None:
    """Count a failed sign-in from this client; too many stop it for the lockout time."""
    settings = get_settings()
    limit = _failures(request)
    if limit.per_hour <= 0:
        return
    try:
        store = rate_limit.buckets()
        if store.take([limit]) > 0:
            store.pause(_paused_key(request), settings.officer_lockout_minutes * 60)
    except redis.RedisError as exc:
        log.warning("Officer sign-in limits are not being checked: Redis did not answer (%s)", exc)
