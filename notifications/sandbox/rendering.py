"""Fills Notify ``((placeholder))`` fields the way Notify renders a message's content.

- Placeholder names match personalisation keys ignoring case, spaces, ``_`` and ``-``.
- A value of ``None`` (or no value) is missing; an empty string is not.
- ``((name??text))`` shows ``text`` only when ``name`` is yes/true/1/show/include.
- A list becomes bullet lines (``* item``) in a body and "a, b and c" in a subject, since a
  subject is a single line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PLACEHOLDER = re.compile(r"\(\(([^()]+)\)\)")
_KEY_IGNORED = str.maketrans("", "", " _-")
_TRUTHY = {"yes", "y", "true", "t", "1", "include", "show"}


def _key(name: str) -> str:
    return name.translate(_KEY_IGNORED).lower()


def _name(placeholder_body: str) -> str:
    return placeholder_body.split("??", 1)[0]


def _lookup(values: Mapping[str, Any]) -> dict[str, Any]:
    return {_key(str(key)): value for key, value in values.items()}


def placeholder_names(*texts: str | None) -> list[str]:
    """Placeholder names in order of first appearance, as written in the template."""
    names: dict[str, None] = {}
    for text in texts:
        for match in _PLACEHOLDER.finditer(text or ""):
            names.setdefault(_name(match.group(1)), None)
    return list(names)


def missing_personalisation(values: Mapping[str, Any], *texts: str | None) -> list[str]:
    lookup = _lookup(values)
    return [name for name in placeholder_names(*texts) if lookup.get(_key(name)) is None]


def _list_items(value: list[Any]) -> list[str]:
    items = (str(item).strip() for item in value if item is not None)
    return [item for item in items if item]


def _inline_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _fill(text: str, values: Mapping[str, Any], *, bullet_lists: bool) -> str:
    lookup = _lookup(values)

    def replace(match: re.Match[str]) -> str:
        body = match.group(1)
        value = lookup.get(_key(_name(body)))
        if value is None:
            # Left as written, as Notify does, though sending checks make this unreachable.
            return match.group(0)
        if "??" in body:
            return body.split("??", 1)[1] if str(value).strip().lower() in _TRUTHY else ""
        if isinstance(value, list):
            items = _list_items(value)
            if not items:
                return ""
            if bullet_lists:
                return "\n\n" + "\n".join(f"* {item}" for item in items)
            return _inline_list(items)
        return str(value)

    return _PLACEHOLDER.sub(replace, text)


def render_body(text: str, values: Mapping[str, Any]) -> str:
    return _fill(text, values, bullet_lists=True).strip()


def render_subject(text: str, values: Mapping[str, Any]) -> str:
    # A subject is one line, so Notify collapses any whitespace the values brought in.
    return " ".join(_fill(text, values, bullet_lists=False).split())
