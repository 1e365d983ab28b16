"""Delivery receipts and inbound texts, POSTed to the service's callback URLs as Notify does.

Notify's test key and simulated recipients decide the final status; a receipt goes out after
the configured delay with ``Authorization: Bearer <callback token>``, and is tried again with
backoff if the receiver does not answer 2xx. One thread does it all, in due-time order.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from notifications.sandbox.control import Control

log = logging.getLogger(__name__)

# Notify's documented test recipients (https://docs.notifications.service.gov.uk/rest-api.html#test)
TEMPORARY_FAILURE = {"temp-fail@simulator.notify", "447700900003"}
PERMANENT_FAILURE = {"perm-fail@simulator.notify", "447700900002"}


def final_status(message_type: str, normalised_to: str) -> str:
    if message_type == "letter":
        return "received"
    if normalised_to in PERMANENT_FAILURE:
        return "permanent-failure"
    if normalised_to in TEMPORARY_FAILURE:
        return "temporary-failure"
    return "delivered"


class Dispatcher:
    """Runs jobs at their due time; jobs are status changes and callback POSTs."""

    def __init__(self, control: Control) -> None:
        self._control = control
        self._jobs: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._http = httpx.Client(timeout=5.0)

    def at(self, delay: float, job: Callable[[], None]) -> None:
        with self._wake:
            heapq.heappush(self._jobs, (time.monotonic() + delay, next(self._order), job))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="receipts")
                self._thread.start()
            self._wake.notify()

    def post(self, url: str | None, payload: dict[str, Any], attempt: int = 0) -> None:
        """POST a callback now, and again later (with backoff) if it fails."""
        config = self._control.config
        if not url:
            return
        headers = {"Authorization": f"Bearer {config.callback_token or ''}"}
        try:
            response = self._http.post(url, json=payload, headers=headers)
            ok = 200 <= response.status_code < 300
        except httpx.HTTPError:
            ok = False
        if ok:
            self._control.count("inbound_sent" if "source_number" in payload else "receipts_sent")
            return
        self._control.count("receipt_attempts_failed")
        if attempt < config.callback_retries:
            backoff = min(60.0, 0.5 * 2**attempt)
            self.at(backoff, lambda: self.post(url, payload, attempt + 1))
        else:
            log.warning("Gave up on a callback to %s after %d attempts", url, attempt + 1)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._jobs or self._jobs[0][0] > time.monotonic():
                    timeout = self._jobs[0][0] - time.monotonic() if self._jobs else None
                    self._wake.wait(timeout)
                _, _, job = heapq.heappop(self._jobs)
            try:
                job()
            except Exception:  # a job's failure must not stop every later receipt
                log.exception("Sandbox receipt job failed")
