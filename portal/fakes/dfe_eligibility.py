"""A local stand-in for DfE's "check your eligibility" API, for development and tests.

It speaks the same JSON as github.com/DFE-Digital/check-your-eligibility for the parts the
portal uses: ``POST /oauth2/token``, ``POST /check/free-school-meals``,
``GET /check/{guid}/status`` and ``GET /check/{guid}``, with DfE's validation messages and
``{"errors": [{"status", "title", "detail"}]}`` error shape. Answers come only from
``TEST_IDENTITIES`` below (also listed in ``portal/fakes/README.md``); anyone else is
``parentNotFound``, as DfE answers when nobody matches.

Guesses, where DfE's source does not settle the wire detail:

* Tokens are opaque random strings, not JWTs; clients must not look inside them anyway.
* An unauthenticated request gets an empty 401 with ``WWW-Authenticate: Bearer`` (the
  ASP.NET JWT bearer default); a token without the ``check`` scope gets an empty 403.
* Several validation failures share one error whose title joins DfE's messages with newlines
  (FluentValidation's ``ValidationResult.ToString()``).
* The 503 body during a simulated outage is our own; a real outage may not send JSON at all.

Control endpoints, not part of DfE's API and never behind the outage switch:
``GET /_fake/health`` and ``POST /_fake/outage {"enabled": true|false}``.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route


@dataclass(frozen=True)
class FakeIdentity:
    status: str
    national_insurance_number: str | None = None
    nass_number: str | None = None
    # None: the number alone decides, because the simulated fault happens before matching.
    last_name: str | None = None
    date_of_birth: str | None = None
    # How the fake misbehaves: "slow" (status endpoint outlasts the client's timeout),
    # "stuck" (never leaves queuedForProcessing) or "garbled" (status reply is not JSON).
    behaviour: str | None = None
    note: str = ""


TEST_IDENTITIES: tuple[FakeIdentity, ...] = (
    FakeIdentity(
        "eligible",
        national_insurance_number="AB123456C",
        last_name="Smith",
        date_of_birth="1990-01-01",
        note="Gets a qualifying benefit (DfE's own mock DWP citizen).",
    ),
    FakeIdentity(
        "notEligible",
        national_insurance_number="AB123456D",
        last_name="Jones",
        date_of_birth="1990-01-01",
        note="Known to DWP, no qualifying benefit.",
    ),
    FakeIdentity(
        "eligible",
        nass_number="240712345",
        last_name="Simpson",
        date_of_birth="1990-01-01",
        note="Asylum support (Home Office) route.",
    ),
    FakeIdentity(
        "DwpError",
        national_insurance_number="AB999999C",
        note="DWP could not be asked; any surname and date of birth.",
    ),
    FakeIdentity(
        "eligible",
        national_insurance_number="AB888888C",
        behaviour="slow",
        note="Status endpoint waits slow_seconds (default 10) before answering.",
    ),
    FakeIdentity(
        "queuedForProcessing",
        national_insurance_number="AB777777C",
        behaviour="stuck",
        note="Never finishes processing.",
    ),
    FakeIdentity(
        "eligible",
        national_insurance_number="AB666666C",
        behaviour="garbled",
        note="Status endpoint answers 200 with a body that is not JSON.",
    ),
)

CHECK_SCOPE = "check"
QUEUED = "queuedForProcessing"

# DfE's messages, word for word (Domain/Constants/ErrorMessages), typo included.
MSG_NI_AND_NASS = (
    "National Insurance Number or National Asylum Seeker Service Number is required "
    "is required, not both"
)
MSG_DOB = "Date of birth is required:- (yyyy-mm-dd)"
MSG_LAST_NAME = "LastName is required"
MSG_NI = "Invalid National Insurance Number"
MSG_NI_OR_NASS = "National Insurance Number or National Asylum Seeker Service Number is required"
MSG_NO_DATA = "Invalid Request, data is required."

# DfE's DataValidation.BeAValidNi and BeAValidDate.
NI_PATTERN = re.compile(
    r"^(?!BG)(?!GB)(?!NK)(?!KN)(?!TN)(?!NT)(?!ZZ)"
    r"(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])(?:\s*\d\s*){6}([A-D]|\s)$"
)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class _Check:
    guid: str
    request: dict[str, Any]
    result: str
    behaviour: str | None
    queued_polls_left: int
    created: datetime


def _errors(status_code: int, *titles: str, detail: str | None = None) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"status": None, "title": title, "detail": detail} for title in titles]},
        status_code=status_code,
    )


def _links(guid: str) -> dict[str, str]:
    return {
        "get_EligibilityCheck": f"/check/{guid}",
        "put_EligibilityCheckProcess": f"/engine/process/{guid}",
        "get_EligibilityCheckStatus": f"/check/{guid}/status",
    }


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _validate(data: dict[str, Any]) -> list[str]:
    problems = []
    if not _text(data.get("lastName")):
        problems.append(MSG_LAST_NAME)
    if not DATE_PATTERN.match(_text(data.get("dateOfBirth"))):
        problems.append(MSG_DOB)
    ni, nass = (
        _text(data.get("nationalInsuranceNumber")),
        _text(data.get("nationalAsylumSeekerServiceNumber")),
    )
    if ni:
        if nass:
            problems.append(MSG_NI_AND_NASS)
        if not NI_PATTERN.match(ni):
            problems.append(MSG_NI)
    elif not nass:
        problems.append(MSG_NI_OR_NASS)
    return problems


def _lookup(data: dict[str, Any]) -> FakeIdentity | None:
    ni = "".join(_text(data.get("nationalInsuranceNumber")).split())
    nass = _text(data.get("nationalAsylumSeekerServiceNumber"))
    last_name = _text(data.get("lastName")).casefold()
    dob = _text(data.get("dateOfBirth"))
    for person in TEST_IDENTITIES:
        number_matches = (ni and ni == person.national_insurance_number) or (
            not ni and nass and nass == person.nass_number
        )
        if not number_matches:
            continue
        if person.last_name is not None and person.last_name.casefold() != last_name:
            continue
        if person.date_of_birth is not None and person.date_of_birth != dob:
            continue
        return person
    return None


class _OutageMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.app.state.outage and not request.url.path.startswith("/_fake/"):
            return _errors(503, "Service Unavailable", detail="Simulated outage")
        return await call_next(request)


def create_app(
    client_id: str,
    client_secret: str,
    *,
    token_lifetime_seconds: int = 7200,
    queued_polls: int = 1,
    slow_seconds: float = 10.0,
) -> Starlette:
    """Build the fake service.

    ``token_lifetime_seconds`` defaults to DfE's 120 minutes. ``queued_polls`` is how many
    status requests answer ``queuedForProcessing`` before the result shows, so clients have
    to poll as they must against DfE's queue. ``slow_seconds`` is how long the "slow" test
    identity's status request takes.
    """

    def authorised(request: Request) -> Response | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        grant = request.app.state.tokens.get(token) if scheme.lower() == "bearer" else None
        if grant is None or grant[0] <= time.monotonic():
            request.app.state.unauthorised_served += 1
            return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
        if CHECK_SCOPE not in grant[1]:
            return Response(status_code=403)
        return None

    async def token(request: Request) -> Response:
        form = await request.form()
        given_id, given_secret = form.get("client_id"), form.get("client_secret")
        if not given_id:
            return _errors(401, "invalid_client", detail="Invalid client identifier")
        if given_id != client_id or not secrets.compare_digest(
            str(given_secret or ""), client_secret
        ):
            return _errors(401, "invalid_client", detail="Invalid client credentials")
        requested = str(form.get("scope") or "").split()
        if any(scope not in (CHECK_SCOPE, "default") for scope in requested):
            return _errors(
                401,
                "invalid_scope",
                detail="The requested scope is invalid, unknown, or exceeds the scope "
                "granted by the resource owner",
            )
        value = secrets.token_urlsafe(32)
        request.app.state.tokens[value] = (
            time.monotonic() + token_lifetime_seconds,
            frozenset(requested),
        )
        request.app.state.tokens_issued += 1
        return JSONResponse(
            {
                "access_token": value,
                "token": value,
                "expires_in": token_lifetime_seconds,
                "token_type": "Bearer",
            }
        )

    async def submit(request: Request) -> Response:
        if (refused := authorised(request)) is not None:
            return refused
        try:
            body = await request.json()
        except ValueError:
            return _errors(400, "The request body is not valid JSON.")
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            return _errors(400, MSG_NO_DATA)
        data = dict(data)
        for key in ("nationalInsuranceNumber", "nationalAsylumSeekerServiceNumber"):
            if isinstance(data.get(key), str):
                data[key] = data[key].upper()
        if problems := _validate(data):
            return _errors(400, "\n".join(problems))

        person = _lookup(data)
        guid = str(uuid.uuid4())
        request.app.state.checks[guid] = _Check(
            guid=guid,
            request=data,
            result=person.status if person else "parentNotFound",
            behaviour=person.behaviour if person else None,
            queued_polls_left=queued_polls,
            created=datetime.now(UTC),
        )
        return JSONResponse({"data": {"status": QUEUED}, "links": _links(guid)}, status_code=202)

    def status_now(check: _Check) -> str:
        if check.queued_polls_left > 0:
            check.queued_polls_left -= 1
            return QUEUED
        return check.result

    async def status(request: Request) -> Response:
        if (refused := authorised(request)) is not None:
            return refused
        guid = request.path_params["guid"]
        check = request.app.state.checks.get(guid)
        if check is None:
            return _errors(404, guid)
        if check.behaviour == "slow":
            await asyncio.sleep(slow_seconds)
        if check.behaviour == "garbled":
            return PlainTextResponse("<html><body>Gateway says hello</body></html>")
        return JSONResponse({"data": {"status": status_now(check)}})

    async def item(request: Request) -> Response:
        if (refused := authorised(request)) is not None:
            return refused
        guid = request.path_params["guid"]
        check = request.app.state.checks.get(guid)
        if check is None:
            return _errors(404, guid)
        data = check.request
        return JSONResponse(
            {
                "data": {
                    "nationalInsuranceNumber": data.get("nationalInsuranceNumber"),
                    "lastName": data.get("lastName"),
                    "dateOfBirth": data.get("dateOfBirth"),
                    "nationalAsylumSeekerServiceNumber": data.get(
                        "nationalAsylumSeekerServiceNumber"
                    ),
                    "status": status_now(check),
                    "created": check.created.isoformat(),
                },
                "links": _links(guid),
            }
        )

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "outage": request.app.state.outage})

    async def outage(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        enabled = body.get("enabled") if isinstance(body, dict) else None
        if not isinstance(enabled, bool):
            return _errors(400, 'Send {"enabled": true} or {"enabled": false}.')
        request.app.state.outage = enabled
        return JSONResponse({"outage": enabled})

    app = Starlette(
        routes=[
            Route("/oauth2/token", token, methods=["POST"]),
            Route("/check/free-school-meals", submit, methods=["POST"]),
            Route("/check/{guid}/status", status, methods=["GET"]),
            Route("/check/{guid}", item, methods=["GET"]),
            Route("/_fake/health", health, methods=["GET"]),
            Route("/_fake/outage", outage, methods=["POST"]),
        ],
        middleware=[Middleware(_OutageMiddleware)],
    )
    app.state.outage = False
    # token -> (monotonic expiry, scopes); tests may clear it to simulate a key rotation.
    app.state.tokens = {}
    app.state.tokens_issued = 0
    app.state.unauthorised_served = 0
    app.state.checks = {}
    return app


def run(host: str, port: int, client_id: str, client_secret: str) -> None:
    import uvicorn

    uvicorn.run(create_app(client_id, client_secret), host=host, port=port)


if __name__ == "__main__":
    from casework.settings import get_settings

    settings = get_settings()
    run("127.0.0.1", settings.ecs_port, settings.ecs_client_id, settings.ecs_client_secret)
