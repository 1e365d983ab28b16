"""A question: one answer a service asks for, declared once with its wording and checks.

Every channel reads the same declaration: the web form runner renders it with its GOV.UK
component, the paper form and check-your-answers list it, the JSON API publishes its schema
and the assistant asks it. ``clean`` turns what a person typed into the stored answer, or
raises ``fail`` with the GOV.UK-style message they see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from casework.fields import fail


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str = ""
    # Questions shown under this choice when it is picked (GOV.UK conditional reveal).
    reveals: tuple[Question, ...] = ()


@dataclass(frozen=True)
class ChoiceSource:
    """Choices that live in the database (e.g. the council's settings), loaded once a form.

    ``load`` gives the choices a person may pick now; ``names`` labels stored values, even
    ones no longer offered (a case outlives the choice being withdrawn).
    """

    key: str
    load: Callable[[Session], list[Choice]]
    names: Callable[[Session, set[str]], dict[str, str]]
    placeholder: str = "Select an option"


class FormContext:
    """What questions need from outside the answers, loaded lazily and once per request."""

    def __init__(
        self, session: Session | None = None, earlier: dict[str, Any] | None = None
    ) -> None:
        self.session = session
        # Answers already given on the form's other steps (the web journey's draft), so a
        # check across steps can run while a person is still on one step. Empty when a
        # whole application is checked: its checks see every answer anyway.
        self.earlier: dict[str, Any] = dict(earlier or {})
        self._choices: dict[str, list[Choice]] = {}

    def choices(self, source: ChoiceSource) -> list[Choice]:
        if source.key not in self._choices:
            if self.session is None:
                raise RuntimeError(f"Validating {source.key} needs a database session")
            self._choices[source.key] = source.load(self.session)
        return self._choices[source.key]

    def names(self, source: ChoiceSource, values: set[str]) -> dict[str, str]:
        known = {c.value: c.label for c in self.choices(source) if c.value in values}
        missing = values - set(known)
        if missing and self.session is not None:
            known.update(source.names(self.session, missing))
        return known


@dataclass(frozen=True, kw_only=True)
class Question:
    """The parts every question has. Subclasses say how to read and show an answer."""

    name: str
    label: str
    hint: str = ""
    optional: bool = False
    # The message for a missing answer, e.g. "Enter your first name".
    missing: str = ""
    # Shown only when another question on the step has this answer: (question, value).
    shown_if: tuple[str, str] | None = None
    # A short label for summaries and errors where the full question is too long.
    short_label: str = ""
    # What the officer's one-page paper form calls it, if not the label.
    paper_label: str = ""
    autocomplete: str | None = None
    # A GOV.UK width class suffix: "2", "4", "10", "20", "30" or "full", "two-thirds" …
    width: str | None = None

    component: ClassVar[str] = "text"
    annotation: ClassVar[Any] = str
    default: ClassVar[Any] = ""

    @property
    def title(self) -> str:
        return self.short_label or self.label

    @property
    def missing_message(self) -> str:
        return self.missing or f"Enter {self.title[:1].lower()}{self.title[1:]}"

    def clean(self, value: Any, context: FormContext) -> Any:
        raise NotImplementedError

    def is_blank(self, value: Any) -> bool:
        if isinstance(value, dict):
            return all(not str(part or "").strip() for part in value.values())
        if isinstance(value, list | tuple):
            return not value
        return value is None or not str(value).strip()

    def read(self, value: Any, context: FormContext) -> Any:
        """The stored answer: blank optional answers are the default, others are cleaned."""
        if self.is_blank(value):
            if self.optional:
                return self.default
            raise fail(self.missing_message)
        return self.clean(value, context)

    def display(self, value: Any, context: FormContext) -> str:
        """The answer as check-your-answers and the officer's case page show it."""
        if value in (None, "", [], {}):
            return "Not given"
        return str(value)

    def schema_extra(self) -> dict[str, Any]:
        """What the JSON API's step schema says about the question beyond its type."""
        extra: dict[str, Any] = {"x-component": self.component}
        if self.optional:
            extra["x-optional"] = True
        if self.shown_if:
            extra["x-shown-if"] = {"question": self.shown_if[0], "answer": self.shown_if[1]}
        return extra

    def revealed(self) -> tuple[Question, ...]:
        """Questions nested under this one's choices (conditional reveals)."""
        return ()


@dataclass(frozen=True)
class Row:
    """One line of check-your-answers or the case page."""

    label: str
    value: str
    step: str
    # For items of an "add another" list: their position (1-based) in the list.
    item: int | None = None
    field_names: tuple[str, ...] = field(default=())
