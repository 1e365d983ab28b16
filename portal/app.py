"""The app factory: the citizen portal, the JSON API and the mounted back office."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from backoffice.routes import routes as backoffice_routes
from casework.settings import PROJECT_ROOT, get_settings
from notifications import callbacks as notify_callbacks
from portal import dispatch
from portal.api.v1 import routes as api_routes
from portal.auth import SignInRequired
from portal.control_characters import ControlCharacterMiddleware
from portal.routes import account, apply, assistant, pages, respond, sign_in
from portal.security_headers import SecurityHeadersMiddleware
from portal.sessions import ServerSessionMiddleware
from portal.templating import render

log = logging.getLogger(__name__)

STATIC_DIR = PROJECT_ROOT / "portal" / "static"

ERROR_TEMPLATES = {400: "errors/400.html", 403: "errors/403.html", 404: "errors/404.html"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    template = ERROR_TEMPLATES.get(exc.status_code, "errors/400.html")
    if exc.status_code >= 500:
        template = "errors/500.html"
    response = render(request, template, {"message": exc.detail}, status_code=exc.status_code)
    response.headers.update(exc.headers or {})
    return response


async def sign_in_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(exc.location, status_code=303)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("Unhandled error on %s", request.url.path, exc_info=exc)
    if _wants_json(request):
        return JSONResponse({"error": "Sorry, there is a problem with the service"}, 500)
    return render(request, "errors/500.html", status_code=500)


def create_app() -> Starlette:
    settings = get_settings()
    dispatch.install()
    routes = [
        *pages.routes,
        *sign_in.routes,
        *account.routes,
        *apply.routes,
        *assistant.routes,
        *respond.routes,
        Mount("/api/v1", routes=api_routes),
        Mount("/backoffice", routes=backoffice_routes),
        Mount("/notifications/callbacks", routes=notify_callbacks.routes),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR, check_dir=False), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeadersMiddleware),
        # Sessions live on the server; the cookie holds only a random id (portal.sessions).
        Middleware(ServerSessionMiddleware, https_only=settings.session_https_only),
        # Inside the session, so its 400 page can be drawn as any other page is.
        Middleware(ControlCharacterMiddleware),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            HTTPException: http_error,
            SignInRequired: sign_in_required,
            Exception: server_error,
        },
    )
