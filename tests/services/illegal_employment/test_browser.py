"""An anonymous report in a real browser (Chromium, JavaScript on): nobody signs in, the
reporter chooses to stay anonymous (the contact questions stay hidden), every page passes
axe, and the confirmation gives a reference and no promise to contact them."""

from __future__ import annotations

from typing import Any

import pytest

from casework import db
from casework.catalogue import get_service
from casework.services.illegal_employment import samples
from tests.services.helpers import apply_url, step_fields
from tests.services.test_browser import Journey, in_chromium

pytestmark = pytest.mark.integration

SERVICE = get_service("illegal-employment")


@pytest.fixture
def portal(clean_db, portal_server: str) -> str:
    return portal_server


def test_an_anonymous_report_in_the_browser(portal):
    with db.transaction() as session:
        answers = samples.anonymous(session)

    def report(browser: Any) -> tuple[Journey, str, bool]:
        journey = Journey(browser, portal, javascript=True)
        journey.goto(apply_url(SERVICE))
        journey.goto(apply_url(SERVICE, SERVICE.steps[0].slug))
        # The contact questions are revealed only by "Yes, you can contact me".
        hidden = not journey.page.locator("[name='email']").is_visible()
        for step in SERVICE.steps:
            journey.fill(step_fields(step, answers))
            journey.submit()
        journey.submit()  # check your answers
        text = journey.text()
        journey.context.close()
        return journey, text, hidden

    journey, confirmation, hidden = in_chromium(report)

    assert hidden
    assert journey.audited >= len(SERVICE.steps) + 3, journey.audited
    assert not journey.violations, journey.violations
    assert "Report sent" in confirmation
    assert "We will not tell you what our investigation finds" in confirmation
    assert "We have sent you a confirmation" not in confirmation
