"""The OpenAPI 3.1 document for API v1, generated from the route table and pydantic models.

Bodies whose shape is a service's own (an application's answers, a quick check's
questions) are generated from the catalogue, one schema per service, so a new service is
documented with no edit here.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from casework.accounts import API_SCOPES
from casework.declaration import ServiceDeclaration
from casework.questions.steps import conditions
from portal.api.bodies import MAX_BODY_BYTES
from portal.api.routing import ApiRoute, ServiceBody
from portal.api.schemas import (
    RESPONSE_MODELS,
    ApplicationRequest,
    Error,
    PrefillRequest,
    StepAnswers,
    ValidationErrors,
)

SECURITY_SCHEME = "bearerAuth"
REF = "#/components/schemas/"

SCOPE_DESCRIPTIONS = {
    "services:read": "List the council's services and who qualifies.",
    "eligibility:check": "Run a service's quick eligibility check, with the person's consent.",
    "applications:write": "Submit applications.",
    "applications:read": "Read the status of an application, given its second factor.",
    "enquiries:write": "Hand a question, with the assistant's transcript, to the team.",
    "chaperones:read": "Confirm a chaperone's approval from the register, given their surname "
    "and date of birth (for other councils and licence holders).",
}


def document(
    api_routes: list[ApiRoute], services: list[ServiceDeclaration], server_url: str, council: str
) -> dict[str, Any]:
    request_models = [r.request_model for r in api_routes if r.request_model is not None]
    schemas = _component_schemas([*request_models, *RESPONSE_MODELS])
    answer_refs = []
    for service in services:
        if not service.apply_online:
            continue
        name = pascal(service.slug) + "Answers"
        schemas.update(_service_schemas(service, name))
        answer_refs.append({"$ref": REF + name})
    if answer_refs and ApplicationRequest.__name__ in schemas:
        answers = schemas[ApplicationRequest.__name__]["properties"]["answers"]
        answers.pop("additionalProperties", None)
        answers.pop("type", None)
        answers["anyOf"] = answer_refs
    _require_envelopes(schemas, [s.slug for s in services if s.apply_online])

    paths: dict[str, dict[str, Any]] = {}
    for route in api_routes:
        body_refs: list[dict[str, str]] = []
        if route.service_body is not None:
            for service in services:
                body = route.service_body(service)
                if body is not None:
                    name = pascal(service.slug) + body.suffix
                    schemas.update(_service_body_schemas(service, body, name))
                    body_refs.append({"$ref": REF + name})
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route, body_refs)

    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{council} children's services API",
            "version": "1.0.0",
            "description": "Services, their guides and form steps, quick eligibility checks, "
            "applications and their status. Send an API token issued by the council as a "
            "bearer token. Errors "
            'are `{"error": "..."}`, or `{"errors": {"field": "message"}}` for answers '
            "that need correcting.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                SECURITY_SCHEME: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token issued by the council. Each token carries "
                    "scopes: "
                    + "; ".join(f"`{s}`: {SCOPE_DESCRIPTIONS.get(s, s)}" for s in API_SCOPES),
                }
            },
        },
        "x-scopes": {scope: SCOPE_DESCRIPTIONS.get(scope, "") for scope in API_SCOPES},
    }


def _operation(route: ApiRoute, body_refs: list[dict[str, str]]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": route.summary,
    }
    if route.description:
        operation["description"] = route.description
    parameters = [
        {
            "name": p.name,
            "in": p.location,
            "required": p.required or p.location == "path",
            "description": p.description,
            "schema": _refusing_controls(p.schema) if p.location != "header" else p.schema,
        }
        for p in (*route.params, *route.headers)
    ]
    if parameters:
        operation["parameters"] = parameters
    body_schema: dict[str, Any] | None = None
    if route.request_model is not None:
        body_schema = {"$ref": REF + route.request_model.__name__}
    elif body_refs:
        body_schema = body_refs[0] if len(body_refs) == 1 else {"anyOf": body_refs}
    if body_schema is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": body_schema}},
        }

    responses: dict[int, tuple[str, type[BaseModel] | None]] = dict(route.responses)
    refused = []
    if any(p.location in ("path", "query") for p in route.params):
        refused.append("a control character (such as a null) in the address or query string")
    if route.takes_body:
        refused.append("a body that is not a JSON object")
        responses.setdefault(413, (f"The body is over {MAX_BODY_BYTES // 1024} KB.", Error))
        responses.setdefault(415, ("The body is not sent as application/json.", Error))
        responses.setdefault(
            422, ("Answers to correct, e.g. one with a control character.", ValidationErrors)
        )
    if refused:
        responses.setdefault(400, (" or ".join(refused).capitalize() + ".", Error))
    if route.scope is None:
        operation["security"] = []
    else:
        operation["security"] = [{SECURITY_SCHEME: [route.scope]}]
        operation["x-required-scope"] = route.scope
        responses.setdefault(401, ("No API token, or one that is not valid.", Error))
        responses.setdefault(403, (f"The token lacks the `{route.scope}` scope.", Error))
    operation["responses"] = {
        str(status): _response(description, model)
        for status, (description, model) in sorted(responses.items())
    }
    return operation


# Control characters are refused in the address and query string (portal.api.
# control_characters), so the document says so rather than promise any string.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u001f\\u007f]*$"


def _refusing_controls(schema: dict[str, Any]) -> dict[str, Any]:
    if schema.get("type") != "string" or "pattern" in schema:
        return schema
    return {**schema, "pattern": NO_CONTROL_CHARACTERS}


def _response(description: str, model: type[BaseModel] | None) -> dict[str, Any]:
    body: dict[str, Any] = {"description": description}
    if model is not None:
        body["content"] = {"application/json": {"schema": {"$ref": REF + model.__name__}}}
    return body


def _component_schemas(models: list[type[BaseModel]], prefix: str = "") -> dict[str, Any]:
    unique = list(dict.fromkeys(models))
    _, top = models_json_schema(
        [(model, "validation") for model in unique],
        ref_template=REF + prefix + "{model}",
    )
    # Form models give every field a default so a missing answer gets its GOV.UK message, so
    # the schemas list nothing as required; the operations' descriptions say what to send.
    return {prefix + name: schema for name, schema in top.get("$defs", {}).items()}


def _require_envelopes(schemas: dict[str, Any], slugs: list[str]) -> None:
    """Say what the envelopes need: the form models give every field a default (so a
    missing answer gets its GOV.UK message), which would leave an empty object documented
    as valid when the server refuses it."""
    # A prefill link may carry no answers yet; an application needs them.
    for model, required in (
        (ApplicationRequest, ["service", "answers"]),
        (PrefillRequest, ["service"]),
    ):
        schema = schemas.get(model.__name__)
        if schema is not None:
            schema["required"] = required
            schema["properties"]["service"]["enum"] = slugs
    step = schemas.get(StepAnswers.__name__)
    if step is not None:
        step["required"] = ["answers"]
        step["properties"]["answers"]["minProperties"] = 1


def _required_answers(service: ServiceDeclaration) -> tuple[list[str], dict[str, int]]:
    """The answers a whole application must have: each question asked of everyone (not
    optional, not revealed by a choice), and each "add another" list with its fewest items."""
    required: list[str] = []
    lists: dict[str, int] = {}
    for step in service.form.steps:
        if step.repeat is not None:
            if step.repeat.min_items:
                required.append(step.repeat.key)
                lists[step.repeat.key] = step.repeat.min_items
            continue
        conditional = conditions(step.questions)
        required.extend(
            q.name
            for q in step.all_questions()
            if not q.optional and q.shown_if is None and q.name not in conditional
        )
    return required, lists


def _service_schemas(service: ServiceDeclaration, name: str) -> dict[str, Any]:
    # Services may reuse model names ("Application", "Item"), so each gets its own prefix.
    prefix = pascal(service.slug)
    schemas = _component_schemas([service.application_model], prefix)
    main = schemas.pop(prefix + service.application_model.__name__)
    main["title"] = f"{service.name} answers"
    main["description"] = (
        f'The "answers" for service "{service.slug}". '
        + (service.application_model.__doc__ or "").strip()
    ).strip()
    required, lists = _required_answers(service)
    properties = main.get("properties", {})
    main["required"] = [field for field in required if field in properties]
    for field in main["required"]:
        # An empty answer is a missing one.
        if properties[field].get("type") == "string":
            properties[field]["minLength"] = 1
    for key, fewest in lists.items():
        if key in properties:
            properties[key]["minItems"] = fewest
    schemas[name] = main
    return schemas


def _service_body_schemas(
    service: ServiceDeclaration, body: ServiceBody, name: str
) -> dict[str, Any]:
    prefix = pascal(service.slug)
    schemas = _component_schemas([body.model], prefix)
    main = schemas.pop(prefix + body.model.__name__)
    main["title"] = f"{service.name}: {body.suffix}"
    main.setdefault("properties", {}).update(body.extra)
    if body.required:
        main["required"] = [*main.get("required", []), *body.required]
    schemas[name] = main
    return schemas


def pascal(slug: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^a-zA-Z0-9]+", slug) if part)
