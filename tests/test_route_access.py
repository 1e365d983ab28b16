"""Every route the app serves is in the access table, and lets in only whom its entry names.

For each entry the test makes real requests as the people it should keep out (nobody signed
in, a citizen, another citizen, an officer of another service, an API token without the
scope) and as the people it should let in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from starlette.routing import Mount
from starlette.testclient import TestClient

from casework import accounts, cases, db, documents, issued
from casework.settings import get_settings
from casework.workflow import SYSTEM
from portal.access import ROUTE_ACCESS, Access, api_scope
from tests.portal.journey import BASE, CHILD, apply, post

SIGN_IN = "/sign-in?next="
OFFICER_SIGN_IN = "/backoffice/sign-in?next="
# Sample values for path parameters that are not a case or a document.
SAMPLE = {
    "service": "free-school-meals",
    "step": "children",
    "item": "new",
    "transition": "award",
    "calendar": "council",
    "term_id": "1",
    "closure_id": "1",
    "day": "2026-12-29",
    "party": "parent",
    "token": "a-link-nobody-was-sent",
    "approval_number": "CH-2026-0001",
}


def served_routes(routes, prefix: str = "") -> set[tuple[str, str]]:
    served = set()
    for route in routes:
        if isinstance(route, Mount):
            if route.routes:
                served |= served_routes(route.routes, prefix + route.path)
            else:  # a mounted app (static files) answers GET
                served.add(("GET", prefix + route.path))
            continue
        for method in route.methods - {"HEAD"}:
            served.add((method, prefix + route.path))
    return served


def test_every_served_route_is_in_the_table(app):
    served = served_routes(app.routes)
    assert served - ROUTE_ACCESS.keys() == set(), "routes with no access entry"
    assert ROUTE_ACCESS.keys() - served == set(), "access entries for routes nobody serves"


@dataclass
class World:
    owner: TestClient  # the citizen whose case the paths name
    stranger: TestClient  # another citizen
    officer: TestClient  # a free school meals officer
    other_officer: TestClient  # an officer with no role for free school meals
    anonymous: TestClient
    reference: str
    document_id: int
    issued_document_id: int  # applicants download only what the council issued

    def url(self, path: str) -> str:
        document_id = self.issued_document_id if path.startswith("/account/") else self.document_id
        values = {**SAMPLE, "reference": self.reference, "document_id": str(document_id)}
        if path == "/apply/{service}/{step}":
            values["step"] = "name"
        if path.endswith("/{item}/remove"):
            values["item"] = "1"  # the child on the owner's new draft
        return re.sub(r"{(\w+)(:\w+)?}", lambda m: values[m[1]], path)


@pytest.fixture
def world(app, citizen_factory, officer_factory) -> World:
    owner = citizen_factory("owner@example.com")
    reference = apply(owner, email="owner@example.com")
    # A new draft with one item, so an item's pages have something to show.
    assert post(owner, f"{BASE}/children/new", CHILD).status_code == 303
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        document = documents.store(session, case, "letter.pdf", b"%PDF-1.4 evidence", SYSTEM)
        document_id = document.id
        permit = issued.IssuedDocument(
            title="Permit", reference=reference, issued_on=date(2026, 1, 1)
        )
        issued_document_id = issued.issue(
            session, case, permit, kind="permit", filename="permit.pdf"
        ).id
    return World(
        owner=owner,
        stranger=citizen_factory("stranger@example.com"),
        officer=officer_factory("free-school-meals"),
        other_officer=officer_factory("performance-licences"),
        anonymous=TestClient(app),
        reference=reference,
        document_id=document_id,
        issued_document_id=issued_document_id,
    )


def _redirected_to(response, target: str) -> bool:
    return response.status_code == 303 and response.headers["location"].startswith(target)


def _refused(response) -> bool:
    return response.status_code in (303, 403, 404)


def check_entry(world: World, api_token_factory, method: str, path: str, access) -> None:
    url = world.url(path)

    def call(client: TestClient, **kwargs):
        return client.request(method, url, follow_redirects=False, **kwargs)

    if access is Access.PUBLIC:
        response = call(world.anonymous)
        assert response.status_code not in (401, 500), response.status_code
        assert not _redirected_to(response, SIGN_IN)
        assert not _redirected_to(response, OFFICER_SIGN_IN)
    elif access is Access.CITIZEN:
        assert _redirected_to(call(world.anonymous), SIGN_IN)
        # An officer's session is not a citizen's.
        assert _redirected_to(call(world.officer), SIGN_IN)
        if "{reference}" in path:
            assert call(world.stranger).status_code in (403, 404)
        if method == "GET":
            # In: the page, or on to the next page of the journey, never back to sign in.
            response = call(world.owner)
            assert response.status_code in (200, 303), response.status_code
            assert not _redirected_to(response, SIGN_IN)
    elif access in (Access.OFFICER, Access.SERVICE_OFFICER):
        assert _redirected_to(call(world.anonymous), OFFICER_SIGN_IN)
        assert _redirected_to(call(world.owner), OFFICER_SIGN_IN)
        other = call(world.other_officer)
        if access is Access.SERVICE_OFFICER:
            assert other.status_code in (403, 404), other.status_code
        elif method == "GET":
            assert other.status_code == 200
        if method == "GET":
            assert call(world.officer).status_code == 200
    elif access is Access.CALENDAR_EDITOR:
        assert _redirected_to(call(world.anonymous), OFFICER_SIGN_IN)
        assert _redirected_to(call(world.owner), OFFICER_SIGN_IN)
        # Neither officer has the calendars role (tests/backoffice/test_calendars.py lets
        # one in); the role is checked before anything is looked up or changed.
        assert call(world.officer).status_code == 403
        assert call(world.other_officer).status_code == 403
    elif access is Access.NOTIFY_CALLBACK:
        assert call(world.anonymous).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert call(world.anonymous, headers=wrong).status_code == 401
        # Signed-in people are nobody special here: only the token counts.
        assert call(world.officer).status_code == 401
        right = {"Authorization": f"Bearer {get_settings().notify_callback_token}"}
        response = call(world.anonymous, headers=right, json={})
        assert response.status_code not in (401, 403, 500), response.status_code
    else:
        scope = api_scope(access)
        assert scope in accounts.API_SCOPES, access
        assert call(world.anonymous).status_code == 401
        without = api_token_factory(*(s for s in accounts.API_SCOPES if s != scope))
        refused = call(world.anonymous, headers={"Authorization": f"Bearer {without}"})
        assert refused.status_code == 403
        with_scope = api_token_factory(scope)
        response = call(world.anonymous, headers={"Authorization": f"Bearer {with_scope}"})
        assert response.status_code not in (401, 403, 500)


def test_every_route_lets_in_only_whom_its_entry_names(world, api_token_factory):
    # One test over the whole table: the people and the case are set up once.
    failures = []
    for (method, path), access in sorted(ROUTE_ACCESS.items(), key=lambda i: i[0][::-1]):
        try:
            check_entry(world, api_token_factory, method, path, access)
        except AssertionError as exc:
            failures.append(f"{method} {path} ({access}): {exc}")
    assert not failures, "\n".join(failures)
    assert len(ROUTE_ACCESS) >= 30
