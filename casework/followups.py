"""Work to start once a transaction commits: message deliveries and background jobs.

The core names tasks by string and never talks to the broker. The process's composition
root (``portal.dispatch``) sends them after commit, so a rolled-back transaction starts
nothing, and a crash between commit and sending is mended by the periodic sweeps.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

KEY = "after_commit_tasks"

DELIVER_MESSAGE = "notifications.deliver_message"


def after_commit(session: Session, task_name: str, *args: Any) -> None:
    session.info.setdefault(KEY, []).append((task_name, args))


def take(session: Session) -> list[tuple[str, tuple[Any, ...]]]:
    return session.info.pop(KEY, [])


def forget(session: Session) -> None:
    session.info.pop(KEY, None)


# An inbound text that names no case goes to the assistant: args (sender phone, text).
ASSISTANT_REPLY_TO_TEXT = "assistant.reply_to_text"
