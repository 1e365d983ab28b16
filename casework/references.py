"""Case references people can read aloud and type: no 0/O, 1/I/L or 5/S confusion."""

from __future__ import annotations

import re
import secrets

ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ"
_GROUP = 4


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_GROUP * 2))
    return f"{prefix}-{body[:_GROUP]}-{body[_GROUP:]}"


_SEPARATORS = re.compile(r"[\s\-_.]+")


def normalise_reference(text: str) -> str:
    """Accept what people type ("fsm 7k3m 9qxd") and give the stored form ("FSM-7K3M-9QXD")."""
    compact = _SEPARATORS.sub("", text.strip().upper())
    if len(compact) < 3 + _GROUP * 2:
        return compact
    prefix, body = compact[: -(_GROUP * 2)], compact[-(_GROUP * 2) :]
    return f"{prefix}-{body[:_GROUP]}-{body[_GROUP:]}"


def references_in(text: str, prefixes: list[str]) -> list[str]:
    """Case references named in free text ("about FSM 7K3M 9QXD please"), normalised."""
    if not prefixes:
        return []
    alphabet = f"[{ALPHABET}{ALPHABET.lower()}]"
    prefix = "|".join(re.escape(p) for p in prefixes)
    pattern = re.compile(
        rf"(?<![A-Za-z0-9])({prefix})[\s\-_.]*({alphabet}{{{_GROUP}}})[\s\-_.]*"
        rf"({alphabet}{{{_GROUP}}})(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    return [
        f"{m.group(1).upper()}-{m.group(2).upper()}-{m.group(3).upper()}"
        for m in pattern.finditer(text)
    ]
