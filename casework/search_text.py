"""The words an officer may look a case up by, kept on the case so the queue can search.

Each service stores its answers in its own shape, so the queue cannot search "the name" or
"the postcode" in JSON it does not know. The service's declared questions say which answers
identify someone (names, emails, NI and NASS numbers, postcodes, mobiles); their values go
into one lower-cased text column at submission, which every service's queue searches alike.
"""

from __future__ import annotations

import re
from typing import Any

from casework.declaration import ServiceDeclaration
from casework.questions.base import Question
from casework.questions.kinds import (
    EmailQuestion,
    MobileQuestion,
    NameQuestion,
    NassQuestion,
    NationalInsuranceQuestion,
    PostcodeQuestion,
)

# The kinds of answer that identify a person or a household.
SEARCHABLE = (
    NameQuestion,
    EmailQuestion,
    MobileQuestion,
    NassQuestion,
    NationalInsuranceQuestion,
    PostcodeQuestion,
)
# Answers written with spaces people may leave out (postcodes, NI numbers) are stored both
# ways, so "nt11aa" and "NT1 1AA" both find "NT1 1AA".
_SPACED = (PostcodeQuestion, NationalInsuranceQuestion)
# Separates values so a search never matches across two of them.
SEPARATOR = " | "
_SPACES = re.compile(r"\s+")


def _values(questions: tuple[Question, ...], answers: dict[str, Any]) -> list[str]:
    names: list[str] = []
    others: list[str] = []
    for question in questions:
        if not isinstance(question, SEARCHABLE):
            continue
        value = answers.get(question.name)
        if not isinstance(value, str) or not value.strip():
            continue
        value = _SPACES.sub(" ", value.strip().lower())
        if isinstance(question, NameQuestion):
            names.append(value)  # a step's names read as one: "jane smith"
            continue
        others.append(value)
        if isinstance(question, _SPACED) and " " in value:
            others.append(value.replace(" ", ""))
    return ([" ".join(names)] if names else []) + others


def search_text(service: ServiceDeclaration, answers: dict[str, Any]) -> str:
    """The case's identifying answers, lower-cased (the reference has its own column)."""
    parts: list[str] = []
    for step in service.steps:
        questions = step.all_questions()
        if step.repeat is None:
            parts.extend(_values(questions, answers))
            continue
        for item in answers.get(step.repeat.key) or []:
            if isinstance(item, dict):
                parts.extend(_values(questions, item))
    return SEPARATOR.join(part for part in parts if part)


def pattern(term: str) -> list[str]:
    """LIKE patterns for what an officer typed: as typed, and without its spaces."""
    cleaned = _SPACES.sub(" ", term.strip().lower())
    if not cleaned:
        return []
    escaped = [re.sub(r"([\\%_])", r"\\\1", text) for text in {cleaned, cleaned.replace(" ", "")}]
    return [f"%{text}%" for text in sorted(escaped)]
