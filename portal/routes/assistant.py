"""The assistant on the web: a conversation page that works without JavaScript.

A plain form posts each message; the portal sends it to Rasa server-side and redirects back
to the conversation (post, redirect, get), so a reload shows it and never resends. With
htmx, the same form gets back just the new messages, appended to a live log.
The conversation is stored by sender id (a random id in the session), so a reload or
another portal process shows it. If Rasa is down the page says so and offers the contact
page; the rest of the portal does not notice.
Each conversation and each client address may send only so many messages a minute
(``portal.assistant.limits``); beyond that the person gets a 429 with the error shown the
GOV.UK way and what they typed kept, and Rasa never sees the message.
"""

from __future__ import annotations

import math
import secrets
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import assistant, db, drafts
from casework.catalogue import find_service
from casework.partial_answers import usable_answers
from portal.assistant import limits, prefill, rasa
from portal.auth import require_person
from portal.csrf import checked_form
from portal.templating import is_htmx, render

SESSION_KEY = "assistant_sender"
MAX_MESSAGE_CHARACTERS = 500
UNAVAILABLE = "unavailable"


def _sender(request: Request, *, create: bool) -> str | None:
    sender = request.session.get(SESSION_KEY)
    if sender is None and create:
        sender = f"web-{secrets.token_hex(16)}"
        request.session[SESSION_KEY] = sender
    return sender


def _conversation(sender: str | None) -> list[dict[str, Any]]:
    if sender is None:
        return []
    with db.transaction() as session:
        return [
            {"id": t.id, "speaker": t.speaker, "text": t.text, "buttons": t.buttons}
            for t in assistant.recent(session, sender)
        ]


def _said(sender: str, message: str) -> str:
    """What the person said, for the transcript: a quick reply's title, not its payload."""
    if not message.startswith("/"):
        return message
    for turn in reversed(_conversation(sender)):
        for button in turn["buttons"]:
            if button.get("payload") == message:
                return str(button.get("title") or message)
        if turn["speaker"] == "assistant":
            break
    return message


def _exchange(sender: str, message: str) -> list[dict[str, Any]]:
    """Send the message to Rasa and store both sides. Raises AssistantUnavailable."""
    said = _said(sender, message)
    replies = rasa.ask(sender, message, {"channel": "web"})
    with db.transaction() as session:
        turns = [assistant.record(session, sender, "person", said)]
        for reply in replies:
            data = reply.as_dict()
            turns.append(
                assistant.record(session, sender, "assistant", data["text"], data["buttons"])
            )
        return [
            {"id": t.id, "speaker": t.speaker, "text": t.text, "buttons": t.buttons} for t in turns
        ]


async def page(request: Request) -> Response:
    sender = _sender(request, create=False)
    turns = await run_in_threadpool(_conversation, sender)
    unavailable = request.query_params.get("status") == UNAVAILABLE
    return render(
        request,
        "portal/assistant/chat.html",
        {"turns": turns, "errors": {}, "unavailable": unavailable, "value": ""},
        status_code=503 if unavailable else 200,
    )


async def _refuse(
    request: Request,
    sender: str,
    message: str,
    error: str,
    *,
    status_code: int,
    htmx_status_code: int,
) -> Response:
    """The conversation with the error, keeping what the person typed; with htmx, only the
    error, for the live region (the message box still holds the text)."""
    if is_htmx(request):
        context = {"errors": {"message": error}}
        return render(request, "portal/assistant/_error.html", context, htmx_status_code)
    turns = await run_in_threadpool(_conversation, sender)
    # A quick reply's payload ("/affirm") goes back into the box as the button's words.
    value = await run_in_threadpool(_said, sender, message)
    context = {"turns": turns, "errors": {"message": error}, "unavailable": False, "value": value}
    return render(request, "portal/assistant/chat.html", context, status_code)


def _client_address(request: Request) -> str | None:
    # Behind the load balancer uvicorn's proxy headers put the person's address here.
    return request.client.host if request.client else None


async def send(request: Request) -> Response:
    form = await checked_form(request)
    message = " ".join(str(form.get("message") or "").split())
    error = None
    if not message:
        error = "Enter a message"
    elif len(message) > MAX_MESSAGE_CHARACTERS:
        error = f"Message must be {MAX_MESSAGE_CHARACTERS} characters or fewer"
    sender = _sender(request, create=True)
    assert sender is not None
    if error:
        # htmx swaps only successful answers, so its fragment comes back as a 200.
        return await _refuse(request, sender, message, error, status_code=400, htmx_status_code=200)
    wait = await run_in_threadpool(limits.web_message, sender, _client_address(request))
    if wait:
        # A 429 for htmx too: the page's script swaps it in but keeps the message box as is.
        response = await _refuse(
            request,
            sender,
            message,
            limits.TOO_MANY_MESSAGES,
            status_code=429,
            htmx_status_code=429,
        )
        response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
        return response
    try:
        new_turns = await run_in_threadpool(_exchange, sender, message)
    except rasa.AssistantUnavailable:
        if is_htmx(request):
            # htmx swaps only successful answers; the fragment carries the notice.
            return render(request, "portal/assistant/_unavailable.html")
        return RedirectResponse(f"/assistant?status={UNAVAILABLE}#assistant-form", status_code=303)
    if is_htmx(request):
        return render(request, "portal/assistant/_turns.html", {"turns": new_turns, "latest": True})
    return RedirectResponse("/assistant#assistant-form", status_code=303)


def _continue(person_id: int, token: str) -> str | None:
    """Save a link's answers to the person's draft; the first step's URL, or None."""
    found = prefill.read(token)
    if found is None:
        return None
    slug, answers = found
    service = find_service(slug)
    if service is None or not service.apply_online:
        return None
    with db.transaction() as session:
        usable = usable_answers(session, service, answers)
        draft = drafts.get_or_create(session, person_id, service.slug)
        drafts.update(draft, usable)
    return f"/apply/{service.slug}/{service.steps[0].slug}"


async def continue_in_form(request: Request) -> Response:
    """Open the web form with what the person told the assistant filled in."""
    person_id = require_person(request)
    first_step = await run_in_threadpool(
        _continue, person_id, request.query_params.get("token", "")
    )
    if first_step is None:
        return render(request, "portal/assistant/link_expired.html")
    request.session["flash"] = {
        "title": "Your answers from the assistant",
        "text": "We have filled in what you told the assistant. Check each answer as you go.",
    }
    return RedirectResponse(first_step, status_code=303)


routes = [
    Route("/assistant", page, methods=["GET"]),
    Route("/assistant", send, methods=["POST"]),
    Route("/assistant/continue", continue_in_form, methods=["GET"]),
]
