"""Free school meals check against the DfE "check your eligibility" service.

The wire shape follows DfE's public API (github.com/DFE-Digital/check-your-eligibility):

* ``POST /oauth2/token`` - form-encoded OAuth2 client credentials (``client_id``,
  ``client_secret``, ``grant_type=client_credentials``, ``scope``). The answer carries
  ``access_token`` (also as ``token``), ``expires_in`` seconds and ``token_type: Bearer``.
* ``POST /check/free-school-meals`` with ``{"data": {"nationalInsuranceNumber", "lastName",
  "dateOfBirth", "nationalAsylumSeekerServiceNumber"}}`` - 202 with
  ``{"data": {"status": ...}, "links": {"get_EligibilityCheck", "put_EligibilityCheckProcess",
  "get_EligibilityCheckStatus"}}``; 400 with ``{"errors": [{"title": ...}]}`` when invalid.
* ``GET /check/{guid}/status`` - 200 with ``{"data": {"status": ...}}``.

Statuses are ``queuedForProcessing``, ``parentNotFound``, ``eligible``, ``notEligible`` and
``DwpError``. The check endpoints need the ``check`` scope, so we ask for it.

What we had to guess, because DfE's source does not settle it:

* Links come back root-relative (``/check/<guid>/status``). We append them to the configured
  base URL, so a base URL with a path prefix (an API gateway) keeps its prefix. Absolute links
  are followed only on the same origin, so the bearer token never goes to another host.
* A 202 whose status is already final (DfE returns the stored result for a repeated check)
  is used as-is, without polling.
* A 400 means our request was wrong, not the parent; it is reported as UNAVAILABLE with
  DfE's message in ``detail`` so an officer sees it, and logged.
* The token is refreshed a little before ``expires_in`` runs out (10%, at most a minute),
  and once more on any 401.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import httpx

logger = logging.getLogger(__name__)

TOKEN_PATH = "/oauth2/token"  # noqa: S105 - a URL path, not a secret
SUBMIT_PATH = "/check/free-school-meals"
CHECK_SCOPE = "check"

QUEUED = "queuedForProcessing"


class CheckOutcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    PARENT_NOT_FOUND = "parent_not_found"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class CheckResult:
    outcome: CheckOutcome
    # The raw status DfE gave (e.g. "notEligible"), or None when it gave none.
    service_status: str | None
    # A plain-English reason for officers.
    detail: str
    checked_at: datetime


_FINAL_STATUSES: dict[str, tuple[CheckOutcome, str]] = {
    "eligible": (
        CheckOutcome.ELIGIBLE,
        "The checking service found a qualifying benefit or support for this parent or carer.",
    ),
    "notEligible": (
        CheckOutcome.NOT_ELIGIBLE,
        "The checking service found this parent or carer but no qualifying benefit or support.",
    ),
    "parentNotFound": (
        CheckOutcome.PARENT_NOT_FOUND,
        "The checking service found no one matching this surname, date of birth and "
        "National Insurance or asylum support (NASS) number.",
    ),
    "DwpError": (
        CheckOutcome.UNAVAILABLE,
        "The checking service could not get an answer from the DWP benefits system.",
    ),
}


class _Unavailable(Exception):
    def __init__(self, detail: str, service_status: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.service_status = service_status


# One client per process: its connection pool is not safe to carry across a fork (Celery's
# prefork workers), so a child process builds its own.
_shared_client: httpx.Client | None = None
_shared_client_pid: int | None = None
_shared_client_lock = threading.Lock()


def _process_http_client() -> httpx.Client:
    global _shared_client, _shared_client_pid
    with _shared_client_lock:
        if _shared_client is None or _shared_client_pid != os.getpid():
            _shared_client = httpx.Client()
            _shared_client_pid = os.getpid()
        return _shared_client


def _seconds(value: float) -> str:
    return "1 second" if value == 1 else f"{value:g} seconds"


class DfeEligibilityChecker:
    """Asks DfE's service whether a parent or carer qualifies for free school meals.

    Safe to share between threads. Faults never come back as NOT_ELIGIBLE: anything that is
    not a clear answer from DfE is UNAVAILABLE, so the check can be tried again.
    """

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 5.0,
        poll_interval: float = 0.2,
        max_polls: int = 10,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._origin = _origin(httpx.URL(self._base_url))
        self._client_id = client_id
        self._client_secret = client_secret
        self._http = http
        self._timeout = timeout
        self._poll_interval = poll_interval
        self._max_polls = max_polls
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._token_lock = threading.Lock()

    def check_free_school_meals(
        self,
        *,
        last_name: str,
        date_of_birth: date,
        national_insurance_number: str | None = None,
        nass_number: str | None = None,
    ) -> CheckResult:
        ni = "".join((national_insurance_number or "").split()).upper() or None
        nass = (nass_number or "").strip().upper() or None
        if (ni is None) == (nass is None):
            raise ValueError("Exactly one of national_insurance_number and nass_number is required")

        payload = {
            "data": {
                "nationalInsuranceNumber": ni,
                "lastName": last_name.strip(),
                "dateOfBirth": date_of_birth.isoformat(),
                "nationalAsylumSeekerServiceNumber": nass,
            }
        }
        try:
            status = self._run_check(payload)
        except _Unavailable as fault:
            return self._result(CheckOutcome.UNAVAILABLE, fault.service_status, fault.detail)

        outcome, detail = _FINAL_STATUSES[status]
        if outcome is CheckOutcome.UNAVAILABLE:
            logger.warning("DfE eligibility check gave %s", status)
        return self._result(outcome, status, detail)

    def _result(self, outcome: CheckOutcome, status: str | None, detail: str) -> CheckResult:
        return CheckResult(
            outcome=outcome,
            service_status=status,
            detail=detail,
            checked_at=datetime.now(UTC),
        )

    # The check itself -------------------------------------------------------------------

    def _run_check(self, payload: dict[str, Any]) -> str:
        response = self._authorised("POST", self._base_url + SUBMIT_PATH, json=payload)
        if response.status_code == 400:
            reason = _error_titles(response) or "no reason given"
            logger.error("DfE eligibility service rejected our request: %s", reason)
            raise _Unavailable(f"The checking service rejected the request: {reason}")
        body = self._expect_json(response, 202)
        status = _status_of(body)
        if status != QUEUED:
            return self._final(status)

        links = body.get("links")
        link = links.get("get_EligibilityCheckStatus") if isinstance(links, dict) else None
        status_url = self._follow(link)

        for _ in range(self._max_polls):
            time.sleep(self._poll_interval)
            response = self._authorised("GET", status_url)
            if response.status_code == 404:
                raise _Unavailable("The checking service lost track of the check (HTTP 404).")
            status = _status_of(self._expect_json(response, 200))
            if status != QUEUED:
                return self._final(status)

        raise _Unavailable(
            f"The checking service had not finished after {self._max_polls} status checks.",
            QUEUED,
        )

    def _final(self, status: str) -> str:
        if status not in _FINAL_STATUSES:
            logger.warning("DfE eligibility service gave an unknown status %r", status)
            raise _Unavailable(
                f"The checking service gave a status we do not recognise: {status}.", status
            )
        return status

    def _follow(self, link: object) -> str:
        if not isinstance(link, str) or not link:
            raise _Unavailable("The checking service did not say where to find the result.")
        if link.startswith("/"):
            return self._base_url + link
        try:
            url = httpx.URL(link)
        except httpx.InvalidURL:
            raise _Unavailable(
                "The checking service sent a result link we could not read."
            ) from None
        if _origin(url) != self._origin:
            # Following it would hand our bearer token to another host.
            raise _Unavailable("The checking service sent a result link to another site.")
        return str(url)

    # HTTP plumbing ----------------------------------------------------------------------

    @property
    def _client(self) -> httpx.Client:
        return self._http if self._http is not None else _process_http_client()

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, timeout=self._timeout, **kwargs)
        except httpx.TimeoutException:
            raise _Unavailable(
                f"The checking service did not answer within {_seconds(self._timeout)}."
            ) from None
        except httpx.RequestError as exc:
            logger.warning("Could not reach DfE eligibility service: %r", exc)
            raise _Unavailable("The checking service could not be reached.") from None
        if response.status_code >= 500:
            raise _Unavailable(
                f"The checking service reported a fault (HTTP {response.status_code})."
            )
        return response

    def _authorised(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        token = self._current_token()
        response = self._send(method, url, headers=_bearer(token), **kwargs)
        if response.status_code == 401:
            # The service may have rotated its signing key or restarted; one fresh token
            # settles that, a second 401 means our credentials are the problem.
            token = self._current_token(stale=token)
            response = self._send(method, url, headers=_bearer(token), **kwargs)
        if response.status_code in (401, 403):
            logger.error("DfE eligibility service refused our token (%s)", response.status_code)
            raise _Unavailable(
                f"The checking service refused the portal's access (HTTP {response.status_code})."
            )
        return response

    def _current_token(self, *, stale: str | None = None) -> str:
        with self._token_lock:
            token = self._token
            # Another thread may already have replaced the token that got a 401.
            if token is not None and token != stale and time.monotonic() < self._token_expires_at:
                return token
            self._token = None
            token, lifetime = self._fetch_token()
            margin = min(60.0, lifetime * 0.1)
            self._token, self._token_expires_at = token, time.monotonic() + lifetime - margin
            return token

    def _fetch_token(self) -> tuple[str, float]:
        response = self._send(
            "POST",
            self._base_url + TOKEN_PATH,
            data={
                "client_id": self._client_id,
                "client_secret": self._client_secret,
                "grant_type": "client_credentials",
                "scope": CHECK_SCOPE,
            },
        )
        if response.status_code in (400, 401, 403):
            reason = _error_titles(response) or f"HTTP {response.status_code}"
            logger.error("DfE eligibility service refused our credentials: %s", reason)
            raise _Unavailable(f"The checking service refused the portal's credentials ({reason}).")
        body = self._expect_json(response, 200)
        token = body.get("access_token") or body.get("token")
        lifetime = body.get("expires_in")
        if not isinstance(token, str) or not token:
            raise _Unavailable("The checking service sent a sign-in reply we could not read.")
        if isinstance(lifetime, bool) or not isinstance(lifetime, int | float) or lifetime <= 0:
            # Without a lifetime, keep it only for this check; the next one signs in again.
            lifetime = 1.0
        return token, float(lifetime)

    def _expect_json(self, response: httpx.Response, expected_status: int) -> dict[str, Any]:
        if response.status_code != expected_status:
            raise _Unavailable(
                f"The checking service gave an unexpected reply (HTTP {response.status_code})."
            )
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise _Unavailable("The checking service sent a reply we could not read.")
        return body


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _status_of(body: dict[str, Any]) -> str:
    data = body.get("data")
    status = data.get("status") if isinstance(data, dict) else None
    if not isinstance(status, str) or not status:
        raise _Unavailable("The checking service sent a reply without a status.")
    return status


def _error_titles(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(errors, list):
        return ""
    titles = [
        " ".join(str(e.get("title") or "").split())
        for e in errors
        if isinstance(e, dict) and e.get("title")
    ]
    return "; ".join(titles)
