"""Fixtures for the JSON API, on top of the shared ones in tests/conftest.py.

The shared fixtures give a real, emptied database with the council's schools (``clean_db``),
the app (``app``), API tokens (``api_token_factory``) and the DfE eligibility fake over HTTP
(``eligibility_service``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import httpx
import pytest
from starlette.testclient import TestClient

from casework.accounts import API_SCOPES
from tests.conftest import SCHOOLS

SCHOOL_URN = SCHOOLS[0][0]


@pytest.fixture
def client(app) -> TestClient:
    # Server errors come back as responses, so a test sees the JSON a client would.
    return TestClient(app, raise_server_exceptions=False)


@dataclass(frozen=True)
class Tokens:
    full: str  # every scope
    by_scope: dict[str, str]  # one token per scope, carrying only that scope

    def headers(self, scope: str | None = None) -> dict[str, str]:
        token = self.full if scope is None else self.by_scope[scope]
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tokens(api_token_factory: Callable[..., str]) -> Tokens:
    return Tokens(
        full=api_token_factory(*API_SCOPES),
        by_scope={scope: api_token_factory(scope) for scope in API_SCOPES},
    )


class FakeDfe:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def outage(self, enabled: bool) -> None:
        httpx.post(f"{self.base_url}/_fake/outage", json={"enabled": enabled}).raise_for_status()


@pytest.fixture
def dfe(eligibility_service: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDfe]:
    """The DfE fake, answering normally; the API's shared checker is built afresh."""
    from casework.services.free_school_meals import tasks

    monkeypatch.setattr(tasks, "_checker", None)
    fake = FakeDfe(eligibility_service)
    fake.outage(False)
    yield fake
    fake.outage(False)


def child_birth_date() -> date:
    return date(date.today().year - 8, 3, 15)


@pytest.fixture
def answers() -> dict:
    """A whole, valid free school meals application."""
    return {
        "first_name": "Sam",
        "last_name": "Smith",
        "date_of_birth": "1990-01-01",
        "national_insurance_number": "AB 12 34 56 C",
        "address_line_1": "1 High Street",
        "town": "Northtown",
        "postcode": "nt1 1aa",
        "email": "sam.smith@example.com",
        "consent": True,
        "children": [
            {
                "first_name": "Alex",
                "last_name": "Smith",
                "date_of_birth": child_birth_date().isoformat(),
                "school_urn": SCHOOL_URN,
            }
        ],
    }
