"""Checking some of a step's answers: what the assistant has been told so far.

A step's model refuses a missing answer ("Enter your last name"), which is right for a web
page but not for a conversation that asks one question at a time. These check only the
fields given, with the step's own validators, so every message matches the web form.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.questions import FormContext, Step, validation_context


def check_step(
    session: Session, service: ServiceDeclaration, step: Step, answers: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(the given answers as stored, errors for the given answers). One is always empty."""
    model: type[BaseModel] = step.model
    given = [name for name in model.model_fields if name in answers]
    if not given:
        fields = ", ".join(model.model_fields)
        return {}, {"answers": f"Send one or more of: {fields}"}
    context = validation_context(FormContext(session))
    try:
        whole = model.model_validate(answers, context=context)
        values = whole.model_dump(mode="json")
        return {name: values[name] for name in given}, {}
    except ValidationError as exc:
        errors = {
            path: message
            for path, message in errors_from(exc).items()
            if path.split(".")[0] in given
        }
    if errors:
        return {}, errors
    # Only unanswered fields failed: check the given ones alone, in the model's order, so a
    # validator that reads an earlier field still sees it.
    validator = model.__pydantic_validator__
    # validate_assignment returns the instance it was given, typed loosely by pydantic-core.
    instance: Any = model.model_construct()
    values = {}
    for name in given:
        try:
            instance = validator.validate_assignment(instance, name, answers[name], context=context)
        except ValidationError as exc:  # pragma: no cover - the whole-step check caught it
            return {}, errors_from(exc)
        values[name] = instance.model_dump(mode="json")[name]
    return values, {}


def usable_answers(
    session: Session, service: ServiceDeclaration, answers: dict[str, Any]
) -> dict[str, Any]:
    """The answers that pass their step's checks; anything else is left for the form to ask."""
    kept: dict[str, Any] = {}
    for step in service.steps:
        if step.repeat:
            items = answers.get(step.repeat.key)
            if not isinstance(items, list):
                continue
            valid_items = []
            for item in items[: step.repeat.max_items]:
                if isinstance(item, dict):
                    values, errors = check_step(session, service, step, item)
                    if not errors and len(values) == len(step.model.model_fields):
                        valid_items.append(values)
            if valid_items:
                kept[step.repeat.key] = valid_items
            continue
        for name in step.model.model_fields:
            if name not in answers:
                continue
            values, errors = check_step(session, service, step, {name: answers[name]})
            if not errors:
                kept.update(values)
    return kept
