"""The contract in a real browser (Debian's Chromium, through Playwright): every online
service's whole journey, from the start page to the confirmation, with JavaScript on and
every page checked by axe-core, and again with JavaScript off.

Uses the same Chromium, axe-core build and rules as tests/browser.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from casework.declaration import ServiceDeclaration
from tests.browser.conftest import AXE, CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_journeys import AXE_RULES, AXE_RUN
from tests.conftest import latest_sign_in_code
from tests.services.helpers import apply_url, each_service, online, sample_answers, step_fields

pytestmark = pytest.mark.integration

T = TypeVar("T")


def in_chromium(work: Callable[[Any], T]) -> T:
    """``work(browser)`` with its own Chromium, run in its own thread: Playwright's sync API
    allows one instance per thread, and tests/browser keeps one for the whole session."""

    def run() -> T:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return work(browser)
            finally:
                browser.close()

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed for browser tests ({CHROMIUM}); `make test` installs it")
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def portal(clean_db, portal_server: str) -> str:
    return portal_server


class Journey:
    """One person's browser tab, auditing each page with axe when JavaScript is on."""

    def __init__(self, browser: Any, base: str, javascript: bool) -> None:
        self.context = browser.new_context(java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.base = base
        self.axe = AXE.read_text() if javascript else None
        self.violations: dict[str, list[str]] = {}
        self.audited = 0

    def audit(self) -> None:
        if self.axe is None:
            return
        self.page.wait_for_load_state()
        self.page.evaluate(self.axe)
        found = self.page.evaluate(AXE_RUN, AXE_RULES)
        self.audited += 1
        if found:
            self.violations[self.page.url.removeprefix(self.base)] = found

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.audit()

    def text(self) -> str:
        return re.sub(r"\s+", " ", self.page.locator("main").inner_text())

    def fill(self, fields: dict[str, Any]) -> None:
        for name, value in fields.items():
            for one in value if isinstance(value, list) else [value]:
                self._fill_one(name, one)

    def _fill_one(self, name: str, value: str) -> None:
        field = self.page.locator(f"[name='{name}']")
        assert field.count(), f"{self.page.url} has no field {name}"
        tag = field.first.evaluate("element => element.tagName.toLowerCase()")
        kind = field.first.get_attribute("type")
        if tag == "select":
            field.first.select_option(value)
        elif kind in ("radio", "checkbox"):
            exact = self.page.locator(f"[name='{name}'][value='{value}']")
            (exact if exact.count() else field.first).check()
        else:
            field.first.fill(value)

    def submit(self) -> None:
        """The main button of the page's form (the last form: remove buttons come first)."""
        form = self.page.locator("main form:has(input[name='csrf_token'])").last
        form.locator("button").first.click()
        self.page.wait_for_load_state()
        self.audit()
        assert "There is a problem" not in self.text(), f"{self.page.url}: {self.text()[:500]}"

    def sign_in(self, email: str) -> None:
        self.goto("/sign-in")
        self.fill({"email": email})
        self.submit()
        self.fill({"code": latest_sign_in_code(email)})
        self.submit()


def _apply(journey: Journey, service: ServiceDeclaration) -> str:
    answers = sample_answers(service)
    journey.goto(apply_url(service))
    journey.goto(apply_url(service, service.steps[0].slug))
    for step in service.steps:
        if step.repeat:
            for number, item in enumerate(answers.get(step.repeat.key) or []):
                if number:
                    journey.fill({"add_another": "yes"})
                    journey.submit()
                journey.fill(step_fields(step, item))
                journey.submit()
            journey.fill({"add_another": "no"})
        else:
            journey.fill(step_fields(step, answers))
        journey.submit()
    assert "/check-answers" in journey.page.url, journey.page.url
    journey.submit()
    found = re.search(
        rf"{re.escape(service.reference_prefix)}-[A-Z0-9]{{4}}-[A-Z0-9]{{4}}", journey.text()
    )
    assert found, f"{service.slug}: no reference on {journey.page.url}: {journey.text()[:300]}"
    return found[0]


@each_service(online)
def test_the_journey_passes_axe_on_every_page_with_javascript(portal, service):
    def apply(browser: Any) -> Journey:
        journey = Journey(browser, portal, javascript=True)
        journey.sign_in("axe.contract@example.com")
        _apply(journey, service)
        journey.context.close()
        return journey

    journey = in_chromium(apply)

    # Every page was audited: sign-in, the start page, each step (and item), check answers
    # and the confirmation.
    assert journey.audited >= len(service.steps) + 3, journey.audited
    assert not journey.violations, journey.violations


@each_service(online)
def test_the_journey_works_without_javascript(portal, service):
    def apply(browser: Any) -> str:
        journey = Journey(browser, portal, javascript=False)
        journey.sign_in("nojs.contract@example.com")
        reference = _apply(journey, service)
        journey.context.close()
        return reference

    assert in_chromium(apply).startswith(f"{service.reference_prefix}-")
