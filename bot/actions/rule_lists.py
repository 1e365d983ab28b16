"""The lists the portal's rule checks publish (GET /rules/{check}/{list}): the hours by age,
the occupations, the kinds of performance. Cached for a while: they change when a council
adds a version of its rules, and a deploy restarts the action server anyway."""

from __future__ import annotations

import time
from typing import Any

from actions import common, portal_api
from actions.portal_api import PortalUnavailable

CACHE_SECONDS = 600.0
_cache: dict[tuple[str, str], tuple[float, list[dict[str, Any]]]] = {}


async def items(check: str, name: str) -> list[dict[str, Any]]:
    """The list's items. Raises PortalUnavailable when the portal cannot say."""
    cached = _cache.get((check, name))
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    answer = await common.api(portal_api.rule_list, check, name)
    if not answer.ok:
        raise PortalUnavailable(f"GET /rules/{check}/{name}: {answer.status}")
    found = list(answer.body.get("items") or [])
    _cache[(check, name)] = (time.monotonic(), found)
    return found


async def check(check: str, proposal: dict[str, Any]) -> portal_api.Answer:
    """A rule check's answer (200 with the result, or 422 with a message on each field)."""
    return await common.api(portal_api.rule_check, check, proposal)


def field_error(answer: portal_api.Answer, field: str) -> str | None:
    """The check's message for one field ("shifts" covers "shifts.mon"...), if it has one."""
    for key, message in answer.errors.items():
        if key == field or key.startswith(f"{field}."):
            return str(message)
    return None


def messages(result: dict[str, Any]) -> list[str]:
    """Each breach's message, then each warning's, as the check words them."""
    said = [str(b["message"]) for b in result.get("breaches") or []]
    return said + [str(w["message"]) for w in result.get("warnings") or []]
