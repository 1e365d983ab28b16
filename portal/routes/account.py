"""A citizen's applications: the list, each case with its timeline, and sending evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import cases, db, documents, drafts, issued
from casework.catalogue import find_service, get_service
from casework.declaration import ServiceDeclaration
from casework.fields import errors_from
from casework.models import Case, CaseEvent
from casework.promises import decide_by
from casework.workflow import IllegalTransition, apply_transition
from portal.auth import citizen_actor, require_person
from portal.csrf import checked_form
from portal.downloads import attachment
from portal.templating import LONDON, is_htmx, render

# Events a citizen sees on their timeline; officers see everything in the back office.
CITIZEN_EVENTS = {"submitted", "evidence_uploaded", "document_issued"}
# Files one upload may carry (each up to documents.MAX_BYTES).
MAX_FILES = 10


def _status(case: Case) -> dict[str, Any]:
    service = get_service(case.service)
    state = service.workflow.state(case.status)
    return {
        "label": state.label,
        "colour": state.tag_colour,
        "next_step": state.next_step,
        "open": state.open,
        "service_name": service.name,
        # Ask again while the case waits in its first state for an automatic move (a check
        # that answers in seconds); any later automatic move may be hours away.
        "polling": case.status == service.workflow.initial
        and bool(service.workflow.available(case.status, "system")),
        # "We aim to decide by ...": the date the messages give too (casework.promises).
        "decide_by": decide_by(service, case),
    }


def _timeline(case: Case, events: list[CaseEvent]) -> list[dict[str, Any]]:
    service = get_service(case.service)
    entries = []
    for event in events:
        if event.to_status and event.action not in CITIZEN_EVENTS:
            title = service.workflow.state(event.to_status).label
        elif event.action == "submitted":
            title = "Application received"
        elif event.action == "evidence_uploaded":
            title = "Evidence sent"
        elif event.action == "document_issued":
            title = f"{event.data.get('title') or 'Document'} issued"
        else:
            continue
        # Reasons are shown where they are addressed to the applicant.
        shown_reason = event.reason if event.actor_kind == "officer" else None
        entries.append({"at": event.at, "title": title, "reason": shown_reason})
    return list(reversed(entries))


def _continue_url(session, slug: str, answers: dict[str, Any]) -> str:
    """Where a returning person picks up: the first step still to answer, or, when every
    step is answered, check your answers."""
    service = get_service(slug)
    try:
        service.validate(session, answers)
    except ValidationError as exc:
        step = service.form.first_step_with_error(errors_from(exc))
        return f"/apply/{slug}/{step.slug}"
    return f"/apply/{slug}/check-answers"


def _unfinished(session, person_id: int) -> list[dict[str, Any]]:
    rows = []
    for draft in drafts.unfinished(session, person_id):
        service = find_service(draft.service)
        if service is None or not service.apply_online:
            continue  # a service no longer taken online cannot be continued here
        rows.append(
            {
                "service_name": service.name,
                "updated_at": draft.updated_at,
                "continue": _continue_url(session, draft.service, dict(draft.answers)),
            }
        )
    return rows


async def list_applications(request: Request) -> Response:
    person_id = require_person(request)
    with db.transaction() as session:
        rows = [
            {"reference": c.reference, "submitted_at": c.submitted_at, **_status(c)}
            for c in cases.for_person(session, person_id)
        ]
        unfinished = _unfinished(session, person_id)
    return render(
        request,
        "portal/account/applications.html",
        {"applications": rows, "unfinished": unfinished},
    )


def _own_case(session, request: Request, person_id: int, *, applicant_only: bool = False) -> Case:
    """A case the person may see: theirs, or one they answered a part of (a parent); only
    the applicant may send evidence to it."""
    case = cases.by_reference_for_person(
        session, request.path_params["reference"], person_id, applicant_only=applicant_only
    )
    if case is None:
        # The same answer for someone else's case as for no case: nothing leaks.
        raise HTTPException(404)
    return case


def _accepts_evidence(case: Case) -> bool:
    evidence = get_service(case.service).evidence
    return evidence is not None and case.status in evidence.accepted_in


def _asked_for(case: Case, events: list[CaseEvent]) -> str | None:
    """What the officer wrote when they moved the case to where it waits for evidence."""
    asked = _asking_event(case, events)
    return asked.reason if asked is not None and asked.actor_kind == "officer" else None


def _send_by(service: ServiceDeclaration, case: Case, events: list[CaseEvent]) -> date | None:
    """The date the service gives to send evidence by, from the day it was asked for."""
    asked = _asking_event(case, events)
    if service.evidence is None or asked is None:
        return None
    return service.evidence.send_by(asked.at.astimezone(LONDON).date())


def _asking_event(case: Case, events: list[CaseEvent]) -> CaseEvent | None:
    for event in reversed(events):
        if event.to_status == case.status:
            return event
    return None


def _issued(case: Case, session, events: list[CaseEvent]) -> list[dict[str, Any]]:
    """What the council issued on the case, newest first, each named as it was issued."""
    titles = {
        event.data.get("document_id"): event.data.get("title")
        for event in events
        if event.action == "document_issued"
    }
    return [
        {
            "title": titles.get(document.id) or document.filename,
            "href": f"/account/applications/{case.reference}/documents/{document.id}",
            "size": document.size,
            "issued_at": document.uploaded_at,
        }
        for document in issued.issued_documents(session, case.id)
    ]


def _case_context(
    session, case: Case, errors: dict[str, str], person_id: int | None = None
) -> dict[str, Any]:
    service = get_service(case.service)
    events = cases.events(session, case.id)
    # Evidence is the applicant's to send, not a parent's who only consented.
    can_upload = _accepts_evidence(case) and (person_id is None or case.applicant_id == person_id)
    return {
        "case": case,
        "service": service,
        "status": _status(case),
        "timeline": _timeline(case, events),
        # What the applicant sent; what the council issued is listed (to download) apart.
        "documents": [d for d in cases.documents(session, case.id) if d.issued_kind is None],
        "issued": _issued(case, session, events),
        "errors": errors,
        "can_upload": can_upload,
        "asked_for": _asked_for(case, events) if can_upload else None,
        "send_by": _send_by(service, case, events) if can_upload else None,
        "evidence_hint": service.evidence.hint if service.evidence else "",
        "max_files": MAX_FILES,
    }


async def show_application(request: Request) -> Response:
    person_id = require_person(request)
    with db.transaction() as session:
        context = _case_context(session, _own_case(session, request, person_id), {}, person_id)
    if is_htmx(request) and request.query_params.get("fragment") == "status":
        if request.query_params.get("since") == context["case"].status:
            # Nothing new: htmx swaps nothing on 204, so the live region says nothing.
            return Response(status_code=204)
        return render(request, "portal/account/_status_update.html", context)
    return render(request, "portal/account/application.html", context)


async def _read_uploads(uploads: list[UploadFile]) -> tuple[list[tuple[str, bytes]], str | None]:
    """The files' names and contents, or the first problem with one of them."""
    if not uploads:
        return [], "Select a file"
    if len(uploads) > MAX_FILES:
        return [], f"Select up to {MAX_FILES} files at a time"
    read = []
    for upload in uploads:
        name = upload.filename or "evidence"
        content = await upload.read(documents.MAX_BYTES + 1)
        problem = documents.problem_with(name, content)
        if problem is not None:
            # With several files, say which one; the name is the person's own, shortened.
            return [], problem.replace("The selected file", name[:60]) if len(
                uploads
            ) > 1 else problem
        read.append((name, content))
    return read, None


async def upload_evidence(request: Request) -> Response:
    person_id = require_person(request)
    form = await checked_form(request)
    uploads = [
        upload
        for upload in form.getlist("evidence")
        if isinstance(upload, UploadFile) and upload.filename
    ]
    with db.transaction() as session:
        case = _own_case(session, request, person_id, applicant_only=True)
        reference = case.reference
    files, error = await _read_uploads(uploads)
    if error is None:
        actor = citizen_actor(request)
        try:
            with db.transaction() as session:
                case = _own_case(session, request, person_id, applicant_only=True)
                service = get_service(case.service)
                if service.evidence is None or not _accepts_evidence(case):
                    raise IllegalTransition(case.status)
                for name, content in files:
                    documents.store(session, case, name, content, actor)
                # An upload in the first accepting state moves the case on (e.g. back to
                # the officer who asked for it); in the others it is just kept.
                evidence = service.evidence
                if evidence.fires and case.status == evidence.accepted_in[0]:
                    apply_transition(session, service, case.id, evidence.fires, actor)
        except IllegalTransition:
            error = "We are not waiting for evidence on this application"
    if error is not None:
        with db.transaction() as session:
            case = _own_case(session, request, person_id, applicant_only=True)
            context = _case_context(session, case, {"evidence": error}, person_id)
        return render(request, "portal/account/application.html", context, status_code=400)
    request.session["flash"] = {
        "title": "Success",
        "text": "We have your evidence. An officer will look at it.",
        "type": "success",
    }
    return RedirectResponse(f"/account/applications/{reference}", status_code=303)


async def download_issued(request: Request) -> Response:
    """A document the council issued on the applicant's own case, as a download. Only
    issued documents: files other people sent about the case are not the applicant's."""
    person_id = require_person(request)
    with db.transaction() as session:
        case = _own_case(session, request, person_id)
        document = issued.issued_document(session, case.id, request.path_params["document_id"])
        if document is None:
            raise HTTPException(404)
        # The bytes are a deferred column: read them while the session is open.
        content, filename, media_type = document.content, document.filename, document.content_type
    return attachment(content, filename, media_type)


routes = [
    Route("/account/applications", list_applications),
    Route("/account/applications/{reference}", show_application),
    Route("/account/applications/{reference}/documents/{document_id:int}", download_issued),
    Route("/account/applications/{reference}/evidence", upload_evidence, methods=["POST"]),
]
