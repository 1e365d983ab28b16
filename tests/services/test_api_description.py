"""The contract for how the JSON API describes a service, which partner systems and the
assistant build on: it is listed, its steps come with their schemas and check the sample's
answers one step at a time (as the assistant asks), the OpenAPI document gives the shape of
its answers, and its quick check, if it has one, runs.
"""

from __future__ import annotations

from typing import Any

from tests.services.helpers import each_service, online, sample_answers


def _question_names(service) -> dict[str, set[str]]:
    return {step.slug: set(step.field_names()) for step in service.steps}


def _step_answers(step, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """What the assistant sends to check one step: its fields (once per list item)."""
    if step.repeat:
        return [
            {k: v for k, v in item.items() if k in step.field_names()}
            for item in answers.get(step.repeat.key) or []
        ]
    return [{k: v for k, v in answers.items() if k in step.field_names()}]


@each_service()
def test_the_service_list_has_every_service_people_apply_for(api, api_headers, service):
    response = api.get("/api/v1/services", headers=api_headers("services:read"))

    assert response.status_code == 200
    listed = {entry["slug"] for entry in response.json()["services"]}
    assert (service.slug in listed) == service.apply_online


@each_service()
def test_every_step_is_described_and_checks_the_sample_answers(api, api_headers, service):
    headers = api_headers("services:read")
    answers = sample_answers(service)

    response = api.get(f"/api/v1/services/{service.slug}/steps", headers=headers)

    assert response.status_code == 200, response.text
    described = response.json()["steps"]
    assert [step["slug"] for step in described] == [step.slug for step in service.steps]
    for step, schema in zip(service.steps, described, strict=True):
        properties = set(schema["schema"]["properties"])
        missing = set(step.field_names()) - properties
        assert not missing, f"{service.slug}/{step.slug}: the schema lacks {missing}"
        for given in _step_answers(step, answers):
            checked = api.post(
                f"/api/v1/services/{service.slug}/steps/{step.slug}/validate",
                json={"answers": given},
                headers=headers,
            )
            assert checked.status_code == 200, f"{service.slug}/{step.slug}: {checked.text}"


@each_service(online)
def test_the_openapi_document_gives_the_shape_of_the_answers(api, service):
    document = api.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    answers = schemas["ApplicationRequest"]["properties"]["answers"]
    referenced = [schemas[ref["$ref"].rsplit("/", 1)[1]] for ref in answers.get("anyOf", [])]
    expected = {
        name
        for step in service.steps
        for name in ((step.repeat.key,) if step.repeat else step.field_names())
    }

    shapes = [set(schema.get("properties", {})) for schema in referenced]

    assert any(expected <= shape for shape in shapes), (
        f"{service.slug}: no answers schema in the OpenAPI document has {sorted(expected)}"
    )


@each_service(lambda service: service.quick_check is not None)
def test_the_quick_check_runs_on_the_sample_answers(api, api_headers, eligibility_service, service):
    assert service.quick_check is not None
    asked = set(service.quick_check.questions.model_fields)
    body = {k: v for k, v in sample_answers(service).items() if k in asked}

    refused = api.post(
        f"/api/v1/eligibility/{service.slug}", json=body, headers=api_headers("eligibility:check")
    )
    response = api.post(
        f"/api/v1/eligibility/{service.slug}",
        json={**body, "consent": True},
        headers=api_headers("eligibility:check"),
    )

    # Nothing is checked until the person has agreed to what the check shares.
    assert refused.status_code == 422, refused.text
    assert response.status_code == 200, response.text
    assert response.json()["outcome"]
