"""Fixtures for the contract test, on top of the shared ones in tests/conftest.py.

The shared fixtures give the emptied database with the council's schools (``clean_db``),
the app, a signed-in citizen (``citizen``), officers by role (``officer_factory``) and API
tokens (``api_token_factory``). Here: an officer who works on the service under test, and
bearer headers for the API.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from casework.declaration import ServiceDeclaration


@pytest.fixture
def service_officer(officer_factory) -> Callable[[ServiceDeclaration], TestClient]:
    """An officer signed in with the role for one service (officer roles are service slugs),
    also authorised for its statutory decisions (``<slug>:authorise``), so the case page
    offers every move; the two-officer rule itself is each service's own tests' concern."""

    def sign_in(service: ServiceDeclaration) -> TestClient:
        from sqlalchemy import select

        from casework import db
        from casework.models import Officer
        from casework.workflow import authoriser_role

        client = officer_factory(service.slug)
        with db.transaction() as session:
            email = f"{service.slug}.officer@northshire.example"
            officer = session.scalars(select(Officer).where(Officer.email == email)).one()
            officer.roles = [service.slug, authoriser_role(service.slug)]
        return client

    return sign_in


@pytest.fixture
def api_headers(api_token_factory) -> Callable[[str], dict[str, str]]:
    """Bearer headers for a client holding only the given scope."""

    def headers(scope: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {api_token_factory(scope)}"}

    return headers


@pytest.fixture
def api(app) -> TestClient:
    # Server errors come back as responses, so a failure shows the JSON a client would see.
    return TestClient(app, raise_server_exceptions=False)
