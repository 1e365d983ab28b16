"""Back-office fixtures, on top of the shared ones in tests/conftest.py.

The shared fixtures give the real, emptied database with the council's schools
(``clean_db``), the app (``app``) and signed-in officers by role (``officer_factory``).
Here: an FSM officer whose id, name and password the tests know, and cases in a given state.
Nothing runs the queued Celery tasks, so a new case stays "submitted" until a test moves it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from starlette.testclient import TestClient

from casework import accounts, applications, db
from casework.catalogue import get_service
from casework.workflow import SYSTEM, apply_transition
from tests.backoffice.helpers import FSM, OfficerLogin, sign_in, valid_answers


def create_officer(email: str, name: str, roles: list[str]) -> OfficerLogin:
    with db.transaction() as session:
        password = accounts.create_officer(session, email, name, roles)
    with db.transaction() as session:
        officer = accounts.authenticate_officer(session, email, password)
        assert officer is not None
        return OfficerLogin(officer.id, email, password, name)


@pytest.fixture
def fsm_login(app) -> OfficerLogin:
    return create_officer("fiona.officer@northshire.example", "Fiona Officer", [FSM])


@pytest.fixture
def fsm_client(app, fsm_login: OfficerLogin) -> TestClient:
    client = TestClient(app)
    sign_in(client, fsm_login)
    return client


@pytest.fixture
def other_client(officer_factory) -> TestClient:
    """An officer whose only role is another service's (one not taken online yet, so it
    has no paper form either)."""
    return officer_factory("school-transport")


# The system moves that bring a fresh case to each state an officer works on.
_TO_STATE = {
    "submitted": (),
    "needs_review": ("refer_to_officer",),
    "check_unavailable": ("check_unavailable",),
    "awarded": ("award_automatically",),
}


@pytest.fixture
def make_case(app):
    """Submit a case as the web would, then move it by the system to the wanted state."""

    def make(status: str = "needs_review", due_on: date | None = None, **changes: Any) -> str:
        service = get_service(FSM)
        with db.transaction() as session:
            application = service.validate(session, valid_answers(**changes))
            case, _ = applications.submit(
                session, service, application, channel="web", actor=SYSTEM
            )
            for move in _TO_STATE[status]:
                apply_transition(session, service, case.id, move, SYSTEM)
            if due_on is not None:
                case.due_on = due_on
            return case.reference

    return make
