"""Whole journeys in Chromium, with JavaScript on (htmx enhancing) and off (plain forms),
each page checked with axe-core. The parent applies, the check runs in the real worker, an
officer decides, and the message reaches the Notify sandbox.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import latest_sign_in_code, wait_for

pytestmark = pytest.mark.integration

# WCAG 2.2 A and AA, as GOV.UK services are assessed against, plus axe's best practices.
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# One known exception: GOV.UK Frontend sets aria-expanded on radios that reveal a question,
# which ARIA 1.2 does not list for radios; GDS keep it on purpose because screen readers
# announce it (alphagov/govuk-frontend#979, w3c/aria#1404).
AXE_RUN = """async (tags) => {
  const known = (v, n) => v.id === 'aria-allowed-attr'
    && n.html.includes('govuk-radios__input') && /aria-expanded/.test(n.failureSummary);
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations
    .map(v => ({...v, nodes: v.nodes.filter(n => !known(v, n))}))
    .filter(v => v.nodes.length)
    .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}"""


class Visit:
    """One person in one browser context, auditing every page they land on."""

    def __init__(self, context, base: str, axe_source: str | None) -> None:
        self.page = context.new_page()
        self.base = base
        self.axe_source = axe_source
        self.audited: dict[str, list[str]] = {}

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.audit()

    def audit(self) -> None:
        if self.axe_source is None:  # JavaScript is off: axe cannot run in the page
            return
        self.page.wait_for_load_state()
        # Evaluated by the browser's debugger protocol, so the page's strict CSP (no inline
        # scripts) stays on while we audit it.
        self.page.evaluate(self.axe_source)
        path = re.sub(r"[A-Z0-9]{3}-[A-Z0-9]{4}-[A-Z0-9]{4}", "<ref>", self.page.url)
        self.audited[path.removeprefix(self.base)] = self.page.evaluate(AXE_RUN, AXE_RULES)

    def click(self, name: str) -> None:
        self.page.locator("main").get_by_role("button", name=name, exact=True).click()
        self.page.wait_for_load_state()
        self.audit()

    def fill(self, fields: dict[str, str]) -> None:
        for name, value in fields.items():
            self.page.locator(f"[name='{name}']").fill(value)

    def choose(self, name: str, value: str) -> None:
        self.page.locator(f"input[name='{name}'][value='{value}']").check()

    def text(self) -> str:
        return self.page.locator("main").inner_text()

    def violations(self) -> dict[str, list[str]]:
        return {path: found for path, found in self.audited.items() if found}


def sign_in_and_apply(visit: Visit, email: str, surname: str, nino: str) -> str:
    visit.goto("/apply/free-school-meals")
    visit.page.get_by_role("button", name="Start now").click()
    visit.audit()
    visit.fill({"email": email})
    visit.click("Send security code")
    visit.fill({"code": latest_sign_in_code(email)})
    visit.click("Continue")
    visit.fill({"first_name": "Alex", "last_name": surname})
    visit.click("Continue")
    visit.fill({"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "1990"})
    visit.click("Continue")
    visit.choose("identifier_type", "nino")
    visit.fill({"national_insurance_number": nino})
    visit.click("Continue")
    visit.fill({"address_line_1": "1 High Street", "town": "Northtown", "postcode": "NT1 1AA"})
    visit.click("Continue")
    if visit.page.locator("input[name='contact_preference']").count():
        visit.choose("contact_preference", "email")
    visit.fill({"email": email})
    visit.click("Continue")
    visit.fill(
        {
            "first_name": "Robin",
            "last_name": surname,
            "date_of_birth-day": "1",
            "date_of_birth-month": "9",
            "date_of_birth-year": "2016",
        }
    )
    visit.page.locator("select[name='school_urn']").select_option("100001")
    visit.click("Continue")
    visit.choose("add_another", "no")
    visit.click("Continue")
    visit.choose("consent", "yes")
    visit.click("Continue")
    assert "Check your answers" in visit.text()
    visit.click("Accept and send")
    heading = visit.page.locator("h1").inner_text()
    reference = re.search(r"FSM-[A-Z0-9]{4}-[A-Z0-9]{4}", visit.text())
    assert reference, heading
    # What the panel says, as read on screen: words, never markup like <br> or <strong>.
    panel = " ".join(visit.page.locator(".govuk-panel").inner_text().split())
    assert panel == f"Application complete Your reference number {reference[0]}"
    return reference[0]


OFFICER_EMAIL = "fsm.browser@northshire.example"


def officer_signs_in(visit: Visit, password: str) -> None:
    visit.goto("/backoffice/sign-in")
    visit.fill({"email": OFFICER_EMAIL, "password": password})
    visit.click("Sign in")


def officer_awards(visit: Visit, password: str, reference: str) -> None:
    officer_signs_in(visit, password)
    assert reference in visit.text()
    visit.page.get_by_role("link", name=reference).click()
    assert "With an officer" in visit.text()
    # One question; the award's note is revealed under its choice (always, with JS off).
    visit.page.get_by_label("Award free school meals", exact=True).check()
    visit.page.get_by_label("What evidence did you see? (optional)").fill("Award letter seen")
    visit.click("Continue")
    # The award sends the parent a message, so the officer checks it first.
    assert "Check your decision" in visit.text()
    assert "Email to " in visit.text()
    visit.click("Confirm and send")
    assert "Awarded" in visit.text()
    assert "Note: Award letter seen" in visit.text()


@pytest.fixture
def officer_password(clean_db) -> str:
    from casework import accounts, db

    with db.transaction() as session:
        return accounts.create_officer(
            session, OFFICER_EMAIL, "Browser Officer", ["free-school-meals"]
        )


def test_with_javascript_an_eligible_parent_watches_the_award_arrive(
    browser, live_portal, axe_source, sandbox_messages
):
    context = browser.new_context()
    visit = Visit(context, live_portal, axe_source)
    reference = sign_in_and_apply(visit, "js.parent@example.com", "Smith", "AB123456C")

    visit.goto("/account/applications")
    visit.page.get_by_role("link", name=re.compile(reference)).click()
    visit.audit()
    # htmx polls the status while the check runs: the page changes without a reload.
    visit.page.get_by_text("Awarded", exact=True).first.wait_for(timeout=30_000)
    assert wait_for(
        lambda: [
            m for m in sandbox_messages(to="js.parent@example.com") if "awarded" in m["subject"]
        ]
    )
    for path in ("/", "/contact", "/accessibility", "/privacy"):
        visit.goto(path)
    assert visit.violations() == {}
    assert len(visit.audited) >= 15
    context.close()


def test_without_javascript_a_parent_applies_and_an_officer_decides(
    browser, live_portal, axe_source, officer_password, sandbox_messages
):
    parent = browser.new_context(java_script_enabled=False)
    visit = Visit(parent, live_portal, None)
    reference = sign_in_and_apply(visit, "nojs.parent@example.com", "Jones", "AB123456D")

    # Not eligible by the check: it waits for an officer, who works with JavaScript off too.
    wait_for(lambda: _status_is(visit, reference, "With an officer"), timeout=30)

    # The officer's pages, audited in a context of their own with JavaScript on: the
    # decision question, its check page, and "Change" back to the question.
    audited = browser.new_context()
    auditor = Visit(audited, live_portal, axe_source)
    officer_signs_in(auditor, officer_password)
    auditor.goto(f"/backoffice/cases/{reference}")
    auditor.page.get_by_label("Refuse", exact=True).check()
    auditor.page.get_by_label("Why are you refusing?").fill("No qualifying benefit")
    auditor.click("Continue")
    assert "Check your decision" in auditor.text()
    assert "We cannot award free school meals because: No qualifying benefit" in " ".join(
        auditor.text().split()
    )
    auditor.click("Change")
    assert auditor.page.get_by_label("Why are you refusing?").input_value() == (
        "No qualifying benefit"
    )

    officer_context = browser.new_context(java_script_enabled=False)
    officer_awards(Visit(officer_context, live_portal, None), officer_password, reference)

    assert wait_for(
        lambda: [
            m for m in sandbox_messages(to="nojs.parent@example.com") if "awarded" in m["subject"]
        ]
    )
    assert _status_is(visit, reference, "Awarded")

    auditor.goto(f"/backoffice/cases/{reference}")
    auditor.goto("/backoffice/services/free-school-meals/new")
    assert auditor.violations() == {}
    for context in (parent, officer_context, audited):
        context.close()


def _status_is(visit: Visit, reference: str, label: str) -> bool:
    visit.page.goto(f"{visit.base}/account/applications/{reference}")
    return label in visit.page.locator("#case-status").inner_text()
