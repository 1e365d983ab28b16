"""Browser sessions kept on the server, so ending one ends every copy of its cookie.

The cookie holds a random id; the row is found by the id's SHA-256, so the table cannot be
replayed as cookies. A session ends when it is signed out, when it has been idle too long
(officers sooner than citizens), when it reaches the longest a session may last, and for an
officer, as soon as the account is disabled or its password changes (each request compares
the password hash's fingerprint taken at sign-in).

``now`` is looked up on this module at each call, so tests move time instead of sleeping.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from casework.models.accounts import Officer, WebSession
from casework.settings import get_settings

# A timed-out row is kept this long after it expired, so the browser that comes back is
# told it was signed out rather than silently treated as a stranger.
KEEP_EXPIRED = timedelta(days=1)
# Rewriting a row on every request would double the database's work; an idle timeout
# measured in tens of minutes does not need to know about every request (a tenth of it, at
# most a minute, is close enough).
TOUCH_EVERY = timedelta(seconds=60)


def now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def new_id() -> str:
    return secrets.token_urlsafe(32)


def id_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def credential_stamp(officer: Officer) -> str:
    """A fingerprint of the officer's password hash: changes whenever the password does."""
    return hashlib.sha256(officer.password_hash.encode()).hexdigest()


@dataclass(frozen=True)
class Identity:
    """Who a session belongs to: nobody yet, a citizen or an officer."""

    person_id: int | None = None
    officer_id: int | None = None
    credential_stamp: str | None = None

    @property
    def kind(self) -> str:
        if self.officer_id is not None:
            return "officer"
        if self.person_id is not None:
            return "citizen"
        return "anonymous"


@dataclass
class Loaded:
    """What a request found: its session's data, or why the cookie no longer works."""

    data: dict[str, Any] = field(default_factory=dict)
    identity: Identity = field(default_factory=Identity)
    found: bool = False
    # "idle" (timed out), "expired" (at the longest a session may last), "revoked"
    # (officer disabled or password changed) or None.
    ended: str | None = None
    ended_kind: str | None = None


def idle_timeout(identity: Identity) -> timedelta:
    settings = get_settings()
    if identity.officer_id is not None:
        return timedelta(minutes=settings.officer_session_idle_minutes)
    return timedelta(minutes=settings.citizen_session_idle_minutes)


def _expiry(identity: Identity, created_at: datetime, moment: datetime) -> datetime:
    longest = _aware(created_at) + timedelta(hours=get_settings().session_max_hours)
    return min(moment + idle_timeout(identity), longest)


def _identity(row: WebSession) -> Identity:
    return Identity(row.person_id, row.officer_id, row.credential_stamp)


def load(session: Session, session_id: str) -> Loaded:
    moment = now()
    row = session.get(WebSession, id_hash(session_id))
    if row is None:
        return Loaded()
    identity = _identity(row)
    ended = None
    if _aware(row.expires_at) <= moment:
        # Idle, or at the longest a session may last however busy (told apart so only
        # the first is called inactivity).
        idle = _aware(row.last_seen_at) + idle_timeout(identity) <= moment
        ended = "idle" if idle else "expired"
    elif identity.officer_id is not None:
        officer = session.get(Officer, identity.officer_id)
        if (
            officer is None
            or not officer.active
            or credential_stamp(officer) != row.credential_stamp
        ):
            ended = "revoked"
    if ended:
        session.delete(row)
        return Loaded(ended=ended, ended_kind=identity.kind)
    return Loaded(
        data=dict(row.data or {}),
        identity=identity,
        found=True,
    )


def create(session: Session, data: dict[str, Any], identity: Identity) -> str:
    """A new row; returns the id for the cookie (never stored)."""
    moment = now()
    session_id = new_id()
    session.add(
        WebSession(
            id_hash=id_hash(session_id),
            data=data,
            person_id=identity.person_id,
            officer_id=identity.officer_id,
            credential_stamp=identity.credential_stamp,
            created_at=moment,
            last_seen_at=moment,
            expires_at=_expiry(identity, moment, moment),
        )
    )
    return session_id


def save(session: Session, session_id: str, data: dict[str, Any], changed: bool) -> None:
    """Store changed data, and move the idle timeout on (at most once a minute)."""
    moment = now()
    row = session.get(WebSession, id_hash(session_id))
    if row is None:
        return
    identity = _identity(row)
    every = min(TOUCH_EVERY, idle_timeout(identity) / 10)
    if not changed and moment - _aware(row.last_seen_at) < every:
        return
    row.data = data
    row.last_seen_at = moment
    row.expires_at = _expiry(identity, row.created_at, moment)


def end(session: Session, session_id: str) -> None:
    session.execute(delete(WebSession).where(WebSession.id_hash == id_hash(session_id)))


def purge_expired(session: Session) -> int:
    result = session.execute(delete(WebSession).where(WebSession.expires_at < now() - KEEP_EXPIRED))
    return result.rowcount or 0  # type: ignore[attr-defined]  # a DELETE's CursorResult
