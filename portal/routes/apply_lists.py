""" "Add another" lists in the apply journey, for any step with a declared ``Repeat``.

The item page asks the step's questions once for one item; the summary lists the items
with the step's own summary line, asks whether to add another (until ``max_items``), and
each item can be changed or, after a confirmation, removed.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from casework import db
from casework.declaration import ServiceDeclaration
from casework.questions import Repeat, Step
from portal.csrf import checked_form
from portal.forms import data_to_values, loaded_context
from portal.routes import apply_drafts
from portal.routes.apply_pages import (
    back_url,
    is_changing,
    next_url,
    posted_answers,
    render_step,
    service_of,
    step_of,
    url,
)
from portal.templating import render


def _items(
    session, request: Request, person_id: int | None, service: ServiceDeclaration, repeat: Repeat
) -> list[Any]:
    answers = apply_drafts.answers(session, request, service, person_id)
    return list(answers.get(repeat.key) or [])


def _save(
    session,
    request: Request,
    person_id: int | None,
    service: ServiceDeclaration,
    repeat: Repeat,
    items,
) -> None:
    apply_drafts.save(session, request, service, person_id, {repeat.key: items})


def _index(position: str, items: list[Any]) -> int | None:
    """An item's place in the list from its 1-based number in the path; None for "new"."""
    if position == "new":
        return None
    if not position.isdigit() or not 1 <= int(position) <= len(items):
        raise HTTPException(404)
    return int(position) - 1


def _list_step(request: Request) -> tuple[ServiceDeclaration, Step, Repeat]:
    service = service_of(request)
    step = step_of(service, request, repeated=True)
    assert step.repeat is not None
    return service, step, step.repeat


async def summary(request: Request) -> Response:
    """The items added so far, and whether to add another."""
    service, step, repeat = _list_step(request)
    person_id = apply_drafts.person(request, service)
    with db.transaction() as session:
        items = _items(session, request, person_id, service, repeat)
        form_context = loaded_context(session, step.all_questions())
        rows = step.answer_rows({repeat.key: items}, form_context)
    if not items and request.method == "GET":
        return RedirectResponse(url(service, step.slug, "new"), status_code=303)
    context: dict[str, Any] = {
        "service": service,
        "step": step,
        "repeat": repeat,
        "rows": rows,
        "full": len(items) >= repeat.max_items,
        "back_link": back_url(service, step),
        "errors": {},
    }
    if request.method == "GET":
        return render(request, "portal/apply/list_summary.html", context)

    answer = (await checked_form(request)).get("add_another")
    if answer == "yes" and not context["full"]:
        return RedirectResponse(url(service, step.slug, "new"), status_code=303)
    if items and (answer == "no" or context["full"]):
        return RedirectResponse(next_url(service, step, False), status_code=303)
    context["errors"] = {"add_another": f"Select yes if you want to add another {repeat.noun}"}
    return render(request, "portal/apply/list_summary.html", context, status_code=400)


async def item(request: Request) -> Response:
    """Add ("new") or change (1, 2, …) one item of the list."""
    service, step, repeat = _list_step(request)
    person_id = apply_drafts.person(request, service)
    changing = is_changing(request)
    with db.transaction() as session:
        draft = apply_drafts.answers(session, request, service, person_id)
        items = list(draft.get(repeat.key) or [])
        form_context = loaded_context(session, step.all_questions())
    index = _index(request.path_params["item"], items)
    # What the item's checks across steps see: every other answer, and this list without
    # the item being added or changed (e.g. a day judged against the other days).
    earlier = {**draft, repeat.key: [other for n, other in enumerate(items) if n != index]}
    if index is None and len(items) >= repeat.max_items:
        return RedirectResponse(url(service, step.slug, "summary"), status_code=303)
    number = index + 1 if index is not None else len(items) + 1
    back_link = url(service, step.slug, "summary") if items else back_url(service, step)
    page = {
        "heading": f"{repeat.noun.capitalize()} {number}",
        "caption": step.title,
        "back_link": url(service, "check-answers") if changing else back_link,
    }
    if request.method == "GET":
        values = data_to_values(items[index]) if index is not None else {}
        return render_step(
            request, service, step, values=values, errors={}, form_context=form_context, **page
        )

    answer = await posted_answers(request, service, step, earlier, **page)
    if isinstance(answer, Response):
        return answer
    with db.transaction() as session:
        current = _items(session, request, person_id, service, repeat)
        if index is not None and index < len(current):
            current[index] = answer
        else:
            current.append(answer)
        _save(session, request, person_id, service, repeat, current)
    if changing:
        return RedirectResponse(url(service, "check-answers"), status_code=303)
    return RedirectResponse(url(service, step.slug, "summary"), status_code=303)


async def remove(request: Request) -> Response:
    """Ask before removing an item; a "yes" removes it."""
    service, step, repeat = _list_step(request)
    person_id = apply_drafts.person(request, service)
    with db.transaction() as session:
        items = _items(session, request, person_id, service, repeat)
        index = _index(request.path_params["item"], items)
        if index is None:
            raise HTTPException(404)
        title, _ = repeat.summary(items[index], loaded_context(session, step.all_questions()))
    context = {
        "service": service,
        "step": step,
        "title": title,
        "back_link": url(service, step.slug, "summary"),
        "errors": {},
    }
    if request.method == "GET":
        return render(request, "portal/apply/list_remove.html", context)

    answer = (await checked_form(request)).get("remove")
    if answer not in ("yes", "no"):
        context["errors"] = {"remove": f"Select yes if you want to remove {title}"}
        return render(request, "portal/apply/list_remove.html", context, status_code=400)
    if answer == "yes":
        with db.transaction() as session:
            current = _items(session, request, person_id, service, repeat)
            if index < len(current):
                del current[index]
                _save(session, request, person_id, service, repeat, current)
    return RedirectResponse(url(service, step.slug, "summary"), status_code=303)


routes = [
    Route("/apply/{service}/{step}/summary", summary, methods=["GET", "POST"]),
    Route("/apply/{service}/{step}/{item}/remove", remove, methods=["GET", "POST"]),
    Route("/apply/{service}/{step}/{item}", item, methods=["GET", "POST"]),
]
