"""A conversation with the assistant, as turns an officer can read: who said what, in order,
and when, if the assistant said when.

Enquiries store the transcript as a list of turns (``{"speaker", "text", "at"?}``). A
transcript stored as one run of text ("Person: ...\\nAssistant: ...") is read back into
turns by its speaker labels, so an older or hand-made row still shows as a conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

SPEAKER_LABELS = {"person": "Person", "assistant": "Assistant"}

# The labels a plain-text transcript may use: ours, and the web chat's "You".
_LABELLED_LINE = re.compile(r"^\s*(person|you|assistant)\s*:\s?(.*)$", re.IGNORECASE)
_SPEAKER_OF_LABEL = {"person": "person", "you": "person", "assistant": "assistant"}
# A button press as older transcripts stored it, "[chose check status]": its payload, not
# what the button said. Shown as "Chose: Check status" rather than as machine text.
_BUTTON_PRESS = re.compile(r"^\[chose (?P<choice>[^\]]+)\]$")


@dataclass(frozen=True)
class Turn:
    speaker: str  # "person", "assistant", or "" when a plain-text transcript does not say
    text: str
    at: datetime | None = None

    @property
    def label(self) -> str:
        return SPEAKER_LABELS.get(self.speaker, "")

    @property
    def lines(self) -> list[str]:
        """The text's lines, each shown as a paragraph (blank ones dropped)."""
        return [line for line in self.text.splitlines() if line.strip()]


def turns(value: Any) -> list[Turn]:
    """The turns of a stored transcript, oldest first, whatever shape it was stored in."""
    if isinstance(value, str):
        return from_text(value)
    if not isinstance(value, list):
        return []
    found: list[Turn] = []
    for item in value:
        if isinstance(item, dict):
            text = _plain(str(item.get("text") or "").strip())
            if text:
                speaker = item.get("speaker")
                found.append(
                    Turn(
                        speaker=speaker if speaker in SPEAKER_LABELS else "person",
                        text=text,
                        at=_time(item.get("at")),
                    )
                )
        elif isinstance(item, str):
            found.extend(from_text(item))
    return found


def _plain(text: str) -> str:
    pressed = _BUTTON_PRESS.match(text)
    if pressed is None:
        return text
    return f"Chose: {pressed['choice'].strip().capitalize()}"


def from_text(text: str) -> list[Turn]:
    """Turns from a plain-text transcript: a line starting "Person:" or "Assistant:" starts a
    turn, and the lines after it, until the next label, belong to it."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        labelled = _LABELLED_LINE.match(line)
        if labelled:
            found.append((_SPEAKER_OF_LABEL[labelled.group(1).lower()], [labelled.group(2)]))
        elif found:
            found[-1][1].append(line)
        elif line.strip():
            found.append(("", [line]))  # text before any label: shown without a speaker
    return [
        Turn(speaker, _plain(joined))
        for speaker, lines in found
        if (joined := "\n".join(lines).strip())
    ]


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
