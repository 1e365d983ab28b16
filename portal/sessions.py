"""Server-side sessions for the web pages: the cookie holds only a random session id.

``request.session`` stays a plain dict, so pages, CSRF and flash messages read and write it
as before; this middleware loads it from ``casework.sessions`` before the page runs and
stores it as the response starts. Signing in and out go through ``begin`` and ``end``,
which give the browser a new id and delete the old row, so a cookie copied before either
stops working at once (and one planted before sign-in never becomes signed in).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casework import db
from casework import sessions as store
from casework.sessions import Identity, Loaded

COOKIE = "portal_session"
# The GOV.UK timeout warning opens this long before a signed-in session would time out.
WARN_BEFORE_SECONDS = 120
STATE_KEY = "server_session"
# Machine clients and files: no cookie session is read or written for these.
SESSIONLESS = ("/static/", "/api/", "/notifications/")


@dataclass
class SessionState:
    session_id: str | None
    loaded: Loaded
    original: dict[str, Any]
    identity: Identity
    cookie_seen: bool
    rotate: bool = False


@dataclass(frozen=True)
class Timeout:
    """What the timeout warning (templates/components/session_timeout.html) needs."""

    seconds: int
    warn_before_seconds: int
    sign_out_path: str


def _timeout(identity: Identity) -> Timeout | None:
    if identity.kind == "anonymous":
        return None
    seconds = int(store.idle_timeout(identity).total_seconds())
    sign_out = "/backoffice/sign-out" if identity.kind == "officer" else "/sign-out"
    return Timeout(seconds, min(WARN_BEFORE_SECONDS, seconds // 2), sign_out)


def _state(request: HTTPConnection) -> SessionState | None:
    return request.scope.get(STATE_KEY)


def begin(request: Request, identity: Identity) -> None:
    """Sign in: a new session id and an empty session, owned by ``identity``."""
    state = _state(request)
    assert state is not None, "sessions are not available on this path"
    request.session.clear()
    state.rotate = True
    state.identity = identity


def end(request: Request) -> None:
    """Sign out: the session row goes, and the browser gets a new, anonymous one."""
    begin(request, Identity())


def identity(request: HTTPConnection) -> Identity:
    state = _state(request)
    return state.identity if state else Identity()


def ended(request: HTTPConnection) -> tuple[str, str] | None:
    """(why, whose) if this request's cookie belonged to a session that has just ended."""
    state = _state(request)
    if state is None or state.loaded.ended is None or state.loaded.ended_kind is None:
        return None
    return state.loaded.ended, state.loaded.ended_kind


def key(request: HTTPConnection) -> str:
    """A stable name for this browser session (for per-session limits); never the id."""
    state = _state(request)
    if state is not None and state.session_id:
        return store.id_hash(state.session_id)
    return ""


def _load(session_id: str | None) -> Loaded:
    if not session_id:
        return Loaded()
    with db.transaction() as session:
        return store.load(session, session_id)


def _persist(state: SessionState, data: dict[str, Any]) -> str | None:
    """Store the session; returns a new cookie value, "" to remove the cookie, or None."""
    with db.transaction() as session:
        if state.rotate:
            if state.session_id:
                store.end(session, state.session_id)
            state.session_id = None
            store.purge_expired(session)
        if state.session_id is None:
            if not data and state.identity.kind == "anonymous":
                return "" if state.cookie_seen else None
            return store.create(session, data, state.identity)
        store.save(session, state.session_id, data, changed=data != state.original)
        return None


class ServerSessionMiddleware:
    def __init__(self, app: ASGIApp, https_only: bool = False) -> None:
        self.app = app
        self.https_only = https_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(SESSIONLESS):
            # An empty session nobody stores: code that reads one still works.
            scope["session"] = {}
            await self.app(scope, receive, send)
            return

        cookie = HTTPConnection(scope).cookies.get(COOKIE) or None
        loaded = await run_in_threadpool(_load, cookie)
        state = SessionState(
            session_id=cookie if loaded.found else None,
            loaded=loaded,
            original=copy.deepcopy(loaded.data),
            identity=loaded.identity,
            cookie_seen=cookie is not None,
        )
        scope["session"] = dict(loaded.data)
        scope[STATE_KEY] = state
        # Pages read it as request.state.session_timeout, to warn before it runs out.
        scope.setdefault("state", {})["session_timeout"] = _timeout(loaded.identity)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                value = await run_in_threadpool(_persist, state, scope["session"])
                if value is not None:
                    MutableHeaders(scope=message).append("Set-Cookie", self._cookie(value))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _cookie(self, value: str) -> str:
        # No Max-Age: the browser forgets the id when it closes; the server decides how
        # long the session lasts.
        parts = [f"{COOKIE}={value}", "path=/", "HttpOnly", "SameSite=lax"]
        if not value:
            parts.append("Max-Age=0")
        if self.https_only:
            parts.append("Secure")
        return "; ".join(parts)
