"""Which step of a service's web form checks a slot's answer, from the portal's own
description of the form (GET /services/{service}/steps: each step's JSON schema), so the
assistant never repeats how a service's questions are grouped."""

from __future__ import annotations

import time
from typing import Any

from actions import answers, common, portal_api
from actions.portal_api import PortalUnavailable
from actions.services import SlotField

# A deploy that changes a form restarts the action server; this only saves a call per answer.
CACHE_SECONDS = 600.0
_cache: dict[str, tuple[float, list[dict[str, Any]]]] = {}


async def _steps(service: str) -> list[dict[str, Any]]:
    cached = _cache.get(service)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    answer = await common.api(portal_api.steps, service)
    if not answer.ok:
        raise PortalUnavailable(f"GET /services/{service}/steps: {answer.status}")
    steps = list(answer.body.get("steps") or [])
    _cache[service] = (time.monotonic(), steps)
    return steps


async def step_of(service: str, slot: SlotField) -> str:
    """The step whose questions include the slot's field (in the slot's "add another" list,
    if it is in one). Raises PortalUnavailable when the portal cannot say."""
    if slot.step:
        return slot.step
    wanted = set(answers.fields_of(slot))
    for step in await _steps(service):
        repeat = (step.get("repeat") or {}).get("key") or ""
        fields = set((step.get("schema") or {}).get("properties") or {})
        if repeat == slot.repeat and wanted & fields:
            return str(step["slug"])
    raise PortalUnavailable(f"{service} has no step with {sorted(wanted)}")
