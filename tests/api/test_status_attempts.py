"""The API's status look-up allows only so many wrong second factors per reference, per API
client and per client address, and says the same whether or not the reference exists.

The test environment sets these limits very high (tests/conftest.py); each test here sets
the one it checks low, and starts from empty buckets.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import empty_buckets, from_own_address, limit_setter

URL = "/api/v1/applications"
READ = "applications:read"
WRITE = "applications:write"
UNKNOWN = "FSM-2222-3333"


@pytest.fixture(autouse=True)
def _full_limits():
    empty_buckets("api:status-wrong:*")


@pytest.fixture
def limits(monkeypatch):
    return limit_setter(monkeypatch, "api_status_wrong_attempts_per_hour_per_")


def caller(app, address: str | None = None) -> TestClient:
    return from_own_address(app, address, raise_server_exceptions=False)


@pytest.fixture
def submitted(app, tokens, answers) -> dict:
    body = {"service": "free-school-meals", "answers": answers, "channel": "api"}
    response = caller(app).post(URL, json=body, headers=tokens.headers(WRITE))
    assert response.status_code == 201, response.text
    return {
        "reference": response.json()["reference"],
        "child_dob": answers["children"][0]["date_of_birth"],
    }


def status(client: TestClient, headers: dict, reference: str, second_factor: str):
    return client.get(
        f"{URL}/{reference}", params={"second_factor": second_factor}, headers=headers
    )


def test_wrong_dates_for_one_reference_are_limited_from_any_client(
    app, tokens, api_token_factory, submitted, limits
) -> None:
    limits(reference=3)
    headers = tokens.headers(READ)
    for _ in range(3):
        assert status(caller(app), headers, submitted["reference"], "2015-01-01").status_code == 404

    too_many = status(caller(app), headers, submitted["reference"], "2015-01-02")
    assert too_many.status_code == 429
    # Another client, another address, even the right date: the reference waits.
    other = {"Authorization": f"Bearer {api_token_factory(READ)}"}
    refused = status(caller(app), other, submitted["reference"], submitted["child_dob"])

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json() == {"error": "Too many wrong attempts. Wait before trying again"}
    # Other references are not held up.
    assert status(caller(app), other, UNKNOWN, "2015-01-01").status_code == 404


def test_an_unknown_reference_is_limited_with_the_same_answer(
    app, tokens, submitted, limits
) -> None:
    limits(reference=2)
    headers = tokens.headers(READ)

    def refused(reference: str):
        for _ in range(2):
            status(caller(app), headers, reference, "2015-01-01")
        return status(caller(app), headers, reference, "2015-01-01")

    known, unknown = refused(submitted["reference"]), refused(UNKNOWN)

    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_one_api_client_is_limited_across_references(
    app, tokens, api_token_factory, submitted, limits
) -> None:
    limits(client=3)
    headers = tokens.headers(READ)
    for number in range(3):
        reference = f"FSM-2222-33{number}3"
        assert status(caller(app), headers, reference, "2015-01-01").status_code == 404

    assert status(caller(app), headers, submitted["reference"], "2015-01-01").status_code == 429
    # Another client still gets its answer.
    other = {"Authorization": f"Bearer {api_token_factory(READ)}"}
    found = status(caller(app), other, submitted["reference"], submitted["child_dob"])
    assert found.status_code == 200


def test_one_client_address_is_limited_across_api_clients(
    app, api_token_factory, submitted, limits
) -> None:
    limits(ip=2)
    for number in range(2):
        headers = {"Authorization": f"Bearer {api_token_factory(READ)}"}
        reference = f"FSM-2222-33{number}3"
        assert (
            status(caller(app, "198.51.100.7"), headers, reference, "2015-01-01").status_code == 404
        )

    headers = {"Authorization": f"Bearer {api_token_factory(READ)}"}
    response = status(caller(app, "198.51.100.7"), headers, submitted["reference"], "2015-01-01")
    assert response.status_code == 429
    elsewhere = status(caller(app), headers, submitted["reference"], submitted["child_dob"])
    assert elsewhere.status_code == 200


def test_right_answers_are_not_counted(app, tokens, submitted, limits) -> None:
    limits(reference=2, client=2, ip=2)
    headers = tokens.headers(READ)
    client = caller(app)
    for _ in range(5):
        found = status(client, headers, submitted["reference"], submitted["child_dob"])
        assert found.status_code == 200
