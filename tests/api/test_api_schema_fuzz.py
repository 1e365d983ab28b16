"""Schemathesis against the running portal's own OpenAPI document.

Every operation the document lists is called over HTTP with requests generated from it:
data that fits the document (each answer must be a documented status and body, never a
5xx) and data that does not (each must be refused with a documented 4xx, never accepted
or a 5xx). So the document cannot promise what the server refuses, or miss what it sends.

Bounded: a few examples per operation and mode, and a time budget for the whole run, so
it stays well under 3 minutes in `make test`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from casework.accounts import API_SCOPES

EXAMPLES_PER_OPERATION = 15
# The whole run's budget; operations left when it is spent are not called.
BUDGET_SECONDS = 100

CHECKS = {
    GenerationMode.POSITIVE: [
        not_a_server_error,
        status_code_conformance,
        response_schema_conformance,
    ],
    GenerationMode.NEGATIVE: [
        not_a_server_error,
        status_code_conformance,
        negative_data_rejection,
    ],
}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_does_what_its_openapi_document_says(
    portal_server: str, api_token_factory: Callable[..., str], mode: GenerationMode
):
    base_url = f"{portal_server}/api/v1"
    headers = {"Authorization": f"Bearer {api_token_factory(*API_SCOPES)}"}
    document = httpx.get(f"{base_url}/openapi.json").json()
    schema = schemathesis.openapi.from_dict(document)
    started = time.monotonic()
    called = []

    for result in schema.get_all_operations():
        operation = result.ok()
        if time.monotonic() - started > BUDGET_SECONDS / 2:
            break

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case) -> None:
            # A real client would be refused without its token; the token is kept so the
            # generated data, not the missing token, is what the server answers.
            case.headers = {**(case.headers or {}), **headers}
            case.call_and_validate(base_url=base_url, checks=CHECKS[mode])

        try:
            check()
        except Unsatisfiable:
            # Nothing in the operation can be made invalid (no parameters, no body).
            assert mode is GenerationMode.NEGATIVE, operation.label
        called.append(operation.label)

    # Every operation was called, so a budget spent early fails rather than passes quietly.
    assert len(called) == len(document_operations(document)), called


def document_operations(document: dict) -> list[tuple[str, str]]:
    return [(method, path) for path, item in document["paths"].items() for method in item]
