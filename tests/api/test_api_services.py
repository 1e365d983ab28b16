"""GET /api/v1/services: the catalogue, as every channel reads it."""

from __future__ import annotations

from casework.catalogue import all_services, get_service
from casework.settings import get_settings


def test_lists_every_service_with_how_to_apply(client, tokens) -> None:
    response = client.get("/api/v1/services", headers=tokens.headers("services:read"))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    services = response.json()["services"]
    assert [s["slug"] for s in services] == [s.slug for s in all_services() if s.apply_online]
    fsm = next(s for s in services if s["slug"] == "free-school-meals")
    assert fsm["name"] == "Free school meals"
    assert fsm["summary"]
    assert "Universal Credit" in fsm["eligibility_summary"]
    assert fsm["key_dates"] and set(fsm["key_dates"][0]) == {"label", "description"}
    assert fsm["apply_url"] == f"{get_settings().public_base_url}/apply/free-school-meals"
    assert fsm["reference_prefix"] == "FSM"
    assert fsm["steps_url"].endswith("/api/v1/services/free-school-meals/steps")


def test_each_service_says_what_its_status_look_up_and_quick_check_ask_for(client, tokens) -> None:
    services = client.get("/api/v1/services", headers=tokens.headers("services:read")).json()

    for listed in services["services"]:
        declared = get_service(listed["slug"])
        if declared.status_check is None:
            assert listed["status_check"] is None
        else:
            assert listed["status_check"]["prompt"] == declared.status_check.prompt
            assert listed["status_check"]["component"] == declared.status_check.question.component
        if declared.quick_check is None:
            assert listed["quick_check"] is None
        else:
            assert listed["quick_check"]["consent"] == declared.quick_check.consent
