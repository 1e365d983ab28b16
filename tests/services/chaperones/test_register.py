"""The register: approved, expired, suspended or revoked, and nothing else; a wrong surname,
a wrong date of birth and an unknown number all get the same answer, through casework (as
a performance licence asks) and through the API (as other councils ask), with the status
look-up's limits on wrong tries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from starlette.testclient import TestClient

from casework import clocks, db
from casework.services.chaperones import approvals, demo, tasks
from casework.services.chaperones.register import lookup, normalise_number, normalise_surname
from tests.conftest import empty_buckets, from_own_address, limit_setter
from tests.services.chaperones.cases import PREPARER, approved, load, move

BORN = date(1988, 7, 21)  # the sample applicant's birthday, in a fixed year
SCOPE = "chaperones:read"


def number_of(reference: str) -> str:
    with db.transaction() as session:
        approval = approvals.for_case(session, load(reference).id)
        assert approval is not None
        return approval.approval_number


def approved_chaperone(**changes) -> tuple[str, str]:
    reference = approved(date_of_birth=BORN.isoformat(), **changes)
    return reference, number_of(reference)


def ask(number: str, surname: str = "Dupré", born: date = BORN, today: date | None = None):
    with db.transaction() as session:
        return lookup(session, number, surname, born, today or clocks.today())


# --- casework -----------------------------------------------------------------------------


def test_an_approved_chaperone_is_approved_until_the_last_day(clean_db):
    reference, number = approved_chaperone()

    entry = ask(number)

    assert entry is not None
    assert entry.as_dict() == {
        "approval_number": number,
        "status": "approved",
        "approved_until": (
            clocks.today().replace(year=clocks.today().year + 3) - timedelta(days=1)
        ).isoformat(),
    }


@pytest.mark.parametrize("surname", ["dupré", "DUPRE", "  Dupre ", "Dupré"])
def test_the_surname_is_compared_without_case_accents_or_spaces(clean_db, surname):
    _, number = approved_chaperone()

    assert ask(number, surname) is not None


def test_a_wrong_surname_a_wrong_date_of_birth_and_an_unknown_number_answer_alike(clean_db):
    _, number = approved_chaperone()

    assert ask(number, "Dupont") is None
    assert ask(number, born=BORN + timedelta(days=1)) is None
    assert ask("CH-2001-0001") is None
    assert ask("") is None


def test_a_suspended_a_revoked_and_an_expired_approval_say_so(clean_db):
    expired, expired_number = approved_chaperone()
    with db.transaction() as session:
        until = approvals.for_case(session, load(expired).id).approved_until  # type: ignore[union-attr]
    tasks.run(until + timedelta(days=1))
    suspended, suspended_number = approved_chaperone()
    revoked, revoked_number = approved_chaperone()
    move(suspended, "suspend", PREPARER, "A concern.")
    move(revoked, "revoke", PREPARER, "A serious concern.")

    assert load(expired).status == "expired"
    assert ask(expired_number).status == "expired"  # type: ignore[union-attr]
    assert ask(suspended_number).status == "suspended"  # type: ignore[union-attr]
    assert ask(revoked_number).status == "revoked"  # type: ignore[union-attr]


def test_a_case_not_yet_approved_is_not_on_the_register(clean_db):
    from tests.services.chaperones.cases import ready

    ready()
    assert ask(f"CH-{clocks.today().year}-0001") is None


def test_numbers_and_surnames_are_read_as_people_type_them():
    assert normalise_number(" ch 2026 42 ") == "CH-2026-0042"
    assert normalise_number("CH-2026-0042") == "CH-2026-0042"
    assert normalise_surname("O’Brien") == normalise_surname("o'brien")
    assert normalise_surname(" Łukasz-Nguyễn ") == "łukasz-nguyen"


# --- The API ------------------------------------------------------------------------------


@pytest.fixture(autouse=False)
def api(app) -> TestClient:
    empty_buckets("api:chaperone-wrong:*")
    return from_own_address(app, raise_server_exceptions=False)


@pytest.fixture
def headers(api_token_factory) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_factory(SCOPE)}"}


def get(
    client: TestClient,
    headers: dict,
    number: str,
    surname: str = "Dupré",
    born: str = BORN.isoformat(),
):
    return client.get(
        f"/api/v1/chaperones/{number}",
        params={"surname": surname, "date_of_birth": born},
        headers=headers,
    )


def test_the_api_answers_the_number_status_and_last_day_only(api, headers):
    _, number = approved_chaperone()

    response = get(api, headers, number, surname=" dupre ")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"approval_number", "status", "approved_until"}
    assert body["approval_number"] == number and body["status"] == "approved"


def test_the_api_gives_one_404_for_a_wrong_surname_a_wrong_date_of_birth_or_an_unknown_number(
    api, headers
):
    _, number = approved_chaperone()

    answers = [
        get(api, headers, number, surname="Dupont"),
        get(api, headers, number, born="1988-07-22"),
        get(api, headers, "CH-2001-0001"),
        get(api, headers, "X" * 300),
    ]

    assert {response.status_code for response in answers} == {404}
    assert len({response.content for response in answers}) == 1
    assert answers[0].json() == {
        "error": "No approved chaperone matches that approval number and those details"
    }


def test_the_api_says_suspended_and_revoked(api, headers):
    suspended, suspended_number = approved_chaperone()
    revoked, revoked_number = approved_chaperone()
    move(suspended, "suspend", PREPARER, "A concern.")
    move(revoked, "revoke", PREPARER, "A serious concern.")

    assert get(api, headers, suspended_number).json()["status"] == "suspended"
    assert get(api, headers, revoked_number).json()["status"] == "revoked"


def test_the_api_needs_a_surname_and_a_date_of_birth_whether_or_not_the_number_exists(api, headers):
    _, number = approved_chaperone()

    for asked in (number, "CH-2001-0001"):
        response = api.get(
            f"/api/v1/chaperones/{asked}", params={"date_of_birth": "21/07/1988"}, headers=headers
        )
        assert response.status_code == 422
        assert response.json() == {
            "errors": {
                "surname": "Enter the chaperone's surname",
                "date_of_birth": "Enter the date of birth as YYYY-MM-DD, like 1985-03-27",
            }
        }


def test_the_api_needs_the_register_scope(api, api_token_factory):
    _, number = approved_chaperone()

    other = {"Authorization": f"Bearer {api_token_factory('applications:read')}"}
    assert get(api, other, number).status_code == 403
    assert get(api, {}, number).status_code == 401


def test_wrong_tries_for_one_number_are_limited_the_same_whether_or_not_it_exists(
    app, api, headers, api_token_factory, monkeypatch
):
    limit_setter(monkeypatch, "api_status_wrong_attempts_per_hour_per_")(reference=2)
    _, number = approved_chaperone()

    def refused(asked: str):
        for _ in range(2):
            assert get(from_own_address(app), headers, asked, surname="Dupont").status_code == 404
        return get(from_own_address(app), headers, asked, surname="Dupont")

    known, unknown = refused(number), refused("CH-2001-0001")

    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content
    # Even the right details now wait, from another client.
    other = {"Authorization": f"Bearer {api_token_factory(SCOPE)}"}
    assert get(from_own_address(app), other, number).status_code == 429
    assert int(get(from_own_address(app), other, number).headers["Retry-After"]) >= 1


def test_right_answers_are_not_counted(app, api, headers, monkeypatch):
    limit_setter(monkeypatch, "api_status_wrong_attempts_per_hour_per_")(
        reference=1, client=1, ip=1
    )
    _, number = approved_chaperone()

    for _ in range(4):
        assert get(api, headers, number).status_code == 200


def test_the_api_is_in_the_openapi_document(api):
    document = api.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/chaperones/{approval_number}"]["get"]
    assert operation["security"] == [{"bearerAuth": [SCOPE]}]
    assert {p["name"] for p in operation["parameters"]} == {
        "approval_number",
        "surname",
        "date_of_birth",
    }
    entry = document["components"]["schemas"]["ChaperoneRegisterEntry"]
    assert set(entry["properties"]) == {"approval_number", "status", "approved_until"}


# --- The demo -----------------------------------------------------------------------------


def test_the_demo_chaperones_answer_as_documented(clean_db):
    with db.transaction() as session:
        printed = demo.seed(session)
        demo.seed(session)  # seeding again adds nothing
    on = date(2026, 12, 1)
    with db.transaction() as session:
        answers = {
            person.number: lookup(session, person.number, person.last_name, person.born, on)
            for person in demo.CHAPERONES
        }
    assert {
        number: (e.status, e.approved_until.isoformat()) for number, e in answers.items() if e
    } == {
        "CH-2026-0001": ("approved", "2029-03-01"),
        "CH-2022-0014": ("expired", "2025-05-15"),
        "CH-2025-0009": ("suspended", "2028-10-05"),
    }
    assert printed == [demo.AUTHORISER]
