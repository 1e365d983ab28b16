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
    """An officer signed in with the role for one service (officer roles are service slugs)."""

    def sign_in(service: ServiceDeclaration) -> TestClient:
        return officer_factory(service.slug)

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
