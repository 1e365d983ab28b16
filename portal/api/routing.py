"""The API's route table as data: path, method, scope, models and documented responses.

Each ``ApiRoute`` is turned into a Starlette route that checks the bearer token and scope,
and refuses control characters in the path and query string, before the handler runs; the
OpenAPI document is generated from the same table, so a route cannot be served without its
scope or left out of the document. Handlers raise ``ApiError`` or ``InvalidAnswers`` and
the wrapper answers them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from casework.accounts import API_SCOPES, ApiPrincipal
from casework.declaration import ServiceDeclaration
from portal.api import control_characters
from portal.api.auth import authorise
from portal.api.bodies import error, field_errors
from portal.api.errors import ApiError, InvalidAnswers

Handler = Callable[[Request, ApiPrincipal | None], Awaitable[Response]]


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # "path", "query" or "header"
    description: str
    required: bool = True
    schema: dict[str, object] = field(default_factory=lambda: {"type": "string"})


@dataclass(frozen=True)
class ServiceBody:
    """A request body whose shape is a service's own (e.g. its quick check's questions).

    The OpenAPI document names it ``<Service><suffix>`` and adds ``extra`` properties
    (with ``required``) that the handler reads beside the service's model.
    """

    suffix: str
    model: type[BaseModel]
    extra: dict[str, dict[str, object]] = field(default_factory=dict)
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str  # relative to /api/v1
    handler: Handler
    # The scope a token needs. None only for the public OpenAPI document.
    scope: str | None
    operation_id: str
    summary: str
    description: str = ""
    request_model: type[BaseModel] | None = None  # the JSON body, if any
    params: tuple[Param, ...] = ()
    # status → (description, body model or None)
    responses: dict[int, tuple[str, type[BaseModel] | None]] = field(default_factory=dict)
    # Headers the client may send, documented as parameters.
    headers: tuple[Param, ...] = ()
    # A body shaped by the service in the path: each service's, or None where not served.
    service_body: Callable[[ServiceDeclaration], ServiceBody | None] | None = None

    def __post_init__(self) -> None:
        if self.scope is not None and self.scope not in API_SCOPES:
            raise ValueError(f"{self.operation_id} needs unknown scope {self.scope}")

    @property
    def takes_body(self) -> bool:
        return self.request_model is not None or self.service_body is not None


def starlette_route(api_route: ApiRoute) -> Route:
    async def endpoint(request: Request) -> Response:
        try:
            principal = None
            if api_route.scope is not None:
                principal = await authorise(request, api_route.scope)
            control_characters.check_request(request)
            return await api_route.handler(request, principal)
        except ApiError as exc:
            return error(exc.status_code, exc.message, exc.headers)
        except InvalidAnswers as exc:
            return field_errors(exc.errors)

    return Route(
        api_route.path,
        endpoint,
        methods=[api_route.method],
        name=f"api_v1.{api_route.operation_id}",
    )
