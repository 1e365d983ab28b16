"""The contract for officers' paper entry and the JSON API: a whole application goes in by
either, the case lands in the service's queue, the status look-up takes the declared second
factor (and answers a wrong one exactly as an unknown reference), and the guide exists.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import csrf_token, error_messages
from tests.services.helpers import (
    another_like,
    each_service,
    load_case,
    missing_words,
    on_paper,
    online,
    paper_fields,
    sample_answers,
    second_factors,
    submit_sample,
    text_of,
    visible,
)


def _in_queue(officer, service, reference: str) -> bool:
    queue = officer.get("/backoffice/", params={"service": service.slug, "status": "all"})
    return visible(reference, text_of(queue.text))


@each_service(on_paper)
def test_a_whole_application_submits_on_the_paper_form(service_officer, service):
    officer = service_officer(service)
    url = f"/backoffice/services/{service.slug}/new"
    page = officer.get(url)
    assert page.status_code == 200, f"{service.slug}: the paper form is {page.status_code}"
    labels = [
        question.paper_label or question.label
        for step in service.steps
        for question in step.all_questions()
    ]
    missing = missing_words(labels, text_of(page.text))
    assert not missing, f"{service.slug}: the paper form does not ask {missing}"
    # What the page fills in itself (the submission key, the date received) is sent as an
    # officer would send it, under the sample's answers.
    shown = {
        field["name"]: field["value"]
        for field in BeautifulSoup(page.text, "html.parser").find_all("input")
        if field.get("name") and field.get("value") and field.get("type") in ("text", "hidden")
    }
    data = {
        **shown,
        **paper_fields(service, sample_answers(service)),
        "csrf_token": csrf_token(page.text),
    }

    response = officer.post(url, data=data, follow_redirects=False)

    assert response.status_code == 303, error_messages(response.text)
    reference = response.headers["location"].rstrip("/").rsplit("/", 1)[1]
    assert load_case(reference).channel == "officer"
    assert _in_queue(officer, service, reference)


@each_service(online)
def test_a_whole_application_submits_through_the_api(api, api_headers, service_officer, service):
    body = {"service": service.slug, "answers": sample_answers(service), "channel": "api"}

    response = api.post(
        "/api/v1/applications", json=body, headers=api_headers("applications:write")
    )

    assert response.status_code == 201, response.text
    reference = response.json()["reference"]
    assert reference.startswith(f"{service.reference_prefix}-")
    assert response.json()["status"] == service.workflow.initial
    assert _in_queue(service_officer(service), service, reference)


@each_service()
def test_status_look_up_takes_the_declared_second_factor(api, api_headers, service):
    assert service.status_check is not None, f"{service.slug} declares no status_check"
    reference = submit_sample(service)
    factors = second_factors(service, load_case(reference).answers)
    assert factors, f"{service.slug}: the sample has no answer at {service.status_check.paths}"
    headers = api_headers("applications:read")

    def look_up(ref: str, factor: str):
        return api.get(
            f"/api/v1/applications/{ref}", params={"second_factor": factor}, headers=headers
        )

    found = look_up(reference, factors[0])
    assert found.status_code == 200, found.text
    assert found.json()["reference"] == reference
    assert found.json()["status"] == service.workflow.initial

    wrong = look_up(reference, another_like(factors[0]))
    unknown = look_up(f"{service.reference_prefix}-ZZZZ-ZZZZ", factors[0])
    assert wrong.status_code == unknown.status_code == 404
    # Nothing tells a wrong second factor from a reference that does not exist.
    assert wrong.json() == unknown.json()


@each_service()
def test_the_guide_exists(api, api_headers, service):
    assert service.guide.how_to_apply.strip(), f"{service.slug} has no how-to-apply text"

    response = api.get(
        f"/api/v1/services/{service.slug}/guide", headers=api_headers("services:read")
    )

    assert response.status_code == 200, response.text
    guide = response.json()
    assert guide["name"] == service.name
    assert guide["how_to_apply"].strip()
    assert guide["eligibility_summary"].strip()
