"""Headers every response carries: no framing, no sniffing, a strict content policy.

Pages are not stored by browsers or proxies (a citizen's details or an officer's case
must not come back from a shared computer's cache after sign-out); only static files may
be. Over HTTPS, browsers are told to use nothing else for a year.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
    # GOV.UK Frontend adds a "js-enabled" class with a small inline script; htmx needs
    # nothing inline. The hash below is of the template's own inline script.
    b"content-security-policy": (
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; "
        b"script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    ),
}


NO_STORE = (b"cache-control", b"no-store")
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
CACHEABLE = "/static/"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        wanted = dict(HEADERS)
        if not scope["path"].startswith(CACHEABLE):
            wanted.update([NO_STORE])
        if scope.get("scheme") == "https":
            wanted.update([HSTS])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in wanted.items() if k not in existing]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
