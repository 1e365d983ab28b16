"""Rule checks: "is this legal?" for a proposal, and the lists the checks publish.

For each check in the catalogue (``casework.catalogue.rule_checks``):

- ``POST /rules/{check}/check`` answers ``{"legal", "breaches": [{"rule", "message"}], ...}``,
  or 422 with a message on each field of a malformed proposal;
- ``GET /rules/{check}/{list}`` answers each list it publishes (e.g. occupations).

Each check gets its own routes, generated from the catalogue, rather than one route with the
check in the path: so the OpenAPI document gives each check's exact request body (the
assistant builds its questions from it), and an address that names no check is the
router's 404. The rules are the council's published rules, so any token with
``services:read`` may call them (the assistant's has it).

Nothing is stored: a check reads the rule versions in force today.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import clocks, db
from casework.accounts import ApiPrincipal
from casework.catalogue import rule_checks
from casework.fields import errors_from
from casework.questions import FormContext, validation_context
from casework.rule_checks import RuleCheck, RuleList
from portal.api.bodies import answer, json_object
from portal.api.errors import InvalidAnswers
from portal.api.openapi import pascal
from portal.api.routing import ApiRoute, Handler
from portal.api.schemas import RuleCheckResult, RuleListOut, ValidationErrors

SCOPE = "services:read"


def _run(check: RuleCheck, data: dict[str, Any]) -> dict[str, Any]:
    with db.transaction() as session:
        # The form context carries the session, so a check's model can validate a code
        # against the list in force (e.g. an occupation); "today" dates what is in force.
        context = {**validation_context(FormContext(session)), "today": clocks.today()}
        try:
            proposal = check.body.model_validate(data, context=context)
        except ValidationError as exc:
            raise InvalidAnswers(errors_from(exc)) from None
        return check.run(session, proposal).as_dict()


def _checker(check: RuleCheck) -> Handler:
    async def run_check(request: Request, principal: ApiPrincipal | None) -> Response:
        data = await json_object(request)
        return answer(await run_in_threadpool(_run, check, data))

    return run_check


def _items(check: RuleCheck, rule_list: RuleList) -> RuleListOut:
    with db.transaction() as session:
        return RuleListOut(
            check=check.slug,
            name=rule_list.name,
            summary=rule_list.summary,
            items=rule_list.items(session),
        )


def _lister(check: RuleCheck, rule_list: RuleList) -> Handler:
    async def list_items(request: Request, principal: ApiPrincipal | None) -> Response:
        return answer(await run_in_threadpool(_items, check, rule_list))

    return list_items


def _routes(check: RuleCheck) -> list[ApiRoute]:
    lists = ", ".join(f"`/rules/{check.slug}/{item.name}`" for item in check.lists)
    routes = [
        ApiRoute(
            "POST",
            f"/rules/{check.slug}/check",
            _checker(check),
            scope=SCOPE,
            operation_id=f"check{pascal(check.slug)}",
            summary=check.summary,
            description=f"{check.name}. Send the proposal; the answer says whether it is "
            "legal and, if not, each rule it breaks (a stable `rule` code and a plain "
            "`message`). A malformed proposal (a time that is not a time, a shift that ends "
            "before it starts) is a 422 with a message on the field, not a breach. Nothing "
            "is stored; the rules in force today apply."
            + (f" Codes and limits it uses: {lists}." if lists else ""),
            request_model=check.body,
            responses={
                200: ("Whether the proposal is legal, and each breach.", RuleCheckResult),
                422: ("A malformed proposal: a message for each field.", ValidationErrors),
            },
        )
    ]
    for rule_list in check.lists:
        routes.append(
            ApiRoute(
                "GET",
                f"/rules/{check.slug}/{rule_list.name}",
                _lister(check, rule_list),
                scope=SCOPE,
                operation_id=f"list{pascal(check.slug)}{pascal(rule_list.name)}",
                summary=rule_list.summary,
                description=f"A list the {check.name.lower()} check reads, as in force today.",
                responses={200: ("The list's items.", RuleListOut)},
            )
        )
    return routes


ROUTES = [route for check in rule_checks().values() for route in _routes(check)]
