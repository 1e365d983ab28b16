"""The child performance checks over the JSON API: the schedule validator and "does it need
a licence?", their lists, and malformed bodies as 422s with a message on each field.

The API dates what is in force (and what is in the past) by today's date, so the schedules
here are placed relative to it; no assertion depends on the time of day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

SCHEDULE = "/api/v1/rules/performance/check"
LICENCE_NEEDED = "/api/v1/rules/performance-licence-needed/check"


def in_days(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def schedule_body(**changes: Any) -> dict[str, Any]:
    first_day = {
        "date": in_days(60),
        "at_venue": [["09:00", "17:00"]],
        "performing": [["10:00", "11:30"], ["14:00", "15:00"]],
        "school_day": True,
        "education_hours": 3,
        "night_work": False,
    }
    return {
        "age": 9,
        "days": [{**first_day, **changes}],
        "chaperone": {"children": 10, "is_tutor": False},
    }


def test_a_legal_schedule(client, tokens):
    response = client.post(SCHEDULE, json=schedule_body(), headers=tokens.headers("services:read"))
    assert response.status_code == 200
    assert response.json() == {"legal": True, "breaches": []}


def test_each_breach_has_a_stable_code_and_a_plain_message(client, tokens):
    body = schedule_body(at_venue=[["06:30", "17:00"]], performing=[["10:00", "13:00"]])
    body["chaperone"] = {"children": 4, "is_tutor": True}
    response = client.post(SCHEDULE, json=body, headers=tokens.headers())
    assert response.status_code == 200
    answer = response.json()
    assert answer["legal"] is False
    assert [breach["rule"] for breach in answer["breaches"]] == [
        "too_early",
        "venue_hours",
        "continuous_performing",
        "chaperone_ratio",
    ]
    assert answer["breaches"][0]["message"].startswith(
        "A 9-year-old cannot be at the venue before 7am."
    )


def test_short_notice_is_a_warning_not_a_breach(client, tokens):
    response = client.post(SCHEDULE, json=schedule_body(date=in_days(20)), headers=tokens.headers())
    answer = response.json()
    assert answer["legal"] is True
    assert [warning["rule"] for warning in answer["warnings"]] == ["short_notice"]
    assert "less than 21 days before the first performance" in answer["warnings"][0]["message"]


def test_a_malformed_schedule_is_a_422_with_a_message_on_each_field(client, tokens):
    body = schedule_body(performing=[["10:00", "11:30"], ["11:00", "12:00"]])
    body["days"].append({**body["days"][0], "date": in_days(-1), "performing": []})
    response = client.post(SCHEDULE, json=body, headers=tokens.headers())
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "days.0.performing.1": "Performing times 10:00 to 11:30 and 11:00 to 12:00 overlap",
        "days.1.date": "Date must be today or in the future",
    }
    times = client.post(
        SCHEDULE, json=schedule_body(at_venue=[["nine", "17:00"]]), headers=tokens.headers()
    )
    assert times.status_code == 422
    assert times.json()["errors"] == {
        "days.0.at_venue.0": "Enter the start time as a time, like 7:30am or 16:00"
    }


def test_the_checks_need_a_token(client):
    assert client.post(SCHEDULE, json=schedule_body()).status_code == 401
    assert client.post(LICENCE_NEEDED, json={}).status_code == 401


def test_the_age_bands_in_force(client, tokens):
    response = client.get("/api/v1/rules/performance/age-bands", headers=tokens.headers())
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(item["from_age"], item["to_age"]) for item in items] == [(0, 4), (5, 8), (9, 16)]
    assert items[0]["summary"] == (
        "A child aged 0 to 4 can be at the venue between 7am and 10pm, for at most 5 hours a "
        "day. They can perform or rehearse for at most 2 hours a day, and for at most 30 "
        "minutes without a break."
    )


def test_a_school_play_needs_no_licence(client, tokens):
    body = {
        "kind": "charged",
        "paid_beyond_expenses": False,
        "needs_absence_from_school": False,
        "arranged_by_school": True,
    }
    response = client.post(LICENCE_NEEDED, json=body, headers=tokens.headers("services:read"))
    assert response.status_code == 200
    answer = response.json()
    assert answer["legal"] is True and answer["breaches"] == []
    assert answer["licence_needed"] is False
    assert answer["exemption"] == "school"
    assert answer["explanation"].startswith("The child does not need a licence.")


def test_missing_time_off_school_needs_a_licence(client, tokens):
    body = {
        "kind": "broadcast_or_recorded",
        "paid_beyond_expenses": False,
        "needs_absence_from_school": True,
    }
    answer = client.post(LICENCE_NEEDED, json=body, headers=tokens.headers()).json()
    assert (answer["licence_needed"], answer["exemption"]) == (True, None)


def test_licence_needed_questions_missing_are_a_422(client, tokens):
    response = client.post(LICENCE_NEEDED, json={"kind": "film"}, headers=tokens.headers())
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "kind": "Kind of performance must be one of: charged, licensed_premises, "
        "broadcast_or_recorded, paid_sport_or_modelling, other",
        "paid_beyond_expenses": "Say whether the child is paid more than their expenses",
        "needs_absence_from_school": "Say whether the child needs time off school",
    }


def test_the_kinds_of_performance(client, tokens):
    response = client.get(
        "/api/v1/rules/performance-licence-needed/kinds", headers=tokens.headers()
    )
    assert response.status_code == 200
    assert [item["code"] for item in response.json()["items"]] == [
        "charged",
        "licensed_premises",
        "broadcast_or_recorded",
        "paid_sport_or_modelling",
        "other",
    ]
