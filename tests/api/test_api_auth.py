"""Every API route but the OpenAPI document needs a bearer token with the route's scope."""

from __future__ import annotations

import pytest

from casework import db
from casework.accounts import API_SCOPES
from casework.models import ApiClient
from portal.api import v1

GUARDED = [route for route in v1.API_ROUTES if route.scope is not None]


def _call(client, route, headers=None):
    path = "/api/v1" + route.path.replace("{reference}", "FSM-2222-3333")
    if route.method == "GET":
        return client.get(path, params={"second_factor": "2015-03-15"}, headers=headers)
    return client.request(route.method, path, json={}, headers=headers)


def test_every_served_route_is_in_the_scope_table() -> None:
    served = {
        (method, route.path) for route in v1.routes for method in route.methods if method != "HEAD"
    }
    assert served == set(v1.SCOPES)
    assert all(scope in API_SCOPES for scope in v1.SCOPES.values() if scope is not None)
    assert [path for (_, path), scope in v1.SCOPES.items() if scope is None] == ["/openapi.json"]


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
def test_route_without_a_token_is_401(client, route) -> None:
    response = _call(client, route)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert set(response.json()) == {"error"}


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer " + "x" * 600],
)
def test_route_with_a_bad_token_is_401(client, route, authorization) -> None:
    response = _call(client, route, {"Authorization": authorization})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"]


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
def test_route_with_a_token_lacking_its_scope_is_403(client, tokens, route) -> None:
    for scope in API_SCOPES:
        if scope == route.scope:
            continue
        response = _call(client, route, tokens.headers(scope))
        assert response.status_code == 403, scope
        assert route.scope in response.json()["error"]


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
def test_route_with_its_scope_gets_past_the_guard(client, tokens, route) -> None:
    response = _call(client, route, tokens.headers(route.scope))
    assert response.status_code not in (401, 403)


def test_a_revoked_token_is_401(client, tokens) -> None:
    from datetime import UTC, datetime

    with db.transaction() as session:
        for api_client in session.query(ApiClient).all():
            api_client.revoked_at = datetime.now(UTC)
    response = client.get("/api/v1/services", headers=tokens.headers())
    assert response.status_code == 401


def test_the_openapi_document_needs_no_token(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
