"""What the contract test needs to drive any declared service through every channel.

Nothing here names a service. Sample answers come from the service's own
``samples.application(session)`` (the module beside its declaration); from them this module
makes each channel's input: the web form's fields step by step, the paper form's one page,
the JSON API's body. Workflow paths are found from the declared transitions.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from types import ModuleType
from typing import Any

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from casework import applications, db
from casework.catalogue import all_services
from casework.declaration import ServiceDeclaration, answers_at
from casework.models import Case
from casework.questions import (
    CheckboxesQuestion,
    ConsentQuestion,
    DateQuestion,
    Question,
    Step,
    WeeklyScheduleQuestion,
    YesNoQuestion,
)
from casework.workflow import (
    SYSTEM,
    Actor,
    ActorKind,
    Transition,
    apply_transition,
    authoriser_role,
)
from tests.conftest import csrf_token, error_messages

SAMPLE_REASON = "A reason an officer would give, for the contract test."

# --- Parametrising over the catalogue ---------------------------------------------------


def each_service(where: Callable[[ServiceDeclaration], bool] = lambda service: True):
    """Parametrise a test over the declared services (those ``where`` picks), by slug, so a
    service that forgets something fails under its own name."""
    chosen = [service for service in all_services() if where(service)]
    return pytest.mark.parametrize("service", chosen, ids=[s.slug for s in chosen])


def online(service: ServiceDeclaration) -> bool:
    return service.apply_online


def on_paper(service: ServiceDeclaration) -> bool:
    return service.paper_form


# --- Sample answers ---------------------------------------------------------------------


def _declaring_package(service: ServiceDeclaration) -> str:
    """The package of the module that declares the service (its folder)."""
    found: list[str] = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("casework.services.") or module is None:
            continue
        if any(value is service for value in vars(module).values()):
            found.append(name)
    assert found, f"{service.slug} is not declared in a module under casework/services/"
    name = min(found, key=lambda n: (not n.endswith(".declaration"), n))
    module = sys.modules[name]
    return name if hasattr(module, "__path__") else name.rpartition(".")[0]


def samples_module(service: ServiceDeclaration) -> ModuleType:
    package = _declaring_package(service)
    try:
        return importlib.import_module(f"{package}.samples")
    except ModuleNotFoundError as exc:
        if exc.name != f"{package}.samples":
            raise
        raise AssertionError(
            f"{service.slug} has no {package}.samples module with application(session) "
            "giving a whole valid application (docs/adding-a-service.md)"
        ) from None


def sample_answers(service: ServiceDeclaration) -> dict[str, Any]:
    """A whole, valid application for the service, as the JSON API takes it."""
    with db.transaction() as session:
        answers = samples_module(service).application(session)
        # The sample must itself be valid, or every channel's failure would mislead.
        service.validate(session, answers)
    return answers


def submit_sample(service: ServiceDeclaration) -> str:
    """A case made from the sample answers, as any channel would make it; its reference."""
    answers = sample_answers(service)
    with db.transaction() as session:
        application = service.validate(session, answers)
        case, _ = applications.submit(session, service, application, channel="api", actor=SYSTEM)
        return case.reference


def load_case(reference: str) -> Case:
    from casework import cases

    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        assert case is not None, reference
        session.expunge(case)
        return case


# --- Form fields for the web and paper forms --------------------------------------------


def question_fields(question: Question, name: str, value: Any) -> dict[str, Any]:
    """The form fields a browser sends for one stored answer."""
    if value is None:
        return {}
    if isinstance(question, DateQuestion):
        parsed = value if isinstance(value, date) else date.fromisoformat(str(value))
        return {
            f"{name}-day": str(parsed.day),
            f"{name}-month": str(parsed.month),
            f"{name}-year": str(parsed.year),
        }
    if isinstance(question, WeeklyScheduleQuestion):
        return {
            f"{name}-{day}-{part}": times[part]
            for day, times in (value or {}).items()
            for part in ("start", "end")
        }
    if isinstance(question, CheckboxesQuestion):
        return {name: list(value)}
    if isinstance(question, YesNoQuestion):
        return {name: "yes" if value else "no"}
    if isinstance(question, ConsentQuestion):
        return {name: "yes"} if value else {}
    return {name: str(value)}


def step_fields(step: Step, answers: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for question in step.all_questions():
        if question.name in answers:
            fields.update(
                question_fields(question, f"{prefix}{question.name}", answers[question.name])
            )
    return fields


def paper_fields(service: ServiceDeclaration, answers: dict[str, Any]) -> dict[str, Any]:
    """The officer's one-page form: repeated items are named "<list>.<n>.<field>"."""
    fields: dict[str, Any] = {}
    for step in service.steps:
        if step.repeat:
            for number, item in enumerate(answers.get(step.repeat.key) or []):
                fields.update(step_fields(step, item, prefix=f"{step.repeat.key}.{number}."))
        else:
            fields.update(step_fields(step, answers))
    return fields


# --- Driving the web journey ------------------------------------------------------------


def apply_url(service: ServiceDeclaration, *parts: str) -> str:
    return "/".join((f"/apply/{service.slug}", *parts))


def post_form(client: TestClient, path: str, data: dict[str, Any]):
    page = client.get(path)
    assert page.status_code == 200, f"GET {path}: {page.status_code}"
    return client.post(
        path, data={**data, "csrf_token": csrf_token(page.text)}, follow_redirects=False
    )


def _moved_on(response, what: str) -> None:
    assert response.status_code == 303, (
        f"{what} was not accepted ({response.status_code}): {error_messages(response.text)}"
    )


def answer_every_step(client: TestClient, service: ServiceDeclaration, answers: dict) -> None:
    """Post each step's sample answers as a browser without JavaScript would."""
    for step in service.steps:
        if step.repeat:
            for number, item in enumerate(answers.get(step.repeat.key) or [], start=1):
                response = post_form(
                    client, apply_url(service, step.slug, "new"), step_fields(step, item)
                )
                _moved_on(response, f"{step.slug} item {number}")
            response = post_form(
                client, apply_url(service, step.slug, "summary"), {"add_another": "no"}
            )
            _moved_on(response, f"{step.slug} (add another: no)")
        else:
            response = post_form(client, apply_url(service, step.slug), step_fields(step, answers))
            _moved_on(response, f"step {step.slug}")


def submit_check_answers(client: TestClient, service: ServiceDeclaration) -> str:
    """Accept and send from check-your-answers; the new case's reference."""
    path = apply_url(service, "check-answers")
    page = client.get(path)
    assert page.status_code == 200, f"check-your-answers: {page.status_code}"
    key = BeautifulSoup(page.text, "html.parser").find("input", {"name": "submission_key"})
    data = {"csrf_token": csrf_token(page.text)}
    if key is not None:
        data["submission_key"] = key["value"]
    response = client.post(path, data=data, follow_redirects=False)
    _moved_on(response, "check-your-answers")
    return response.headers["location"].rstrip("/").rsplit("/", 1)[1]


# --- Reading pages ----------------------------------------------------------------------


def text_of(html: str) -> str:
    """The page's words as a person reads them, whitespace collapsed."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" ")).strip()


def visible(words: str, page_text: str) -> bool:
    return re.sub(r"\s+", " ", words).strip() in page_text


def missing_words(expected: Iterable[str], page_text: str) -> list[str]:
    return [words for words in expected if words and not visible(words, page_text)]


# --- The workflow as a graph ------------------------------------------------------------


def reachable_states(service: ServiceDeclaration) -> set[str]:
    workflow = service.workflow
    seen = {workflow.initial}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        for transition in workflow.transitions:
            if state in transition.sources and transition.target not in seen:
                seen.add(transition.target)
                queue.append(transition.target)
    return seen


def path_to(service: ServiceDeclaration, wanted: Iterable[str]) -> list[Transition] | None:
    """The shortest list of moves from the initial state to one of ``wanted``."""
    wanted = set(wanted)
    workflow = service.workflow
    paths: dict[str, list[Transition]] = {workflow.initial: []}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        if state in wanted:
            return paths[state]
        for transition in workflow.transitions:
            if state in transition.sources and transition.target not in paths:
                paths[transition.target] = [*paths[state], transition]
                queue.append(transition.target)
    return None


def actor(service: ServiceDeclaration, kind: ActorKind) -> Actor:
    """The move's declared kind of actor. The officer is also authorised for the service's
    statutory decisions; with no id, it never counts as the officer who prepared the case
    (the two-officer rule is each service's own tests' concern)."""
    if kind == "system":
        return SYSTEM
    roles = (
        frozenset({service.slug, authoriser_role(service.slug)})
        if kind == "officer"
        else frozenset()
    )
    return Actor(kind=kind, label=f"Contract test ({kind})", id=None, roles=roles)


def move(service: ServiceDeclaration, reference: str, transitions: Iterable[Transition]) -> None:
    """Make each move in turn, as its declared actor, giving a reason where one is needed."""
    from casework import cases

    for transition in transitions:
        with db.transaction() as session:
            case = cases.by_reference(session, reference)
            assert case is not None
            _send_sample_evidence(session, service, case, transition)
            apply_transition(
                session,
                service,
                case.id,
                transition.name,
                actor(service, transition.by),
                reason=SAMPLE_REASON if transition.needs_reason else None,
            )


def _send_sample_evidence(
    session, service: ServiceDeclaration, case: Case, transition: Transition
) -> None:
    """The move an upload makes (``Evidence.fires``) comes after the upload, as on the
    account page: a service whose later moves need the file (e.g. a photo to print on a
    card) gives sample files as ``samples.evidence()``, [(filename, bytes)]."""
    from casework import documents

    if service.evidence is None or transition.name != service.evidence.fires:
        return
    files = getattr(samples_module(service), "evidence", None)
    for filename, content in files() if files else ():
        documents.store(session, case, filename, content, actor(service, transition.by))


def case_in(service: ServiceDeclaration, state: str) -> str:
    """A sample case moved to ``state`` by the declared transitions; its reference."""
    path = path_to(service, {state})
    assert path is not None, f"{service.slug}: state {state} cannot be reached"
    reference = submit_sample(service)
    move(service, reference, path)
    return reference


def second_factors(service: ServiceDeclaration, answers: dict[str, Any]) -> list[str]:
    assert service.status_check is not None
    return [
        str(value)
        for path in service.status_check.paths
        for value in answers_at(answers, path)
        if value not in (None, "")
    ]


def another_like(value: str) -> str:
    """A different value of the same kind (a date a day later, another email address …)."""
    try:
        return (date.fromisoformat(value) + timedelta(days=1)).isoformat()
    except ValueError:
        pass
    if "@" in value:
        return "someone.else." + value
    if value[-1:].isdigit():
        return value[:-1] + str((int(value[-1]) + 1) % 10)
    return value + "X"
