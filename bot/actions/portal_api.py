"""A small client for the portal's JSON API (standard library only, so the action server
needs nothing beyond rasa-sdk).

The address and token come from the environment: PORTAL_API_URL and either PORTAL_API_TOKEN
or PORTAL_API_TOKEN_FILE (re-read when it changes, so a rotated token needs no restart).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8000/api/v1"
TIMEOUT_SECONDS = float(os.environ.get("PORTAL_API_TIMEOUT_SECONDS", "10"))


class PortalUnavailable(Exception):
    """The portal did not answer, or answered with a server error."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def errors(self) -> dict[str, str]:
        return dict(self.body.get("errors") or {})

    def first_error(self, default: str = "Check your answer and try again") -> str:
        errors = self.errors
        if errors:
            return next(iter(errors.values()))
        return str(self.body.get("error") or default)


def base_url() -> str:
    return os.environ.get("PORTAL_API_URL", DEFAULT_URL).rstrip("/")


def token() -> str:
    value = os.environ.get("PORTAL_API_TOKEN", "").strip()
    if value:
        return value
    path = os.environ.get("PORTAL_API_TOKEN_FILE", "")
    if path and Path(path).exists():
        return Path(path).read_text().strip()
    return ""


def call(
    method: str,
    path: str,
    *,
    body: dict[str, Any] | None = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    url = base_url() + path
    if query:
        url += "?" + urllib.parse.urlencode(query)
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 - our own API
    request.add_header("Authorization", f"Bearer {token()}")
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return Answer(response.status, _json(response.read()))
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise PortalUnavailable(f"{method} {path}: {exc.code}") from exc
        return Answer(exc.code, _json(exc.read()))
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise PortalUnavailable(f"{method} {path}: {exc}") from exc


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --- The routes the assistant uses -----------------------------------------------------


def guide(topic: str) -> Answer:
    return call("GET", f"/services/{urllib.parse.quote(topic)}/guide")


def steps(service: str) -> Answer:
    return call("GET", f"/services/{urllib.parse.quote(service)}/steps")


def validate_step(service: str, step: str, answers: dict[str, Any]) -> Answer:
    return call(
        "POST",
        f"/services/{urllib.parse.quote(service)}/steps/{urllib.parse.quote(step)}/validate",
        body={"answers": answers},
    )


def check_eligibility(service: str, answers: dict[str, Any]) -> Answer:
    """A service's quick check; ``answers`` must carry the person's ``consent``."""
    return call("POST", f"/eligibility/{urllib.parse.quote(service)}", body=answers)


def services() -> Answer:
    return call("GET", "/services")


def application_status(reference: str, second_factor: str) -> Answer:
    """``second_factor`` is what the service's ``status_check.prompt`` asks for."""
    return call(
        "GET",
        f"/applications/{urllib.parse.quote(reference, safe='')}",
        query={"second_factor": second_factor},
    )


def schools(query: str) -> Answer:
    return call("GET", "/schools", query={"q": query})


def submit_application(service: str, answers: dict[str, Any], key: str) -> Answer:
    return call(
        "POST",
        "/applications",
        body={"service": service, "answers": answers, "channel": "assistant"},
        headers={"Idempotency-Key": key},
    )


def prefill_link(service: str, answers: dict[str, Any]) -> Answer:
    return call("POST", "/prefill-links", body={"service": service, "answers": answers})


def create_enquiry(body: dict[str, Any], key: str) -> Answer:
    return call("POST", "/enquiries", body=body, headers={"Idempotency-Key": key})


def rule_list(check: str, name: str) -> Answer:
    """A list a rule check publishes (GET /rules/{check}/{name}): occupations, hours, kinds."""
    return call("GET", f"/rules/{urllib.parse.quote(check)}/{urllib.parse.quote(name)}")


def rule_check(check: str, proposal: dict[str, Any]) -> Answer:
    """A rule check (POST /rules/{check}/check): ``{"legal", "breaches", ...}`` or 422 with a
    message on each field of a malformed proposal."""
    return call("POST", f"/rules/{urllib.parse.quote(check)}/check", body=proposal)
