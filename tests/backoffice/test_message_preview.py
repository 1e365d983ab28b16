"""Officers preview the messages their case's service sends, filled in from the case."""

from __future__ import annotations

from tests.backoffice.helpers import soup, submit_enquiry, text_of


def _options(html: str) -> list[str]:
    return [option["value"] for option in soup(html).find("select", id="message")("option")]


def test_the_preview_lists_only_the_cases_services_messages(fsm_client, make_case):
    reference = make_case("needs_review")

    response = fsm_client.get(f"/backoffice/cases/{reference}/messages/preview")

    assert response.status_code == 200
    options = _options(response.text)
    assert "fsm_evidence_requested:email" in options
    assert "fsm_evidence_requested:sms" in options
    assert not [o for o in options if o.startswith(("enquiry_", "sign_in_code", "assistant_"))]


def test_the_preview_says_when_a_message_is_sent_in_the_officers_words(fsm_client, make_case):
    reference = make_case("needs_review")

    response = fsm_client.get(
        f"/backoffice/cases/{reference}/messages/preview",
        params={"message": "fsm_evidence_requested:email"},
    )

    text = text_of(response.text)
    assert "Sent when Request evidence" in text
    assert "Jane Smith" in text
    assert reference in text
    # The officer's reason is only known when they decide.
    assert "This case has no value yet for: reason" in text


def test_an_enquiry_previews_its_own_messages(officer_factory):
    reference = submit_enquiry()
    client = officer_factory("enquiry")

    response = client.get(
        f"/backoffice/cases/{reference}/messages/preview",
        params={"message": "enquiry_received:email"},
    )

    assert response.status_code == 200
    assert {o.split(":")[0] for o in _options(response.text)} == {
        "enquiry_received",
        "enquiry_answered",
    }
    assert "Sent when Application received" in text_of(response.text)
    assert "sam@example.com" in text_of(response.text)


def test_a_message_of_another_service_is_not_found(fsm_client, make_case):
    reference = make_case("needs_review")
    response = fsm_client.get(
        f"/backoffice/cases/{reference}/messages/preview",
        params={"message": "enquiry_received:email"},
    )
    assert response.status_code == 404
