"""The child employment hours check over the JSON API: legal hours, breaches in plain words,
malformed proposals as 422s with a message on each field, and the published lists."""

from __future__ import annotations

from typing import Any

CHECK = "/api/v1/rules/child-employment/check"
OCCUPATIONS = "/api/v1/rules/child-employment/occupations"
HOURS = "/api/v1/rules/child-employment/hours"


def body(**changes: Any) -> dict[str, Any]:
    return {
        "age": 14,
        "period": "term",
        "occupation": "shop_work",
        "shifts": {"mon": [["17:00", "18:30"]], "sat": [["09:00", "13:00"], ["14:00", "15:00"]]},
        **changes,
    }


def test_legal_hours(client, tokens) -> None:
    response = client.post(CHECK, json=body(), headers=tokens.headers("services:read"))
    assert response.status_code == 200
    assert response.json() == {"legal": True, "breaches": []}
    assert response.headers["Cache-Control"] == "no-store"


def test_hours_that_break_the_rules(client, tokens) -> None:
    proposal = body(shifts={"sat": [["09:00", "12:00"], ["13:00", "16:00"]]})
    response = client.post(CHECK, json=proposal, headers=tokens.headers("services:read"))
    assert response.status_code == 200
    assert response.json() == {
        "legal": False,
        "breaches": [
            {
                "rule": "saturday_limit",
                "message": "A 14-year-old can work at most 5 hours on a Saturday. These "
                "Saturday shifts add up to 6 hours.",
            }
        ],
    }
    # At 15 the same Saturday is legal.
    response = client.post(CHECK, json={**proposal, "age": 15}, headers=tokens.headers())
    assert response.json() == {"legal": True, "breaches": []}


def test_holiday_hours_carry_a_warning(client, tokens) -> None:
    proposal = body(period="holiday", age=13, occupation="retail")
    response = client.post(CHECK, json=proposal, headers=tokens.headers())
    answer = response.json()
    assert response.status_code == 200
    assert answer["legal"] is False
    assert [b["rule"] for b in answer["breaches"]] == ["light_work_only"]
    assert [w["rule"] for w in answer["warnings"]] == ["holiday_weeks_free"]


def test_malformed_proposals_are_field_errors(client, tokens) -> None:
    proposal = {
        "age": 19,
        "period": "summer",
        "occupation": "astronaut",
        "shifts": {
            "mon": [["25:00", "18:00"]],
            "tue": [["18:00", "17:00"]],
            "wed": [["09:00", "12:00"], ["11:00", "13:00"]],
        },
    }
    response = client.post(CHECK, json=proposal, headers=tokens.headers())
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "age": "Age must be a whole number from 0 to 18, like 14",
            "period": 'Period must be "term" (term time) or "holiday" (the school holidays)',
            "occupation": "Enter a code from the list of occupations, like shop_work",
            "shifts.mon": "Enter the start of Monday's first shift as a real time",
            "shifts.tue": "The finish of Tuesday's first shift must be after its start (6pm)",
            "shifts.wed": "Wednesday's shifts 9am to midday and 11am to 1pm overlap: "
            "enter each time the child works once",
        }
    }


def test_an_unknown_day_and_a_missing_answer(client, tokens) -> None:
    proposal = {"age": 14, "period": "term", "shifts": {"someday": []}}
    response = client.post(CHECK, json=proposal, headers=tokens.headers())
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "occupation": "Enter the job the child will do, as a code from the list of occupations",
        "shifts": "Enter days as mon, tue, wed, thu, fri, sat or sun",
    }


def test_a_body_that_is_not_a_json_object(client, tokens) -> None:
    response = client.post(CHECK, content=b"[1, 2]", headers=tokens.headers())
    assert response.status_code == 400
    assert response.json() == {"error": "The request body must be a JSON object"}


def test_an_unknown_check_is_404(client, tokens) -> None:
    for path in ("/api/v1/rules/dog-walking/check", "/api/v1/rules/child-employment/pets"):
        response = client.post(path, json=body(), headers=tokens.headers())
        assert response.status_code == 404, path
        assert set(response.json()) == {"error"}
    assert (
        client.get("/api/v1/rules/dog-walking/occupations", headers=tokens.headers()).status_code
        == 404
    )


def test_the_check_needs_a_token(client) -> None:
    assert client.post(CHECK, json=body()).status_code == 401


def test_the_occupation_list(client, tokens) -> None:
    response = client.get(OCCUPATIONS, headers=tokens.headers("services:read"))
    assert response.status_code == 200
    answer = response.json()
    assert answer["check"] == "child-employment" and answer["name"] == "occupations"
    by_code = {item["code"]: item for item in answer["items"]}
    assert by_code["newspaper_delivery"]["allowed_from_age"] == 13
    assert by_code["waiting_staff"]["allowed_from_age"] == 14
    kitchen = by_code["commercial_kitchen"]
    assert kitchen["prohibited"] is True and kitchen["allowed_from_age"] is None
    assert set(kitchen) == {"code", "name", "category", "allowed_from_age", "prohibited", "note"}


def test_the_hours_list(client, tokens) -> None:
    response = client.get(HOURS, headers=tokens.headers())
    assert response.status_code == 200
    bands = response.json()["items"]
    assert [
        (b["from_age"], b["to_age"], b["saturday_hours"], b["holiday_week_hours"]) for b in bands
    ] == [
        (13, 14, 5, 25),
        (15, 16, 8, 35),
    ]


def test_the_openapi_document_gives_the_checks_body(client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/rules/child-employment/check"]["post"]
    assert operation["security"] == [{"bearerAuth": ["services:read"]}]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert schema["required"] == ["age", "period", "occupation", "shifts"]
    assert schema["properties"]["period"]["enum"] == ["term", "holiday"]
    assert {"200", "422", "401", "403"} <= set(operation["responses"])
    assert "/rules/child-employment/occupations" in document["paths"]
