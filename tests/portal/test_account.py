"""A citizen's account pages: unfinished applications to continue, the case page's status and
history kept together as the status changes, "Sign out" in the service navigation and the
sign-in code page's words. Read as people see them: visible text, not markup."""

from __future__ import annotations

from bs4 import BeautifulSoup

from casework import cases, db
from casework.catalogue import get_service
from casework.workflow import SYSTEM, apply_transition
from tests.portal.journey import BASE, PARENT, apply, post


def _text(html: str, selector: str = "main") -> str:
    element = BeautifulSoup(html, "html.parser").select_one(selector)
    assert element is not None, f"nothing matches {selector}"
    return " ".join(element.get_text(" ").split())


def _links(html: str) -> dict[str, str]:
    main = BeautifulSoup(html, "html.parser").select_one("main")
    return {" ".join(a.get_text(" ").split()): a["href"] for a in main.find_all("a")}


def test_a_returning_parent_sees_their_unfinished_application_and_continues_it(citizen):
    before = citizen.get("/account/applications").text
    assert "You have no applications yet" in _text(before)

    for step in ("name", "date-of-birth"):
        assert post(citizen, f"{BASE}/{step}", PARENT[step]).status_code == 303

    page = citizen.get("/account/applications").text
    text = _text(page)
    assert "You have no applications yet" not in text
    assert "Applications you have not sent yet" in text
    assert "Free school meals" in text
    assert "Last changed" in text
    # "Continue" goes to the first step still to answer, not back to the start.
    continue_link = next(href for words, href in _links(page).items() if "Continue" in words)
    assert continue_link == f"{BASE}/identifier"


def test_continuing_a_fully_answered_application_goes_to_check_answers(citizen):
    from tests.portal.journey import apply_until_check_answers

    apply_until_check_answers(citizen)
    page = citizen.get("/account/applications").text
    continue_link = next(href for words, href in _links(page).items() if "Continue" in words)
    assert continue_link == f"{BASE}/check-answers"


def test_a_sent_application_is_no_longer_listed_as_unfinished(citizen):
    reference = apply(citizen)
    text = _text(citizen.get("/account/applications").text)
    assert reference in text
    assert "not sent yet" not in text and "Continue" not in text


def _poll(citizen, reference: str, since: str):
    return citizen.get(
        f"/account/applications/{reference}?fragment=status&since={since}",
        headers={"HX-Request": "true"},
    )


def test_the_status_poll_answers_only_when_the_status_changes_and_brings_the_history(citizen):
    reference = apply(citizen)
    page = citizen.get(f"/account/applications/{reference}").text
    region = BeautifulSoup(page, "html.parser").select_one("#case-status")
    assert region is not None and region.get("aria-live") == "polite"

    # Nothing new: nothing to swap, so the live region is not read out again.
    assert _poll(citizen, reference, "submitted").status_code == 204

    service = get_service("free-school-meals")
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        apply_transition(session, service, case.id, "refer_to_officer", SYSTEM)

    update = _poll(citizen, reference, "submitted")
    assert update.status_code == 200
    soup = BeautifulSoup(update.text, "html.parser")
    # The region's new contents, not a new region (a replaced region may not be announced).
    assert soup.select_one("[aria-live]") is None
    history = soup.select_one("#case-history")
    assert history is not None and history.get("hx-swap-oob") == "true"
    referred = service.workflow.state("needs_review")
    history_words = " ".join(history.extract().get_text(" ").split())
    status_words = " ".join(soup.get_text(" ").split())
    assert referred.label in status_words and referred.next_step in status_words
    # The history names the new status too: the two never disagree.
    assert referred.label in history_words

    # And once the case has left the first state, the page stops asking.
    assert "hx-trigger" not in str(
        BeautifulSoup(
            citizen.get(f"/account/applications/{reference}").text, "html.parser"
        ).select_one("#case-status")
    )


def test_sign_out_is_in_the_service_navigation_as_a_form_with_the_csrf_token(citizen):
    page = citizen.get("/account/applications").text
    soup = BeautifulSoup(page, "html.parser")
    navigation = soup.select_one(".govuk-service-navigation")
    assert "Sign out" in " ".join(navigation.get_text(" ").split())
    form = navigation.find("form")
    assert form["method"] == "post" and form["action"] == "/sign-out"
    token = form.find("input", {"name": "csrf_token"})["value"]
    response = citizen.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    signed_out = citizen.get("/").text
    assert "Sign out" not in _text(signed_out, ".govuk-service-navigation")


def test_the_sign_in_code_page_says_a_code_was_sent_and_that_it_is_6_numbers(app):
    from starlette.testclient import TestClient

    from tests.conftest import csrf_token

    client = TestClient(app)
    form = client.get("/sign-in").text
    client.post(
        "/sign-in", data={"email": "new.parent@example.com", "csrf_token": csrf_token(form)}
    )
    text = _text(client.get("/sign-in/code").text)
    assert "We have sent a security code to new.parent@example.com" in text
    assert "The code is 6 numbers" in text
    assert "If new.parent@example.com can be used" not in text


def test_check_answers_shows_the_ni_number_and_mobile_spaced_and_the_contact_step_is_honest(
    citizen,
):
    from tests.portal.journey import apply_until_check_answers

    contact = citizen.get(f"{BASE}/contact").text
    soup = BeautifulSoup(contact, "html.parser")
    labels = {" ".join(label.get_text(" ").split()) for label in soup.select("main label")}
    # The two either-or fields are not marked optional: leaving both empty is an error.
    assert "Email address" in labels and "UK mobile number" in labels
    assert not [label for label in labels if "mobile" in label.lower() and "optional" in label]
    # The intro names every way offered, the letter included.
    intro = _text(contact)
    assert "email, text message or letter" in intro and "Letter by post" in intro

    apply_until_check_answers(citizen, mobile="07700900982")
    text = _text(citizen.get(f"{BASE}/check-answers").text)
    assert "AB 12 34 56 C" in text
    assert "07700 900 982" in text
