"""One case, as an officer sees it: answers, the service's own sections, documents,
messages, timeline and actions.

Everything service-specific comes from the declaration: the answers from its form, each
"add another" list as a table of its item questions, extra sections (e.g. eligibility
checks) from ``case_sections``, and the decision question from the workflow's transitions
(``backoffice.decision_form``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backoffice import decision_form
from backoffice.pages import page, state_of
from casework import cases, db
from casework.catalogue import find_service
from casework.declaration import ServiceDeclaration
from casework.messages import get_message
from casework.models import Case
from casework.questions import FormContext, Row
from casework.workflow import Actor, IllegalTransition
from portal.auth import require_officer
from portal.templating import LONDON, environment

TEMPLATE = "backoffice/case.html"
# Where the templates of the sections services add (``ServiceDeclaration.case_sections``) live.
SECTIONS = "backoffice/sections"

# Events that are not workflow moves, with the title the timeline shows.
EVENT_TITLES = {
    "message_delivered": "Message delivered",
    "message_failed": "Message not delivered",
    "message_fallback": "Message sent another way",
    "text_received": "Text message received",
    "attention_cleared": "Marked as dealt with",
}

CHANNELS = {
    "web": "online",
    "api": "through the API",
    "assistant": "through the assistant",
    "officer": "by an officer (paper application)",
}


CHANNEL_LABELS = {"email": "Email", "sms": "Text message", "letter": "Letter"}


def _message_title(name: str) -> str:
    try:
        return get_message(name).description
    except KeyError:  # a message no longer declared: its name is all we have
        return name


def load_case(session: Session, officer: Actor, reference: str) -> tuple[Case, ServiceDeclaration]:
    """The case and its service, or 404; 403 if the officer does not work on the service."""
    case = cases.by_reference(session, reference)
    service = find_service(case.service) if case is not None else None
    if case is None or service is None:
        raise HTTPException(404)
    if not officer.may_work_on(service.slug):
        raise HTTPException(403, "You do not have access to this service")
    return case, service


def _action_title(service: ServiceDeclaration, action: str, data: dict[str, Any]) -> str:
    if action == "submitted":
        return f"Application submitted {CHANNELS.get(data.get('channel', ''), '')}".strip()
    if action in EVENT_TITLES:
        return EVENT_TITLES[action]
    try:
        return service.workflow.transition(action).label
    except IllegalTransition:
        # Events that are not workflow moves (e.g. a document uploaded).
        return action.replace("_", " ").capitalize()


def _answers(
    service: ServiceDeclaration, answers: dict[str, Any], context: FormContext
) -> tuple[list[Row], list[dict[str, Any]]]:
    """The answers as summary rows, and each "add another" list as a table.

    A list reads best as a table of its items' answers, one column per item question,
    rather than check-your-answers' one-line summary of each item.
    """
    rows: list[Row] = []
    lists: list[dict[str, Any]] = []
    for step in service.steps:
        if step.repeat is None:
            rows.extend(step.answer_rows(answers, context))
            continue
        questions = step.all_questions()
        lists.append(
            {
                "heading": step.repeat.plural.capitalize(),
                "columns": [question.title for question in questions],
                "rows": [
                    [question.display(item.get(question.name), context) for question in questions]
                    for item in answers.get(step.repeat.key) or []
                    if isinstance(item, dict)
                ],
            }
        )
    return rows, lists


def _sections(service: ServiceDeclaration, session: Session, case: Case) -> list[Markup]:
    """The sections the service adds to its case page, each rendered from its own template
    with only what its ``load`` gives, so a section cannot come to lean on the page."""
    return [
        Markup(  # noqa: S704 - rendered by the autoescaping environment
            environment()
            .get_template(f"{SECTIONS}/{section.template}.html")
            .render(title=section.title, **section.load(session, case))
        )
        for section in service.case_sections
    ]


def case_context(session: Session, service: ServiceDeclaration, case: Case) -> dict[str, Any]:
    def label(status: str | None) -> str | None:
        return state_of(service, status).label if status else None

    events = [
        {
            "at": event.at,
            "title": _action_title(service, event.action, event.data or {}),
            "actor": event.actor_label,
            "from": label(event.from_status),
            "to": label(event.to_status),
            "reason": event.reason,
            # An officer's note for the case record (e.g. the evidence seen before an award).
            "note": (event.data or {}).get("note"),
        }
        for event in cases.events(session, case.id)
    ]
    state = state_of(service, case.status)
    answer_rows, answer_lists = _answers(service, case.answers, FormContext(session))
    messages = cases.messages(session, case.id)
    return {
        "case": case,
        "service": service,
        "state": state,
        "contacts": service.contacts(case),
        "channel": CHANNELS.get(case.channel, case.channel),
        "answer_rows": answer_rows,
        "answer_lists": answer_lists,
        # None for services whose cases come with no conversation; else its turns (maybe none).
        "conversation": service.conversation(case.answers) if service.conversation else None,
        "sections": _sections(service, session, case),
        "documents": cases.documents(session, case.id),
        "messages": messages,
        # What each message is and how it went, in words rather than its template name.
        "message_titles": {m.message_name: _message_title(m.message_name) for m in messages},
        "channel_labels": CHANNEL_LABELS,
        "texts": cases.inbound_texts(session, case.id),
        # Newest first: an officer opens a case to see what happened last.
        "events": list(reversed(events)),
        "question": decision_form.QUESTION,
        "choice_field": decision_form.CHOICE,
        "actions": decision_form.choices(service, case),
        "text_max": decision_form.TEXT_MAX,
        "today": datetime.now(LONDON).date(),  # "overdue" by the council's calendar
    }


def render_case(
    request: Request,
    officer: Actor,
    reference: str,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    with db.transaction() as session:
        case, service = load_case(session, officer, reference)
        context = case_context(session, service, case)
    context.update(errors=errors or {}, values=values or {})
    return page(request, TEMPLATE, context, officer=officer, status_code=status_code)


async def show(request: Request) -> Response:
    officer = require_officer(request)
    return render_case(request, officer, request.path_params["reference"])


async def document(request: Request) -> Response:
    officer = require_officer(request)
    document_id = request.path_params["document_id"]
    with db.transaction() as session:
        case, _ = load_case(session, officer, request.path_params["reference"])
        found = next((d for d in cases.documents(session, case.id) if d.id == document_id), None)
        if found is None:
            raise HTTPException(404)
        # The bytes are a deferred column: read them while the session is open.
        content, filename, content_type = found.content, found.filename, found.content_type
    return Response(
        content,
        media_type=content_type,
        headers={
            # Always a download, never rendered in our origin, whatever the bytes claim.
            "Content-Disposition": _attachment(filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


def _attachment(filename: str) -> str:
    # An ASCII fallback for old clients and the exact UTF-8 name (RFC 6266 / 5987).
    fallback = (
        "".join(
            ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in filename
        )
        or "document"
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


routes = [
    Route("/cases/{reference}", show, methods=["GET"]),
    Route("/cases/{reference}/documents/{document_id:int}", document, methods=["GET"]),
]
