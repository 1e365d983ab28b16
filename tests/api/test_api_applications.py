"""POST /api/v1/applications and GET /api/v1/applications/{reference}."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from casework import db
from casework.models import Case, CaseEvent
from portal.api.bodies import MAX_BODY_BYTES

URL = "/api/v1/applications"
WRITE = "applications:write"
READ = "applications:read"


def _submit(client, tokens, answers, *, key=None, channel="api", token_headers=None):
    headers = dict(token_headers or tokens.headers(WRITE))
    if key is not None:
        headers["Idempotency-Key"] = key
    body = {"service": "free-school-meals", "answers": answers, "channel": channel}
    return client.post(URL, json=body, headers=headers)


def _case_count() -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_a_valid_application_makes_a_case(client, tokens, answers) -> None:
    response = _submit(client, tokens, answers)

    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"reference", "status", "status_label", "next_step"}
    assert body["reference"].startswith("FSM-")
    assert body["status"] == "submitted"
    assert body["status_label"] == "Checking eligibility"
    assert body["next_step"]
    with db.transaction() as session:
        case = session.scalars(select(Case).where(Case.reference == body["reference"])).one()
        assert case.channel == "api"
        assert case.answers["national_insurance_number"] == "AB123456C"
        assert case.answers["postcode"] == "NT1 1AA"
        event = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).one()
        assert event.actor_kind == "api"
        assert event.actor_id is not None


def test_the_assistant_channel_is_recorded(client, tokens, answers) -> None:
    response = _submit(client, tokens, answers, channel="assistant")

    assert response.status_code == 201
    with db.transaction() as session:
        assert session.scalars(select(Case.channel)).one() == "assistant"


def test_bad_answers_are_422_by_field_path(client, tokens, answers) -> None:
    answers["children"][0]["first_name"] = ""
    answers["children"][0]["school_urn"] = "999999"
    answers["postcode"] = "nowhere"
    del answers["consent"]

    response = _submit(client, tokens, answers)

    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "consent": "Confirm that you agree to us checking your eligibility",
            "postcode": "Enter a full UK postcode, like AA3 1AB",
            "children.0.first_name": "Enter the child's first name",
            "children.0.school_urn": "Select a school from the list",
        }
    }
    assert _case_count() == 0


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"service": "pony-rides", "answers": {}},
            {"service": "Enter a service from GET /api/v1/services"},
        ),
        ({"answers": {}}, {"service": "Enter the service, as its slug from GET /api/v1/services"}),
        (
            {"service": "free-school-meals", "answers": [1, 2]},
            {"answers": "Send the answers as a JSON object"},
        ),
        (
            {"service": "free-school-meals", "answers": {}, "channel": "web"},
            {"channel": 'Channel must be "api" or "assistant"'},
        ),
    ],
    ids=["unknown-service", "no-service", "answers-not-object", "bad-channel"],
)
def test_a_bad_envelope_is_422(client, tokens, body, errors) -> None:
    response = client.post(URL, json=body, headers=tokens.headers(WRITE))

    assert response.status_code == 422
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize(
    "content", [b'{"service": "free-school-meals", ', b"[]", b"null", b"\xff\xfe"]
)
def test_malformed_json_is_400(client, tokens, content) -> None:
    headers = {**tokens.headers(WRITE), "Content-Type": "application/json"}
    response = client.post(URL, content=content, headers=headers)

    assert response.status_code == 400
    assert set(response.json()) == {"error"}


def test_deeply_nested_json_is_400_not_500(client, tokens) -> None:
    content = b"[" * 100_000 + b"]" * 100_000
    headers = {**tokens.headers(WRITE), "Content-Type": "application/json"}
    response = client.post(URL, content=content, headers=headers)

    assert response.status_code == 400


def test_a_body_over_the_limit_is_413(client, tokens, answers) -> None:
    answers["padding"] = "x" * MAX_BODY_BYTES
    response = _submit(client, tokens, answers)

    assert response.status_code == 413
    assert "KB" in response.json()["error"]
    assert _case_count() == 0


def test_a_streamed_body_over_the_limit_is_413(client, tokens) -> None:
    # No Content-Length: the limit must hold while the body is read, not just by the header.
    def chunks():
        yield b'{"service": "free-school-meals", "answers": {"padding": "'
        for _ in range(MAX_BODY_BYTES // 8192 + 1):
            yield b"x" * 8192
        yield b'"}}'

    headers = {**tokens.headers(WRITE), "Content-Type": "application/json"}
    response = client.post(URL, content=chunks(), headers=headers)

    assert response.status_code == 413
    assert _case_count() == 0


def test_a_repeated_idempotency_key_returns_the_first_case(client, tokens, answers) -> None:
    first = _submit(client, tokens, answers, key="4b0d3f0e-0a4f-4a57-9a58-8c1f3c8e2d11")
    again = _submit(client, tokens, answers, key="4b0d3f0e-0a4f-4a57-9a58-8c1f3c8e2d11")

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert _case_count() == 1


def test_an_idempotency_key_reused_for_other_answers_is_refused(client, tokens, answers) -> None:
    assert _submit(client, tokens, answers, key="key-1").status_code == 201
    other = copy.deepcopy(answers)
    other["first_name"] = "Samantha"

    response = _submit(client, tokens, other, key="key-1")

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["error"]
    assert _case_count() == 1


def test_idempotency_keys_belong_to_one_client(client, tokens, answers) -> None:
    first = _submit(client, tokens, answers, key="shared-key")
    second = _submit(client, tokens, answers, key="shared-key", token_headers=tokens.headers())

    assert first.status_code == second.status_code == 201
    assert first.json()["reference"] != second.json()["reference"]
    assert _case_count() == 2


def test_a_malformed_idempotency_key_is_400(client, tokens, answers) -> None:
    response = _submit(client, tokens, answers, key="x" * 65)

    assert response.status_code == 400
    assert _case_count() == 0


# --- Status ---------------------------------------------------------------------------


@pytest.fixture
def submitted(client, tokens, answers) -> dict:
    response = _submit(client, tokens, answers)
    assert response.status_code == 201
    return {
        "reference": response.json()["reference"],
        "child_dob": answers["children"][0]["date_of_birth"],
    }


def test_status_with_the_services_second_factor(client, tokens, submitted) -> None:
    response = client.get(
        f"{URL}/{submitted['reference'].lower()}",
        params={"second_factor": submitted["child_dob"]},
        headers=tokens.headers(READ),
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {
        "reference",
        "service",
        "status",
        "status_label",
        "next_step",
        "decide_by",
        "submitted_at",
        "updated_at",
    }
    assert body["reference"] == submitted["reference"]
    # The same "we aim to decide by" sentence the status page shows.
    assert body["decide_by"].startswith("We aim to decide by ")
    assert body["service"] == "free-school-meals"
    assert body["status_label"] == "Checking eligibility"
    assert body["submitted_at"].endswith(("Z", "+00:00"))
    # Status only: nothing the applicant told us.
    for personal in ("Smith", "Alex", "AB123456C", "sam.smith", "NT1"):
        assert personal not in response.text


def test_unknown_reference_and_wrong_second_factor_get_the_same_404(
    client, tokens, submitted
) -> None:
    def status(reference: str, second_factor: str):
        return client.get(
            f"{URL}/{reference}",
            params={"second_factor": second_factor},
            headers=tokens.headers(READ),
        )

    unknown_reference = status("FSM-2222-3333", submitted["child_dob"])
    wrong_date = status(submitted["reference"], "2015-01-01")
    parents_date = status(submitted["reference"], "1990-01-01")
    unknown_prefix = status("ZZZ-2222-3333", submitted["child_dob"])

    responses = (unknown_reference, wrong_date, parents_date, unknown_prefix)
    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Enter the child's date of birth"),
        ({"second_factor": ""}, "Enter the child's date of birth"),
        ({"second_factor": "15/03/2017"}, "Date of birth must be a real date"),
        ({"second_factor": "99999999999999999999-01-01"}, "Date of birth must be a real date"),
        ({"date_of_birth": "2017-03-15"}, "Enter the child's date of birth"),
    ],
    ids=["missing", "blank", "not-iso", "huge-year", "old-parameter-name"],
)
def test_a_badly_typed_second_factor_is_422(client, tokens, submitted, params, message) -> None:
    response = client.get(
        f"{URL}/{submitted['reference']}", params=params, headers=tokens.headers(READ)
    )

    assert response.status_code == 422
    assert response.json() == {"errors": {"second_factor": message}}


def test_a_badly_typed_second_factor_is_422_whether_or_not_the_case_exists(
    client, tokens, submitted
) -> None:
    # The service is read from the reference's prefix, so the 422 reveals nothing.
    known = client.get(
        f"{URL}/{submitted['reference']}",
        params={"second_factor": "soon"},
        headers=tokens.headers(READ),
    )
    unknown = client.get(
        f"{URL}/FSM-2222-3333", params={"second_factor": "soon"}, headers=tokens.headers(READ)
    )

    assert known.status_code == unknown.status_code == 422
    assert known.content == unknown.content


@pytest.mark.parametrize(
    ("path", "status"),
    [("FSM-2222%003333", 400), ("%00", 400), ("FSM-2222%013333", 400), ("FSM-2222-3333%0A", 404)],
    ids=["nul-inside", "only-nul", "start-of-heading", "trailing-line-feed"],
)
def test_a_control_character_in_a_reference_is_refused_not_a_server_error(
    client, tokens, submitted, path, status
) -> None:
    # The router drops a trailing line feed itself, so that one is simply not found.
    response = client.get(
        f"{URL}/{path}",
        params={"second_factor": submitted["child_dob"]},
        headers=tokens.headers(READ),
    )

    assert response.status_code == status
    assert set(response.json()) == {"error"}


def test_a_nul_in_the_second_factor_is_400_not_a_server_error(client, tokens, submitted) -> None:
    response = client.get(
        f"{URL}/{submitted['reference']}?second_factor=2017-03-15%00",
        headers=tokens.headers(READ),
    )

    assert response.status_code == 400
    assert "control characters" in response.json()["error"]


def test_a_nul_in_an_answer_is_422_by_its_path(client, tokens, answers) -> None:
    answers["children"][0]["first_name"] = "Al\u0000ex"

    response = _submit(client, tokens, answers)

    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "answers.children.0.first_name": "Answer must not include control characters, such "
            "as a null character"
        }
    }
    assert _case_count() == 0


def test_a_nul_in_a_field_name_is_400(client, tokens, answers) -> None:
    answers["first\u0000name"] = "Sam"

    response = _submit(client, tokens, answers)

    assert response.status_code == 400
    assert _case_count() == 0


def test_line_breaks_in_answers_are_not_refused(client, tokens, answers) -> None:
    answers["address_line_1"] = "1 High Street\n"

    response = _submit(client, tokens, answers)

    assert response.status_code == 201, response.text
