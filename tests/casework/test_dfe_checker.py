"""The DfE eligibility checker, over real HTTP against the local fake of DfE's service."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date

import httpx
import pytest
import uvicorn

from casework.services.free_school_meals.dfe_checker import (
    CheckOutcome,
    CheckResult,
    DfeEligibilityChecker,
)
from portal.fakes.dfe_eligibility import create_app

CLIENT_ID = "test-portal"
CLIENT_SECRET = "test-secret"
DOB = date(1990, 1, 1)
SLOW_SECONDS = 1.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    def __init__(self, app) -> None:
        self.app = app
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def __enter__(self) -> _Server:
        self._thread.start()
        deadline = time.monotonic() + 5
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("fake DfE service did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
        self._sock.close()


@pytest.fixture(scope="module")
def fake() -> Iterator[_Server]:
    app = create_app(CLIENT_ID, CLIENT_SECRET, slow_seconds=SLOW_SECONDS)
    with _Server(app) as server:
        yield server


@pytest.fixture(autouse=True)
def _reset_outage(request: pytest.FixtureRequest) -> None:
    if "fake" in request.fixturenames:
        request.getfixturevalue("fake").app.state.outage = False


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


@pytest.fixture
def make_checker(fake: _Server, http: httpx.Client) -> Callable[..., DfeEligibilityChecker]:
    def make(**overrides) -> DfeEligibilityChecker:
        options = {
            "base_url": fake.base_url,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "http": http,
            "timeout": 2.0,
            "poll_interval": 0.01,
            "max_polls": 5,
        } | overrides
        return DfeEligibilityChecker(**options)

    return make


def _assert_unavailable(result: CheckResult) -> None:
    assert result.outcome is CheckOutcome.UNAVAILABLE
    assert result.detail.strip()
    assert result.checked_at.tzinfo is not None


def test_eligible(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    assert result.outcome is CheckOutcome.ELIGIBLE
    assert result.service_status == "eligible"
    assert result.detail
    assert result.checked_at.utcoffset().total_seconds() == 0


def test_surname_is_matched_ignoring_case_and_number_spacing(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="SMITH", date_of_birth=DOB, national_insurance_number="ab 12 34 56 c"
    )
    assert result.outcome is CheckOutcome.ELIGIBLE


def test_not_eligible(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="Jones", date_of_birth=DOB, national_insurance_number="AB123456D"
    )
    assert result.outcome is CheckOutcome.NOT_ELIGIBLE
    assert result.service_status == "notEligible"


@pytest.mark.parametrize(
    ("last_name", "dob", "ni"),
    [
        ("Nobody", DOB, "AB123456C"),  # right number, wrong surname
        ("Smith", date(1990, 1, 2), "AB123456C"),
        ("Brown", DOB, "CE123456A"),
    ],
)
def test_parent_not_found(make_checker, last_name, dob, ni) -> None:
    result = make_checker().check_free_school_meals(
        last_name=last_name, date_of_birth=dob, national_insurance_number=ni
    )
    assert result.outcome is CheckOutcome.PARENT_NOT_FOUND
    assert result.service_status == "parentNotFound"


def test_nass_route(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="Simpson", date_of_birth=DOB, nass_number="240712345"
    )
    assert result.outcome is CheckOutcome.ELIGIBLE


@pytest.mark.parametrize(
    "numbers",
    [
        {"national_insurance_number": "AB123456C", "nass_number": "240712345"},
        {},
        {"national_insurance_number": "  ", "nass_number": ""},
    ],
)
def test_exactly_one_number_is_required(make_checker, numbers) -> None:
    with pytest.raises(ValueError):
        make_checker().check_free_school_meals(last_name="Smith", date_of_birth=DOB, **numbers)


def test_dwp_error_is_unavailable(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="Anyone", date_of_birth=DOB, national_insurance_number="AB999999C"
    )
    _assert_unavailable(result)
    assert result.service_status == "DwpError"


def test_timeout_is_unavailable(make_checker) -> None:
    result = make_checker(timeout=0.3).check_free_school_meals(
        last_name="Anyone", date_of_birth=DOB, national_insurance_number="AB888888C"
    )
    _assert_unavailable(result)
    assert "0.3 seconds" in result.detail


def test_still_queued_after_max_polls_is_unavailable(make_checker) -> None:
    result = make_checker(max_polls=3).check_free_school_meals(
        last_name="Anyone", date_of_birth=DOB, national_insurance_number="AB777777C"
    )
    _assert_unavailable(result)
    assert result.service_status == "queuedForProcessing"


def test_malformed_json_is_unavailable(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="Anyone", date_of_birth=DOB, national_insurance_number="AB666666C"
    )
    _assert_unavailable(result)


def test_outage_is_unavailable(make_checker, fake, http) -> None:
    assert http.post(f"{fake.base_url}/_fake/outage", json={"enabled": True}).status_code == 200
    assert http.get(f"{fake.base_url}/_fake/health").status_code == 200

    result = make_checker().check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    _assert_unavailable(result)
    assert "503" in result.detail

    http.post(f"{fake.base_url}/_fake/outage", json={"enabled": False})
    result = make_checker().check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    assert result.outcome is CheckOutcome.ELIGIBLE


def test_connection_refused_is_unavailable() -> None:
    checker = DfeEligibilityChecker(
        f"http://127.0.0.1:{_free_port()}", CLIENT_ID, CLIENT_SECRET, timeout=1.0
    )
    result = checker.check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    _assert_unavailable(result)
    assert result.service_status is None


def test_wrong_credentials_are_unavailable(make_checker) -> None:
    result = make_checker(client_secret="wrong").check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    _assert_unavailable(result)
    assert "invalid_client" in result.detail


def test_request_dfe_rejects_is_unavailable_with_their_reason(make_checker) -> None:
    result = make_checker().check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="QQ12"
    )
    _assert_unavailable(result)
    assert "Invalid National Insurance Number" in result.detail


def test_token_is_cached_between_checks(make_checker, fake) -> None:
    checker = make_checker()
    issued = fake.app.state.tokens_issued
    for _ in range(3):
        checker.check_free_school_meals(
            last_name="Jones", date_of_birth=DOB, national_insurance_number="AB123456D"
        )
    assert fake.app.state.tokens_issued == issued + 1


def test_token_refreshed_once_after_401(make_checker, fake) -> None:
    checker = make_checker()
    checker.check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    issued, refused = fake.app.state.tokens_issued, fake.app.state.unauthorised_served
    fake.app.state.tokens.clear()  # as if DfE had rotated its signing key

    result = checker.check_free_school_meals(
        last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
    )
    assert result.outcome is CheckOutcome.ELIGIBLE
    assert fake.app.state.tokens_issued == issued + 1
    assert fake.app.state.unauthorised_served == refused + 1


def test_token_refreshed_after_expiry_without_a_401(http) -> None:
    app = create_app(CLIENT_ID, CLIENT_SECRET, token_lifetime_seconds=1)
    with _Server(app) as server:
        checker = DfeEligibilityChecker(
            server.base_url, CLIENT_ID, CLIENT_SECRET, http=http, poll_interval=0.01
        )
        first = checker.check_free_school_meals(
            last_name="Smith", date_of_birth=DOB, national_insurance_number="AB123456C"
        )
        time.sleep(1.05)
        second = checker.check_free_school_meals(
            last_name="Jones", date_of_birth=DOB, national_insurance_number="AB123456D"
        )
    assert first.outcome is CheckOutcome.ELIGIBLE
    assert second.outcome is CheckOutcome.NOT_ELIGIBLE
    assert app.state.tokens_issued == 2
    assert app.state.unauthorised_served == 0


# The fake itself must refuse what DfE refuses, or the checker could pass here and fail live.


def _token(http: httpx.Client, base_url: str) -> str:
    response = http.post(
        f"{base_url}/oauth2/token",
        data={
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "grant_type": "client_credentials",
            "scope": "check",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    return body["access_token"]


def test_fake_requires_a_bearer_token(fake, http) -> None:
    response = http.post(
        f"{fake.base_url}/check/free-school-meals",
        json={"data": {"lastName": "Smith", "dateOfBirth": "1990-01-01"}},
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"nationalInsuranceNumber": "AB123456C", "dateOfBirth": "1990-01-01"},
            "LastName is required",
        ),
        (
            {"nationalInsuranceNumber": "AB123456C", "lastName": "Smith"},
            "Date of birth is required:- (yyyy-mm-dd)",
        ),
        (
            {
                "nationalInsuranceNumber": "ZZ123456C",
                "lastName": "Smith",
                "dateOfBirth": "1990-01-01",
            },
            "Invalid National Insurance Number",
        ),
        (
            {
                "nationalInsuranceNumber": "AB123456C",
                "nationalAsylumSeekerServiceNumber": "240712345",
                "lastName": "Smith",
                "dateOfBirth": "1990-01-01",
            },
            "not both",
        ),
    ],
)
def test_fake_validates_like_dfe(fake, http, data, message) -> None:
    token = _token(http, fake.base_url)
    response = http.post(
        f"{fake.base_url}/check/free-school-meals",
        json={"data": data},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert message in response.json()["errors"][0]["title"]


def test_fake_accepts_a_check_with_dfe_links(fake, http) -> None:
    token = _token(http, fake.base_url)
    response = http.post(
        f"{fake.base_url}/check/free-school-meals",
        json={
            "data": {
                "nationalInsuranceNumber": "AB123456C",
                "lastName": "Smith",
                "dateOfBirth": "1990-01-01",
                "nationalAsylumSeekerServiceNumber": None,
            }
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 202
    body = response.json()
    assert body["data"] == {"status": "queuedForProcessing"}
    assert set(body["links"]) == {
        "get_EligibilityCheck",
        "put_EligibilityCheckProcess",
        "get_EligibilityCheckStatus",
    }
    assert body["links"]["get_EligibilityCheckStatus"].endswith("/status")
