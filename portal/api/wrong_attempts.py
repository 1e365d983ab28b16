"""Limits on wrong guesses at look-ups that answer only to the right details (an
application's status by reference and second factor, a chaperone's approval by number,
surname and date of birth).

Each look-up allows so many wrong tries an hour per thing looked up, per API client and
per client address (settings ``api_status_wrong_attempts_per_hour_*``). Once a limit runs
out, the look-up is refused for the wait, whatever the answer would be, so the limit says
nothing about whether the details were right. Keys are keyed hashes, so Redis holds no
reference, number or client address. If Redis does not answer, the look-up goes ahead
(logged): a person is not refused their status because a limit could not be counted.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
from dataclasses import dataclass

import redis
from starlette.requests import Request

from casework.accounts import ApiPrincipal
from casework.settings import get_settings
from portal import rate_limit, sign_in_limits
from portal.api.errors import ApiError

log = logging.getLogger(__name__)

TOO_MANY = "Too many wrong attempts. Wait before trying again"
UNCOUNTED = "%s limits are not being checked: Redis did not answer (%s)"


def digest(value: str) -> str:
    # Keyed hashes (as for sign-in), so Redis holds no reference or client address.
    key = get_settings().secret_key.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def _paused(limit: sign_in_limits.HourlyLimit) -> str:
    return f"{limit.key}:paused"


@dataclass(frozen=True)
class WrongAttempts:
    """The limits of one look-up: ``name`` keys them apart, ``what`` names it in the log."""

    name: str
    what: str

    def limits(
        self, request: Request, principal: ApiPrincipal | None, looked_up: str
    ) -> list[sign_in_limits.HourlyLimit]:
        settings = get_settings()
        client = str(principal.client_id) if principal else "none"
        limits = [
            sign_in_limits.HourlyLimit(
                f"api:{self.name}:subject:{digest(looked_up)}",
                settings.api_status_wrong_attempts_per_hour_per_reference,
            ),
            sign_in_limits.HourlyLimit(
                f"api:{self.name}:client:{digest(client)}",
                settings.api_status_wrong_attempts_per_hour_per_client,
            ),
            sign_in_limits.HourlyLimit(
                f"api:{self.name}:ip:{digest(sign_in_limits.client_address(request))}",
                settings.api_status_wrong_attempts_per_hour_per_ip,
            ),
        ]
        return [limit for limit in limits if limit.per_hour > 0]

    def wait_before_trying(self, limits: list[sign_in_limits.HourlyLimit]) -> float:
        """Seconds until every limit lets a look-up through again (0 if none stops it)."""
        try:
            store = rate_limit.buckets()
            # No buckets, only each pause: nothing is taken.
            return max((store.take([], _paused(limit)) for limit in limits), default=0.0)
        except redis.RedisError as exc:
            log.warning(
                "%s limits are not being checked: Redis did not answer (%s)", self.what, exc
            )
            return 0.0

    def count_wrong(self, limits: list[sign_in_limits.HourlyLimit]) -> float:
        """Count a wrong try against each limit: 0 if each had a try to give, else the
        seconds for which look-ups are refused (whatever the answer)."""
        try:
            store = rate_limit.buckets()
            waits = [store.take([limit]) for limit in limits]
            for limit, wait in zip(limits, waits, strict=True):
                if wait > 0:
                    store.pause(_paused(limit), wait)
            return max(waits, default=0.0)
        except redis.RedisError as exc:
            log.warning(
                "%s limits are not being checked: Redis did not answer (%s)", self.what, exc
            )
            return 0.0


def too_many(wait: float) -> ApiError:
    return ApiError(429, TOO_MANY, {"Retry-After": str(max(1, math.ceil(wait)))})
