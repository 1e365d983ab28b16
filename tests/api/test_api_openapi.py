"""GET /api/v1/openapi.json: an OpenAPI 3.1 document generated from the route table."""

from __future__ import annotations

from typing import Any

from casework.accounts import API_SCOPES
from portal.api import v1


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def _document(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_lists_every_route_with_its_scope(client) -> None:
    document = _document(client)

    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://testserver/api/v1"}]
    operations = {
        (method.upper(), path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    assert set(operations) == set(v1.SCOPES)
    for key, scope in v1.SCOPES.items():
        operation = operations[key]
        assert operation["operationId"] and operation["summary"]
        assert "200" in operation["responses"] or "201" in operation["responses"]
        if scope is None:
            assert operation["security"] == []
        else:
            assert operation["security"] == [{"bearerAuth": [scope]}]
            assert {"401", "403"} <= set(operation["responses"])


def test_describes_bearer_tokens_and_scopes(client) -> None:
    document = _document(client)

    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    for scope in API_SCOPES:
        assert scope in scheme["description"]
    assert set(document["x-scopes"]) == set(API_SCOPES)


def test_request_bodies_come_from_the_validation_models(client) -> None:
    document = _document(client)
    schemas = document["components"]["schemas"]

    check = document["paths"]["/eligibility/{service}"]["post"]
    ref = check["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/FreeSchoolMealsQuickCheck"
    question = schemas[ref.rsplit("/", 1)[1]]
    assert {
        "last_name",
        "date_of_birth",
        "national_insurance_number",
        "nass_number",
        "consent",
    } <= set(question["properties"])
    assert question["required"] == ["consent"]
    assert question["properties"]["consent"]["const"] is True

    apply = document["paths"]["/applications"]["post"]
    assert {"201", "200", "422", "400", "413"} <= set(apply["responses"])
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in apply["parameters"])
    envelope = schemas["ApplicationRequest"]
    # One answers schema per service, each from its own validation model.
    choices = envelope["properties"]["answers"]["anyOf"]
    assert {"$ref": "#/components/schemas/FreeSchoolMealsAnswers"} in choices
    assert len(choices) == len({choice["$ref"] for choice in choices})
    answers = schemas["FreeSchoolMealsAnswers"]
    assert "children" in answers["properties"]
    child = answers["properties"]["children"]["items"]["$ref"].rsplit("/", 1)[1]
    assert child.startswith("FreeSchoolMeals") and "school_urn" in schemas[child]["properties"]

    status = document["paths"]["/applications/{reference}"]["get"]
    assert {(p["name"], p["in"]) for p in status["parameters"]} == {
        ("reference", "path"),
        ("second_factor", "query"),
    }


def test_every_service_that_takes_applications_has_its_answers_schema(client) -> None:
    from casework.catalogue import all_services
    from portal.api.openapi import pascal

    schemas = _document(client)["components"]["schemas"]
    for service in all_services():
        assert (pascal(service.slug) + "Answers" in schemas) == service.apply_online
        assert (pascal(service.slug) + "QuickCheck" in schemas) == bool(service.quick_check)


def test_every_reference_resolves(client) -> None:
    document = _document(client)
    schemas = document["components"]["schemas"]
    refs = _refs(document)

    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
