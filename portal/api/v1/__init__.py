"""JSON API v1: every resource's routes, registered in one place.

Partner systems and the assistant (bot/) call these routes with a bearer token. Each
resource is a module here (services, eligibility, applications, schools, prefill,
enquiries, rules) holding its handlers and its ``ROUTES``; they reach service code only through
the catalogue, so none grows with each new service. ``API_ROUTES`` is the one table of
routes and the scope each needs; ``routes`` (mounted at /api/v1), ``SCOPES`` (read by
``portal.access``) and the OpenAPI document are all built from it.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from casework.accounts import ApiPrincipal
from casework.catalogue import all_services
from casework.settings import get_settings
from portal.api import openapi
from portal.api.bodies import answer
from portal.api.routing import ApiRoute, starlette_route
from portal.api.v1 import (
    applications,
    chaperones,
    eligibility,
    enquiries,
    prefill,
    rules,
    schools,
    services,
)


async def openapi_document(request: Request, principal: ApiPrincipal | None) -> Response:
    settings = get_settings()
    body: dict[str, Any] = openapi.document(
        API_ROUTES,
        all_services(),
        f"{settings.public_base_url.rstrip('/')}/api/v1",
        settings.council_name,
    )
    return answer(body)


API_ROUTES: list[ApiRoute] = [
    *services.ROUTES,
    *eligibility.ROUTES,
    *applications.ROUTES,
    *schools.ROUTES,
    *prefill.ROUTES,
    *enquiries.ROUTES,
    *rules.ROUTES,
    *chaperones.ROUTES,
    ApiRoute(
        "GET",
        "/openapi.json",
        openapi_document,
        scope=None,
        operation_id="getOpenApiDocument",
        summary="This document",
        responses={200: ("The OpenAPI 3.1 document.", None)},
    ),
]

# Route → the scope it needs (None: public). Tests check every served route against it.
SCOPES: dict[tuple[str, str], str | None] = {(r.method, r.path): r.scope for r in API_ROUTES}

routes: list = [starlette_route(r) for r in API_ROUTES]
