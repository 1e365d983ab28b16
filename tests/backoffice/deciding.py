"""Driving the case page's decision form and its check page as a browser without
JavaScript would: choose a radio by its label, type in the box it reveals, press a button
by its words, and send every field the form holds (hidden ones included)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from starlette.testclient import TestClient


def _words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def decision_form(html: str) -> Tag:
    page = BeautifulSoup(html, "html.parser")
    form = page.find("form", action=lambda a: bool(a) and a.endswith("/decision"))
    assert form is not None, "the page has no decision form"
    return form


def question(html: str) -> tuple[str, list[str]]:
    """The decision question's words and its choices' labels, as read on the page."""
    form = decision_form(html)
    legend = form.find("legend")
    labels = [_words(label) for label in form.select(".govuk-radios__label")]
    return _words(legend), labels


def revealed(html: str, choice: str) -> tuple[str, str]:
    """The label and text of the box shown under a choice."""
    radio = _radio(decision_form(html), choice)
    box = _box(decision_form(html), radio)
    label = decision_form(html).find("label", attrs={"for": box["id"]})
    return _words(label), box.get_text()


def checked_choice(html: str) -> str | None:
    form = decision_form(html)
    for radio in form.find_all("input", attrs={"type": "radio"}):
        if radio.has_attr("checked"):
            return _words(form.find("label", attrs={"for": radio["id"]}))
    return None


def _radio(form: Tag, choice: str) -> Tag:
    for label in form.select(".govuk-radios__label"):
        if _words(label) == choice:
            return form.find("input", id=label["for"])
    raise AssertionError(f"no choice labelled {choice!r}")


def _box(form: Tag, radio: Tag) -> Tag:
    reveal = form.find(id=radio["data-aria-controls"])
    return reveal.find("textarea")


def _fields(form: Tag) -> dict[str, str]:
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"type": "hidden"})
    }


def choose(
    client: TestClient, reference: str, choice: str | None, text: str = "", *, html: str = ""
):
    """Send the case page's decision form with ``choice`` and ``text`` in its box."""
    html = html or client.get(f"/backoffice/cases/{reference}").text
    form = decision_form(html)
    data = _fields(form)
    if choice is not None:
        radio = _radio(form, choice)
        data[radio["name"]] = radio["value"]
        data[_box(form, radio)["name"]] = text
    return client.post(form["action"], data=data, follow_redirects=False)


def press(client: TestClient, html: str, button: str):
    """Press a button on the check page by its words, sending the form's hidden fields."""
    page = BeautifulSoup(html, "html.parser")
    for form in page.find_all("form", action=lambda a: bool(a) and a.endswith("/decision")):
        for found in form.find_all("button"):
            if _words(found) == button:
                data = {**_fields(form), found["name"]: found["value"]}
                return client.post(form["action"], data=data, follow_redirects=False)
    raise AssertionError(f"no button {button!r}")


def decide(client: TestClient, reference: str, choice: str, text: str = ""):
    """Choose, then confirm on the check page if the decision has one."""
    response = choose(client, reference, choice, text)
    if response.status_code == 200 and "Check your decision" in response.text:
        response = press(client, response.text, "Confirm and send")
    return response
