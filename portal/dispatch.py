"""Sends the tasks a transaction asked for (``casework.followups``) once it commits."""

from __future__ import annotations

import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from casework import followups

log = logging.getLogger(__name__)
_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    event.listen(Session, "after_commit", _send_after_commit)
    event.listen(Session, "after_rollback", _forget_after_rollback)
    _installed = True


def _send_after_commit(session: Session) -> None:
    from portal.worker import celery_app

    for task_name, args in followups.take(session):
        try:
            celery_app.send_task(task_name, args=args)
        except Exception:
            # The broker is down: the committed rows are safe and the sweeps will queue them.
            log.exception("Could not queue %s%r; the periodic sweep will", task_name, args)


def _forget_after_rollback(session: Session) -> None:
    followups.forget(session)
