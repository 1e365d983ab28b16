"""Fitting the assistant's replies into text messages.

A reply must fit in two SMS segments: 306 characters in the GSM alphabet (153 each once a
message is split), or 134 if any character needs Unicode. Typographic quotes and dashes are
swapped for plain ones first so a curly apostrophe never halves the room. Longer replies are
cut at a sentence, else a word, and end with "...".
"""

from __future__ import annotations

import re

from portal.assistant.rasa import Reply

_GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€")  # each takes two characters' room
_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
}
ELLIPSIS = "..."


def plain(text: str) -> str:
    return "".join(_PLAIN.get(char, char) for char in text)


def is_gsm(text: str) -> bool:
    return all(char in _GSM or char in _GSM_EXTENDED for char in text)


def units(text: str) -> int:
    """Characters as the network counts them."""
    if is_gsm(text):
        return sum(2 if char in _GSM_EXTENDED else 1 for char in text)
    return len(text)


def capacity(text: str, segments: int) -> int:
    single, multi = (160, 153) if is_gsm(text) else (70, 67)
    return single if segments == 1 else multi * segments


def fits(text: str, segments: int) -> bool:
    return units(text) <= capacity(text, segments)


def fit(text: str, segments: int = 2, reserve: int = 0) -> str:
    """The text, plain, cut to fit ``segments`` with ``reserve`` characters to spare."""
    text = re.sub(r"[ \t]+", " ", plain(text)).strip()
    room = capacity(text, segments) - reserve
    if units(text) <= room:
        return text
    budget = room - len(ELLIPSIS)
    cut = text
    while units(cut) > budget:
        cut = cut[: len(cut) - max(1, units(cut) - budget)]
    # Prefer ending at a sentence, if that keeps most of the room; else at a word.
    sentence = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "), cut.rfind("\n"))
    if sentence >= len(cut) // 2:
        return cut[: sentence + 1].rstrip()
    word = cut.rfind(" ")
    if word >= len(cut) // 2:
        cut = cut[:word]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def as_text(replies: list[Reply]) -> str:
    """The replies as one message; buttons become words the person can text back."""
    parts = []
    for reply in replies:
        line = reply.text.strip()
        if reply.buttons:
            choices = " or ".join(f'"{button.title}"' for button in reply.buttons)
            line = f"{line} Reply {choices}.".strip()
        if line:
            parts.append(line)
    return "\n".join(parts)
