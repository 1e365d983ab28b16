"""One GOV.UK Notify client per process (the design's shared-HTTP-client rule)."""

from __future__ import annotations

from functools import lru_cache

from notifications_python_client.notifications import NotificationsAPIClient

from casework.settings import get_settings


@lru_cache
def notify_client() -> NotificationsAPIClient:
    settings = get_settings()
    return NotificationsAPIClient(
        settings.notify_api_key,
        base_url=settings.notify_base_url,
        timeout=settings.notify_timeout_seconds,
    )
