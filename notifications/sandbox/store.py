"""The sandbox's in-memory record of every message it accepted.

Safe to share between threads: the server, tests reading it directly and any future
receipt worker all go through one lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from notifications.sandbox.recipients import normalise_recipient

# A long-running local sandbox must not grow without bound; the oldest go first, much as
# Notify forgets messages after its retention period.
DEFAULT_MAX_MESSAGES = 10_000


@dataclass(frozen=True)
class StoredMessage:
    id: str
    service_id: str
    type: str
    template_id: str
    template_version: int
    to: str
    normalised_to: str
    subject: str | None
    body: str
    reference: str | None
    created_at: datetime
    personalisation: dict[str, Any] = field(default_factory=dict)
    status: str = "delivered"
    completed_at: datetime | None = None


class MessageStore:
    def __init__(self, max_messages: int = DEFAULT_MAX_MESSAGES) -> None:
        self._lock = threading.Lock()
        self._messages: OrderedDict[str, StoredMessage] = OrderedDict()
        self._by_reference: defaultdict[str, list[str]] = defaultdict(list)
        self.max_messages = max_messages

    def add(self, message: StoredMessage) -> None:
        with self._lock:
            self._messages[message.id] = message
            if message.reference is not None:
                self._by_reference[message.reference].append(message.id)
            while len(self._messages) > self.max_messages:
                _, oldest = self._messages.popitem(last=False)
                if oldest.reference is not None:
                    ids = self._by_reference[oldest.reference]
                    ids.remove(oldest.id)
                    if not ids:
                        del self._by_reference[oldest.reference]

    def set_status(self, message_id: str, status: str, at: datetime) -> StoredMessage | None:
        with self._lock:
            message = self._messages.get(message_id)
            if message is None:
                return None
            updated = replace(message, status=status, completed_at=at)
            self._messages[message_id] = updated
            return updated

    def reference_counts(self) -> dict[str, int]:
        """How many accepted messages carry each reference (more than 1 is a duplicate)."""
        with self._lock:
            return {reference: len(ids) for reference, ids in self._by_reference.items()}

    def get(self, message_id: str) -> StoredMessage | None:
        with self._lock:
            return self._messages.get(message_id)

    def find(self, *, reference: str | None = None, to: str | None = None) -> list[StoredMessage]:
        """Messages in the order received, oldest first, optionally filtered."""
        wanted_to = normalise_recipient(to) if to is not None else None
        with self._lock:
            if reference is not None:
                ids = self._by_reference.get(reference, [])
                messages = [self._messages[i] for i in ids]
            else:
                messages = list(self._messages.values())
        return [
            message
            for message in messages
            if (reference is None or message.reference == reference)
            and (wanted_to is None or message.normalised_to == wanted_to)
        ]

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._by_reference.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._messages)
