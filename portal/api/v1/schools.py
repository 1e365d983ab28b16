"""Schools: finding the council's open schools by name, for the shared school question.

A shared shape (``casework.questions.shapes.school``), so any service that asks for a
school uses this search; steps name it with ``x-choices-from``.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import db, schools
from casework.accounts import ApiPrincipal
from portal.api.bodies import answer
from portal.api.routing import ApiRoute, Param
from portal.api.schemas import SchoolList, SchoolOut

MAX_QUERY_LENGTH = 100


def _schools(text: str) -> SchoolList:
    with db.transaction() as session:
        found = schools.search_open(session, text)
        return SchoolList(schools=[SchoolOut(urn=s.urn, name=s.name, phase=s.phase) for s in found])


async def search_schools(request: Request, principal: ApiPrincipal | None) -> Response:
    text = request.query_params.get("q", "")[:MAX_QUERY_LENGTH]
    return answer(await run_in_threadpool(_schools, text))


ROUTES = [
    ApiRoute(
        "GET",
        "/schools",
        search_schools,
        scope="services:read",
        operation_id="searchSchools",
        summary="Find the council's open schools by name",
        description="Up to 10 open schools whose name contains the text; only the exact match "
        "if one school's name matches exactly. No text, no schools.",
        params=(
            Param(
                "q",
                "query",
                f"Part of the school's name; only the first {MAX_QUERY_LENGTH} characters count.",
                required=False,
            ),
        ),
        responses={200: ("Matching schools.", SchoolList)},
    ),
]
