"""One case, as an officer sees it: answers, the service's own sections, documents,
messages, timeline and actions.

Everything service-specific comes from the declaration: the answers from its form, each
"add another" list as a table of its item questions, extra sections (e.g. eligibility
checks) from ``case_sections``, and the decision question from the workflow's transitions
(``backoffice.decision_form``).
"""

from __future__ import annotations

from datetime import date, datetime
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
from backoffice.party_answers import rows as party_rows
from casework import cases, clocks, db
from casework.catalogue import find_service
from casework.declaration import ServiceDeclaration
from casework.documents import content_type_of
from casework.message_status import DESCRIPTIONS
from casework.messages import get_message
from casework.models import Case, CaseEvent, OutboxMessage
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
    "party_requested": "Link sent",
    "party_answered": "Answers received",
}

CHANNELS = {
    "web": "online",
    "api": "through the API",
    "assistant": "through the assistant",
    "officer": "by an officer (paper application)",
    "council": "by the council's own casework",
}


CHANNEL_LABELS = {"email": "Email", "sms": "Text message", "letter": "Letter"}

# Documents a browser can show in the tab safely; anything else downloads.
INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg")
DOCUMENT_POLICY = (
    "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'"
)


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


# Events about a message's delivery: shown under the event that sent the message, not as
# events of their own, so the timeline reads as what people did.
MESSAGE_EVENTS = ("message_delivered", "message_failed", "message_fallback")


def _message_line(event: CaseEvent, by_id: dict[int, OutboxMessage]) -> str:
    """A delivery event in words: "Text message ‘Award letter’ to 07700900982: delivered"."""
    data = event.data or {}
    message = by_id.get(data.get("message_id") or 0)
    if message is None:
        return event.reason or EVENT_TITLES.get(event.action, "")
    what = (
        f"{CHANNEL_LABELS.get(message.channel, 'Message')} ‘{_message_title(message.message_name)}’"
    )
    if event.action == "message_fallback":
        return f"{what} to {message.recipient}: sent instead of a message that failed"
    status = data.get("status")
    if status:
        return (
            f"{what} to {message.recipient}: {DESCRIPTIONS.get(status, status.replace('-', ' '))}"
        )
    return f"{what} to {message.recipient}: not sent ({event.reason or 'no reason given'})"


def _timeline(
    service: ServiceDeclaration, events: list[CaseEvent], messages: list[OutboxMessage]
) -> list[dict[str, Any]]:
    """The case's events, newest first, each with the delivery news of the messages it sent."""

    def label(status: str | None) -> str | None:
        return state_of(service, status).label if status else None

    by_id = {message.id: message for message in messages}
    entries: list[dict[str, Any]] = []
    for event in events:
        if event.action in MESSAGE_EVENTS and entries:
            message = by_id.get((event.data or {}).get("message_id") or 0)
            # Under the event nearest in time to the message being queued: the event that
            # sent it (they share a transaction, milliseconds apart).
            home = (
                min(entries, key=lambda entry: abs(entry["at"] - message.created_at))
                if message is not None
                else entries[-1]
            )
            home["messages"].append(
                {
                    "title": EVENT_TITLES[event.action],
                    "at": event.at,
                    "text": _message_line(event, by_id),
                }
            )
            continue
        entries.append(
            {
                "at": event.at,
                "title": _action_title(service, event.action, event.data or {}),
                "actor": event.actor_label,
                "from": label(event.from_status),
                "to": label(event.to_status),
                "reason": event.reason,
                # An officer's note for the case record (e.g. the evidence seen before an award).
                "note": (event.data or {}).get("note"),
                "messages": [],
            }
        )
    return list(reversed(entries))


def case_context(
    session: Session, service: ServiceDeclaration, case: Case, officer: Actor
) -> dict[str, Any]:
    messages = cases.messages(session, case.id)
    events = cases.events(session, case.id)
    # The day a paper application reached the council, when an officer keyed it in later.
    received_on = next(
        (
            date.fromisoformat(event.data["received_on"])
            for event in events
            if event.action == "submitted" and (event.data or {}).get("received_on")
        ),
        None,
    )
    state = state_of(service, case.status)
    answer_rows, answer_lists = _answers(service, case.answers, FormContext(session))
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
        # Cases this one names (an enquiry about an application), to open from here.
        "named_cases": [
            {"reference": named.reference, "service": find_service(named.service)}
            for named in cases.named_in(session, case)
        ],
        "messages": messages,
        # What each message is and how it went, in words rather than its template name.
        "message_titles": {m.message_name: _message_title(m.message_name) for m in messages},
        "channel_labels": CHANNEL_LABELS,
        "texts": cases.inbound_texts(session, case.id),
        # Newest first: an officer opens a case to see what happened last.
        "events": _timeline(service, events, messages),
        "received_on": received_on,
        "question": decision_form.QUESTION,
        "choice_field": decision_form.CHOICE,
        "actions": decision_form.choices(service, case, officer),
        "text_max": decision_form.TEXT_MAX,
        "today": datetime.now(LONDON).date(),  # "overdue" by the council's calendar
        # Each statutory or target clock: its due date, how it stands and the rule.
        "clocks": clocks.views(session, {service.slug: service}, [case]).get(case.id, []),
        # Parents' and referees' links and answers (casework.parties).
        "parties": party_rows(session, service, case),
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
        context = case_context(session, service, case, officer)
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
        content, filename = found.content, found.filename
    # What the bytes are, not what was stored or claimed: only a type browsers show
    # without running anything of ours opens in the tab; anything else is a download.
    sniffed = content_type_of(content)
    inline = sniffed in INLINE_TYPES
    return Response(
        content,
        media_type=sniffed if inline else "application/octet-stream",
        headers={
            "Content-Disposition": _disposition("inline" if inline else "attachment", filename),
            "X-Content-Type-Options": "nosniff",
            # Shown in a sandbox (no scripts, no forms, an opaque origin), so even a
            # crafted file cannot act as the officer's session.
            "Content-Security-Policy": DOCUMENT_POLICY,
            "Cache-Control": "no-store",
        },
    )


def _disposition(kind: str, filename: str) -> str:
    # An ASCII fallback for old clients and the exact UTF-8 name (RFC 6266 / 5987).
    fallback = (
        "".join(
            ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in filename
        )
        or "document"
    )
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


routes = [
    Route("/cases/{reference}", show, methods=["GET"]),
    Route("/cases/{reference}/documents/{document_id:int}", document, methods=["GET"]),
]
