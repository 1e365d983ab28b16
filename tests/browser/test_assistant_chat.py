"""The assistant's chat in Chromium against a running Rasa server: keyboard only, with
JavaScript (htmx appends replies to the live log) and without (plain form posts), each page
checked with axe-core."""

from __future__ import annotations

import pytest

from tests.browser.test_journeys import Visit

pytestmark = pytest.mark.integration


def _ask_by_keyboard(visit: Visit, message: str) -> None:
    page = visit.page
    # From the top of the page, Tab to the message box as a keyboard user would.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "message":
            break
    else:
        raise AssertionError("The message box cannot be reached with the keyboard")
    page.keyboard.type(message)
    page.keyboard.press("Enter")


# The htmx case once lost a quick second message: the Send button was disabled while a
# reply was on its way and GOV.UK's double-click guard swallowed a second Enter within a
# second. The form now queues messages instead, and this test sends the second at once.
@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_keyboard_chat(browser, portal_server, assistant, axe_source, javascript):
    """A keyboard user asks about school places, then for something else, then a person."""
    context = browser.new_context(java_script_enabled=javascript)
    visit = Visit(context, portal_server, axe_source if javascript else None)
    visit.goto("/assistant")

    _ask_by_keyboard(visit, "when is the closing date for secondary school applications")

    log = visit.page.locator("#assistant-log")
    replies = log.locator(".app-assistant-turn--assistant")
    replies.first.wait_for(timeout=20_000)
    assert "Secondary offer day" in log.inner_text()
    if javascript:
        # htmx added the reply in place: same page, box cleared and still focused.
        assert visit.page.url == f"{portal_server}/assistant"
        assert visit.page.input_value("#message") == ""
        assert visit.page.evaluate("document.activeElement.id") == "message"
        visit.audit()
    else:
        assert visit.page.url.endswith("/assistant#assistant-form")

    # A quick reply is a real button, reachable and pressable without a mouse.
    _ask_by_keyboard(visit, "what's the capital of France")
    replies.nth(1).wait_for(timeout=20_000)
    assert "can't help with that" in replies.nth(1).inner_text()
    # Its quick replies are real buttons, reached and pressed with the keyboard alone.
    button = replies.nth(1).get_by_role("button", name="Talk to a person")
    button.focus()
    visit.page.keyboard.press("Enter")
    replies.nth(2).wait_for(timeout=20_000)
    assert "What would you like to ask?" in replies.nth(2).inner_text()
    if javascript:
        visit.audit()
    assert visit.violations() == {}
    context.close()
