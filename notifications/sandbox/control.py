"""The sandbox's knobs and counters: rate and daily limits, faults, callbacks.

Notify limits each API key to 3,000 requests in any rolling 60 seconds and each service to
a number of messages a day. Tests and benchmarks lower the limits, switch on a fault for a
while, and read the counters over HTTP (``/_sandbox/config``, ``/_sandbox/fault``,
``/_sandbox/stats``).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import asdict, dataclass, field
from typing import Any

from notifications.sandbox.errors import NotifyError

NOTIFY_RATE_LIMIT = 3000
RATE_WINDOW_SECONDS = 60.0
NOTIFY_DAILY_LIMIT = 250_000


@dataclass
class SandboxConfig:
    rate_limit: int = NOTIFY_RATE_LIMIT
    daily_limit: int = NOTIFY_DAILY_LIMIT
    # Seconds from accepting a message to its final status (and its delivery receipt).
    receipt_delay: float = 0.0
    callback_url: str | None = None
    inbound_callback_url: str | None = None
    callback_token: str | None = None
    # How many times a receipt is tried again if our endpoint does not answer 2xx.
    callback_retries: int = 5
    # Send every receipt twice, as Notify may, to prove the receiver is idempotent.
    duplicate_receipts: bool = False

    def update(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name not in self.__dataclass_fields__:
                raise ValueError(f"Unknown setting {name}")
            current = getattr(self, name)
            if value is not None and isinstance(current, bool):
                value = bool(value)
            elif value is not None and isinstance(current, int):
                value = int(value)
            elif value is not None and isinstance(current, float):
                value = float(value)
            setattr(self, name, value)


@dataclass
class Fault:
    mode: str | None = None  # "500": answer with an error; "hang": do not answer
    until: float = 0.0  # time.monotonic() when it ends
    remaining: int = 0  # or: the next N requests

    def active(self, now: float) -> bool:
        return self.mode is not None and (now < self.until or self.remaining > 0)


@dataclass
class Counters:
    requests: int = 0
    accepted: int = 0
    rate_limited: int = 0
    daily_limited: int = 0
    faulted: int = 0
    bad_requests: int = 0
    receipts_sent: int = 0
    receipt_attempts_failed: int = 0
    inbound_sent: int = 0


@dataclass
class Control:
    config: SandboxConfig = field(default_factory=SandboxConfig)
    fault: Fault = field(default_factory=Fault)
    counters: Counters = field(default_factory=Counters)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _windows: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _sent_today: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))

    def count(self, name: str, by: int = 1) -> None:
        with self._lock:
            setattr(self.counters, name, getattr(self.counters, name) + by)

    def set_fault(self, mode: str | None, seconds: float = 0.0, count: int = 0) -> None:
        if mode not in (None, "500", "hang"):
            raise ValueError("mode is 500 or hang")
        with self._lock:
            self.fault = Fault(mode, time.monotonic() + seconds, count)

    def fault_on(self) -> bool:
        with self._lock:
            return self.fault.active(time.monotonic())

    def take_fault(self) -> Fault | None:
        """The fault this request meets, if one is on (a counted fault is used up)."""
        with self._lock:
            now = time.monotonic()
            if not self.fault.active(now):
                return None
            if self.fault.remaining > 0 and now >= self.fault.until:
                self.fault.remaining -= 1
            self.counters.faulted += 1
            return Fault(self.fault.mode, self.fault.until, self.fault.remaining)

    def check_rate(self, key_id: str, key_type: str = "LIVE") -> None:
        """Raise Notify's 429 when the key made too many requests in the rolling window."""
        with self._lock:
            now = time.monotonic()
            window = self._windows[key_id]
            while window and window[0] <= now - RATE_WINDOW_SECONDS:
                window.popleft()
            limit = self.config.rate_limit
            if len(window) >= limit:
                self.counters.rate_limited += 1
                raise NotifyError(
                    429,
                    [
                        {
                            "error": "RateLimitError",
                            "message": f"Exceeded rate limit for key type {key_type} of "
                            f"{limit} requests per {int(RATE_WINDOW_SECONDS)} seconds",
                        }
                    ],
                )
            window.append(now)

    def check_daily(self, service_id: str) -> None:
        with self._lock:
            day = time.strftime("%Y-%m-%d", time.gmtime())
            sent = self._sent_today[(service_id, day)]
            if sent >= self.config.daily_limit:
                self.counters.daily_limited += 1
                raise NotifyError(
                    429,
                    [
                        {
                            "error": "TooManyRequestsError",
                            "message": f"Exceeded send limits ({self.config.daily_limit}) "
                            "for today",
                        }
                    ],
                )
            self._sent_today[(service_id, day)] = sent + 1

    def reset(self) -> None:
        with self._lock:
            self.counters = Counters()
            self._windows.clear()
            self._sent_today.clear()
            self.fault = Fault()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            now = time.monotonic()
            return {
                "config": asdict(self.config),
                "fault": {
                    "mode": self.fault.mode if self.fault.active(now) else None,
                    "seconds_left": max(0.0, self.fault.until - now),
                    "remaining": self.fault.remaining,
                },
                "counters": asdict(self.counters),
            }
