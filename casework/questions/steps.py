"""Steps (one page of questions), "add another" lists, and a service's whole form.

The pydantic models every channel validates with are built here from the declared
questions, so a question's checks and messages are written once: the web page, the paper
form, the JSON API (and its schema) and the assistant all use the same model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from casework.fields import FormModel, fail
from casework.questions.base import FormContext, Question, Row

# Cross-question checks: given the step's (or application's) valid answers, the errors by
# field path ("email", "items.0.first_name"); an empty dict when all is well.
Check = Callable[[dict[str, Any], FormContext], dict[str, str]]


def context_of(info: ValidationInfo) -> FormContext:
    context = info.context if isinstance(info.context, dict) else {}
    form = context.get("form")
    if form is None:
        form = FormContext()
        if isinstance(info.context, dict):
            info.context["form"] = form
    return form


def validation_context(context: FormContext) -> dict[str, Any]:
    return {"form": context}


def conditions(questions: tuple[Question, ...]) -> dict[str, tuple[str, str]]:
    """When each conditional question is asked: its ``shown_if``, or the choice revealing it.

    A question revealed under a choice is only asked (and checked) when that choice is
    picked, so an unpicked choice's question never fails an answer.
    """
    found: dict[str, tuple[str, str]] = {}
    for question in questions:
        if question.shown_if:
            found[question.name] = question.shown_if
        for choice in getattr(question, "choices", ()):
            for revealed in choice.reveals:
                found.setdefault(revealed.name, (question.name, choice.value))
        found.update(conditions(question.revealed()))
    return found


def _shown(
    question: Question, data: dict[str, Any], condition: tuple[str, str] | None = None
) -> bool:
    condition = question.shown_if or condition
    if condition is None:
        return True
    parent, wanted = condition
    answer = data.get(parent)
    if isinstance(answer, bool):
        answer = "yes" if answer else "no"
    if isinstance(answer, list):
        return wanted in answer
    return answer == wanted


def _reader(
    question: Question, condition: tuple[str, str] | None
) -> Callable[[Any, ValidationInfo], Any]:
    def read(value: Any, info: ValidationInfo) -> Any:
        if not _shown(question, info.data, condition):
            return question.default
        return question.read(value, context_of(info))

    return read


def flatten(questions: tuple[Question, ...]) -> Iterator[Question]:
    """Questions in the order they are asked: each followed by those its choices reveal."""
    for question in questions:
        yield question
        yield from flatten(question.revealed())


def build_model(
    name: str,
    questions: tuple[Question, ...],
    *,
    base: type[BaseModel] = FormModel,
    check: Check | None = None,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    lists: dict[str, tuple[type[BaseModel], Repeat]] | None = None,
    partial_checks: tuple[type[BaseModel], ...] = (),
    doc: str = "",
) -> type[BaseModel]:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__, "__doc__": doc or None}
    asked_when = conditions(questions)
    for question in flatten(questions):
        annotations[question.name] = Annotated[
            question.annotation, BeforeValidator(_reader(question, asked_when.get(question.name)))
        ]
        default = question.default
        # A list or dict default is made afresh for each answer, never shared.
        made = (
            {"default_factory": type(default)}
            if isinstance(default, list | dict)
            else {"default": default}
        )
        namespace[question.name] = Field(
            **made,
            title=question.title,
            description=question.hint or None,
            json_schema_extra=question.schema_extra(),
        )
    for key, (item_model, repeat) in (lists or {}).items():
        annotations[key] = Annotated[list[item_model], BeforeValidator(_count(repeat))]  # type: ignore[valid-type]
        namespace[key] = Field(default_factory=list, title=repeat.plural.capitalize())
    namespace["__annotations__"] = annotations
    if prepare is not None:

        def _prepare(cls: type[BaseModel], data: Any) -> Any:
            return prepare(dict(data)) if isinstance(data, dict) else data

        namespace["prepare_answers"] = model_validator(mode="before")(_prepare)
    if check is not None:

        def _check(cls: type[BaseModel], data: Any, handler: Any, info: ValidationInfo) -> Any:
            try:
                model = handler(data)
            except ValidationError as exc:
                # Another step's answers failed, so the cross-question checks did not run;
                # each step's own check still does, so a one-page form shows every error.
                if not partial_checks:
                    raise
                details = _details(exc)
                seen = {tuple(detail["loc"]) for detail in details}
                for step_model in partial_checks:
                    try:
                        step_model.model_validate(data, context=info.context)
                    except ValidationError as step_exc:
                        for detail in _details(step_exc):
                            if tuple(detail["loc"]) not in seen:
                                details.append(detail)
                                seen.add(tuple(detail["loc"]))
                raise ValidationError.from_exception_data(cls.__name__, details) from None
            errors = check(model.model_dump(mode="json"), context_of(info))
            if errors:
                raise ValidationError.from_exception_data(
                    cls.__name__,
                    [
                        InitErrorDetails(
                            type=PydanticCustomError("govuk", message),
                            loc=tuple(int(p) if p.isdigit() else p for p in path.split(".")),
                            input=None,
                        )
                        for path, message in errors.items()
                    ],
                )
            return model

        namespace["check_answers"] = model_validator(mode="wrap")(_check)
    return type(name, (base,), namespace)


def _details(exc: ValidationError) -> list[InitErrorDetails]:
    """A validation error's line errors, ready to raise again with others."""
    return [
        InitErrorDetails(
            type=PydanticCustomError(
                error["type"], error["msg"].replace("{", "{{").replace("}", "}}")
            ),
            loc=error["loc"],
            input=error.get("input"),
        )
        for error in exc.errors()
    ]


def _count(repeat: Repeat) -> Callable[[Any], Any]:
    def count(value: Any) -> Any:
        if value in (None, ""):
            value = []
        if isinstance(value, list):
            if len(value) < repeat.min_items:
                raise fail(f"Add at least one {repeat.noun}")
            if len(value) > repeat.max_items:
                raise fail(
                    f"You can add up to {repeat.max_items} {repeat.plural} on one application"
                )
        return value

    return count


@dataclass(frozen=True)
class Repeat:
    """An "add another" list: the step is asked once per item, stored as a list."""

    key: str  # the answer key holding the list, e.g. "employers"
    noun: str  # one item, e.g. "employer"
    plural: str  # e.g. "employers"
    # An item's title and one-line description for summaries, e.g. ("Sam Smith", "Born …").
    summary: Callable[[dict[str, Any], FormContext], tuple[str, str]]
    max_items: int = 10
    min_items: int = 1


@dataclass(frozen=True)
class Step:
    """One page of the web journey (one section of the paper form): a slug, a title and
    its questions. A step with one question makes that question the page's heading."""

    slug: str
    title: str
    questions: tuple[Question, ...]
    # A paragraph under the heading, for what the questions need explaining.
    intro: str = ""
    repeat: Repeat | None = None
    check: Check | None = None
    # Makes sense of answers before they are checked (e.g. infer a choice from what is given).
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # Rows for check-your-answers in place of one per question (e.g. an address on one line).
    rows: Callable[[dict[str, Any], FormContext], list[tuple[str, str]]] | None = None
    # A bespoke page template, only where the one question template cannot serve.
    template: str | None = None
    # Only some channels ask it: e.g. ("web",) for a web-only consent wording.
    model: type[BaseModel] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = "".join(part.title() for part in self.slug.replace("-", "_").split("_"))
        object.__setattr__(
            self,
            "model",
            build_model(
                name or "Step",
                self.questions,
                check=self.check,
                prepare=self.prepare,
                doc=self.title,
            ),
        )

    @property
    def repeat_field(self) -> str | None:
        return self.repeat.key if self.repeat else None

    def all_questions(self) -> tuple[Question, ...]:
        return tuple(flatten(self.questions))

    def field_names(self) -> tuple[str, ...]:
        return tuple(question.name for question in self.all_questions())

    def answer_rows(self, answers: dict[str, Any], context: FormContext) -> list[Row]:
        if self.repeat:
            return [
                Row(*self.repeat.summary(item, context), self.slug, item=number)
                for number, item in enumerate(answers.get(self.repeat.key) or [], start=1)
            ]
        if self.rows:
            return [Row(label, value, self.slug) for label, value in self.rows(answers, context)]
        asked_when = conditions(self.questions)
        return [
            Row(
                question.title,
                question.display(answers.get(question.name), context),
                self.slug,
                field_names=(question.name,),
            )
            for question in self.all_questions()
            if _shown(question, answers, asked_when.get(question.name))
        ]


@dataclass(frozen=True)
class Form:
    """A service's questions: its steps in order, and the model for a whole application."""

    steps: tuple[Step, ...]
    # Checks across steps, run on a whole application (errors by field path).
    check: Check | None = None
    # Answers only machines send (e.g. the assistant's transcript): a model whose fields
    # the application model gets as well.
    extra: type[BaseModel] | None = None
    application_model: type[BaseModel] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        slugs = [step.slug for step in self.steps]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"Step slugs repeat: {slugs}")
        names = [name for step in self.steps if not step.repeat for name in step.field_names()]
        if len(set(names)) != len(names):
            raise ValueError(f"Question names repeat across steps: {names}")
        plain = tuple(q for step in self.steps if not step.repeat for q in step.questions)
        lists = {step.repeat.key: (step.model, step.repeat) for step in self.steps if step.repeat}
        checks = [step.check for step in self.steps if step.check and not step.repeat]
        if self.check:
            checks.append(self.check)
        prepares = [step.prepare for step in self.steps if step.prepare and not step.repeat]

        def check_all(answers: dict[str, Any], context: FormContext) -> dict[str, str]:
            errors: dict[str, str] = {}
            for check in checks:
                for path, message in check(answers, context).items():
                    errors.setdefault(path, message)
            return errors

        def prepare_all(answers: dict[str, Any]) -> dict[str, Any]:
            for prepare in prepares:
                answers = prepare(answers)
            return answers

        object.__setattr__(
            self,
            "application_model",
            build_model(
                "Application",
                plain,
                base=self.extra or FormModel,
                check=check_all if checks else None,
                prepare=prepare_all if prepares else None,
                lists=lists,
                partial_checks=tuple(
                    step.model for step in self.steps if step.check and not step.repeat
                ),
            ),
        )

    def step(self, slug: str) -> Step:
        for step in self.steps:
            if step.slug == slug:
                return step
        raise KeyError(slug)

    def answer_rows(self, answers: dict[str, Any], context: FormContext) -> list[Row]:
        return [row for step in self.steps for row in step.answer_rows(answers, context)]

    def first_step_with_error(self, errors: dict[str, str]) -> Step:
        failing = {path.split(".")[0] for path in errors}
        for step in self.steps:
            if step.repeat and step.repeat.key in failing:
                return step
            if failing & set(step.field_names()):
                return step
        return self.steps[0]

    def field_order(self) -> dict[str, tuple[int, list[str]]]:
        """Field name → (its place in the journey, an item's own fields for a list)."""
        order: dict[str, tuple[int, list[str]]] = {}
        for step in self.steps:
            if step.repeat:
                order.setdefault(step.repeat.key, (len(order), list(step.field_names())))
            else:
                for name in step.field_names():
                    order.setdefault(name, (len(order), []))
        return order
