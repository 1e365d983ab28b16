"""The GOV.UK timeout warning in Chromium: it opens before an officer's session times out,
"Stay signed in" closes it, and if nobody answers the page goes to "You have been signed out".

The browser's clock is Playwright's (fast-forwarded), the server's is
``casework.sessions.now`` (the portal runs in this process), so nothing sleeps.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casework import accounts, db
from casework import sessions as session_store
from tests.browser.test_journeys import AXE_RULES, AXE_RUN

pytestmark = pytest.mark.integration

EMAIL = "timeout.officer@northshire.example"


@pytest.fixture
def signed_in_page(browser, clean_db, portal_server):
    with db.transaction() as session:
        password = accounts.create_officer(session, EMAIL, "Tim Officer", ["free-school-meals"])
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()
    page.goto(f"{portal_server}/backoffice/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url == f"{portal_server}/backoffice/"
    yield page
    context.close()


def test_the_warning_opens_before_the_timeout_and_can_be_dismissed(signed_in_page, axe_source):
    page = signed_in_page
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    assert not dialog.is_visible()
    page.clock.fast_forward("27:50")
    assert not dialog.is_visible()
    page.clock.fast_forward("00:20")
    dialog.wait_for(state="visible")
    assert "we will sign you out in 2 minutes" in dialog.inner_text()
    page.evaluate(axe_source)
    assert page.evaluate(AXE_RUN, AXE_RULES) == []

    dialog.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    # The timers start again from the click.
    page.clock.fast_forward("27:00")
    assert not dialog.is_visible()
    assert page.url.endswith("/backoffice/")


def test_no_answer_lands_on_the_signed_out_page(signed_in_page, monkeypatch):
    page = signed_in_page
    later = datetime.now(UTC) + timedelta(minutes=31)
    monkeypatch.setattr(session_store, "now", lambda: later)
    page.clock.fast_forward("30:05")
    page.wait_for_url("**/backoffice/signed-out?next=/backoffice/")
    assert page.locator("h1").inner_text() == "You have been signed out"
