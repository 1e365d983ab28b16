"""The API routes the assistant needs: guides, step checks, schools, pre-filled links and
enquiries. Real database, real app; the same messages as the web form."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from casework import cases, db
from casework.models import OutboxMessage
from casework.services.upcoming import admissions_dates
from casework.workflow import Actor, apply_transition
from tests.api.conftest import SCHOOL_URN
from tests.conftest import SCHOOLS

# --- Guides -----------------------------------------------------------------------------


def test_school_places_guide_gives_this_years_dates(client, tokens):
    response = client.get(
        "/api/v1/services/school-places/guide", headers=tokens.headers("services:read")
    )

    assert response.status_code == 200
    guide = response.json()
    assert guide["name"] == "School places"
    assert guide["apply_url"] is None  # not taken online yet
    labels = {d["label"]: d["description"] for d in guide["key_dates"]}
    expected = {d.label: d.description for d in admissions_dates(date.today())}
    assert labels == expected
    assert (
        "October" in labels["Secondary school (year 7) closing date"]
        or "November" in (labels["Secondary school (year 7) closing date"])
    )


def test_free_school_meals_guide_comes_from_the_declaration_and_the_rules(client, tokens):
    response = client.get(
        "/api/v1/services/free-school-meals/guide", headers=tokens.headers("services:read")
    )

    guide = response.json()
    assert "Universal Credit" in guide["eligibility_summary"]
    assert guide["apply_url"] == "http://testserver/apply/free-school-meals"
    assert "http://testserver/apply/free-school-meals" in guide["how_to_apply"]
    assert guide["key_dates"][0]["label"] == "Apply at any time"


def test_every_topic_the_assistant_explains_has_a_guide(client, tokens):
    for topic in (
        "free-school-meals",
        "school-places",
        "school-transport",
        "child-employment",
        "performance-licences",
        "chaperones",
        "early-years-funding",
    ):
        response = client.get(
            f"/api/v1/services/{topic}/guide", headers=tokens.headers("services:read")
        )
        assert response.status_code == 200, topic
        assert response.json()["how_to_apply"], topic


def test_an_unknown_guide_is_404(client, tokens):
    response = client.get("/api/v1/services/dragons/guide", headers=tokens.headers())
    assert response.status_code == 404


# --- Checking some answers of a step ----------------------------------------------------


def _validate(client, tokens, step: str, answers: dict, service: str = "free-school-meals"):
    return client.post(
        f"/api/v1/services/{service}/steps/{step}/validate",
        json={"answers": answers},
        headers=tokens.headers("services:read"),
    )


def test_one_answer_of_a_step_is_checked_alone(client, tokens):
    response = _validate(client, tokens, "name", {"first_name": "  Sam "})

    assert response.status_code == 200
    assert response.json() == {"answers": {"first_name": "Sam"}}


def test_a_wrong_answer_gets_the_web_forms_message(client, tokens):
    response = _validate(client, tokens, "address", {"postcode": "nowhere"})

    assert response.status_code == 422
    assert response.json() == {"errors": {"postcode": "Enter a full UK postcode, like AA3 1AB"}}


def test_dates_in_parts_come_back_as_the_portal_stores_them(client, tokens):
    response = _validate(
        client,
        tokens,
        "date-of-birth",
        {"date_of_birth": {"day": "1", "month": "jan", "year": "1990"}},
    )

    assert response.json() == {"answers": {"date_of_birth": "1990-01-01"}}
    too_young = _validate(
        client, tokens, "date-of-birth", {"date_of_birth": date.today().isoformat()}
    )
    assert too_young.json()["errors"] == {"date_of_birth": "Date of birth must be in the past"}


def test_identifier_and_contact_are_normalised(client, tokens):
    nino = _validate(client, tokens, "identifier", {"national_insurance_number": "ab 12 34 56 c"})
    mobile = _validate(client, tokens, "contact", {"mobile": "+44 7700 900 982"})

    assert nino.json() == {"answers": {"national_insurance_number": "AB123456C"}}
    assert mobile.json() == {"answers": {"mobile": "07700900982"}}


def test_a_childs_school_must_be_one_of_ours(client, tokens):
    ours = _validate(client, tokens, "children", {"school_urn": SCHOOL_URN})
    theirs = _validate(client, tokens, "children", {"school_urn": "999999"})

    assert ours.status_code == 200
    assert theirs.json() == {"errors": {"school_urn": "Select a school from the list"}}


def test_each_steps_schema_is_published_for_the_assistant(client, tokens):
    from casework.catalogue import get_service

    service = get_service("free-school-meals")
    response = client.get(
        "/api/v1/services/free-school-meals/steps", headers=tokens.headers("services:read")
    )

    assert response.status_code == 200
    steps = response.json()["steps"]
    assert [s["slug"] for s in steps] == [step.slug for step in service.steps]
    for published, step in zip(steps, service.steps, strict=True):
        assert published["title"] == step.title
        assert published["schema"] == step.model.model_json_schema()
    by_slug = {s["slug"]: s for s in steps}
    identifier = by_slug["identifier"]["schema"]["properties"]["identifier_type"]
    assert identifier["x-component"] == "radios" and identifier["enum"] == ["nino", "nass"]
    assert by_slug["children"]["repeat"]["key"] == "children"
    assert by_slug["name"]["repeat"] is None
    unknown = client.get("/api/v1/services/dragons/steps", headers=tokens.headers())
    assert unknown.status_code == 404


def test_unknown_steps_services_and_fields(client, tokens):
    assert _validate(client, tokens, "shoe-size", {"x": 1}).status_code == 404
    assert _validate(client, tokens, "name", {"x": 1}, service="dragons").status_code == 404
    nothing = _validate(client, tokens, "name", {"shoe_size": 9})
    assert nothing.status_code == 422
    assert "first_name" in nothing.json()["errors"]["answers"]


def test_schools_are_found_by_part_of_the_name(client, tokens):
    headers = tokens.headers("services:read")
    both = client.get("/api/v1/schools", params={"q": "northshire"}, headers=headers).json()
    exact = client.get(
        "/api/v1/schools", params={"q": "northshire primary school"}, headers=headers
    ).json()

    assert {s["name"] for s in both["schools"]} == {name for _, name, _, _ in SCHOOLS}
    assert [s["urn"] for s in exact["schools"]] == [SCHOOL_URN]
    assert client.get("/api/v1/schools", params={"q": "%"}, headers=headers).json() == {
        "schools": []
    }
    assert client.get("/api/v1/schools", headers=headers).json() == {"schools": []}


def test_a_nul_in_a_school_search_is_400_not_a_server_error(client, tokens):
    response = client.get("/api/v1/schools?q=%00", headers=tokens.headers("services:read"))

    assert response.status_code == 400
    assert "control characters" in response.json()["error"]


# --- Links that fill in the web form ----------------------------------------------------


def test_a_prefill_link_fills_the_draft_with_the_answers_that_pass(client, tokens, citizen_factory):
    response = client.post(
        "/api/v1/prefill-links",
        json={
            "service": "free-school-meals",
            "answers": {
                "first_name": "Sam",
                "last_name": "Smith",
                "postcode": "not a postcode",
                "national_insurance_number": "AB123456C",
                "children": [{"first_name": "Alex"}],
            },
        },
        headers=tokens.headers("applications:write"),
    )
    assert response.status_code == 201
    url = response.json()["url"]
    assert url.startswith("http://testserver/assistant/continue?token=")

    parent = citizen_factory("sam@example.com")
    opened = parent.get(urlsplit(url).path + "?" + urlsplit(url).query, follow_redirects=False)
    assert opened.status_code == 303
    assert opened.headers["location"] == "/apply/free-school-meals/name"
    page = parent.get("/apply/free-school-meals/name")
    assert 'value="Sam"' in page.text and 'value="Smith"' in page.text
    address = parent.get("/apply/free-school-meals/address")
    assert "not a postcode" not in address.text  # refused answers are asked again


def test_an_edited_prefill_link_is_refused(client, tokens, citizen_factory):
    url = client.post(
        "/api/v1/prefill-links",
        json={"service": "free-school-meals", "answers": {"first_name": "Sam"}},
        headers=tokens.headers("applications:write"),
    ).json()["url"]
    parent = citizen_factory("sam@example.com")

    tampered = parent.get(urlsplit(url).path + "?token=" + urlsplit(url).query[7:] + "x")

    assert tampered.status_code == 200
    assert "This link has expired" in tampered.text


def test_prefill_links_are_only_for_services_people_apply_for(client, tokens):
    response = client.post(
        "/api/v1/prefill-links",
        json={"service": "enquiry", "answers": {}},
        headers=tokens.headers("applications:write"),
    )
    assert response.status_code == 422


# --- Enquiries: handing over to a person ------------------------------------------------

TRANSCRIPT = [
    {"speaker": "person", "text": "my appeal was lost, what now"},
    {"speaker": "assistant", "text": "Sorry, I can't help with that."},
]


def _enquiry(client, tokens, **extra):
    body = {"question": "What happens after a lost appeal?", "transcript": TRANSCRIPT, **extra}
    return client.post(
        "/api/v1/enquiries",
        json=body,
        headers={**tokens.headers("enquiries:write"), "Idempotency-Key": "conversation-1"},
    )


def test_an_enquiry_lands_in_the_queue_with_the_transcript_and_says_when_we_reply(
    client, tokens, officer_factory
):
    response = _enquiry(client, tokens, email="sam@example.com")

    assert response.status_code == 201
    created = response.json()
    assert created["reference"].startswith("ENQ-")
    reply_by = date.fromisoformat(created["reply_by"])
    assert reply_by > date.today()
    assert "by email to sam@example.com" in created["next_step"]
    assert f"{reply_by.day} {reply_by:%B %Y}" in created["next_step"]
    with db.transaction() as session:
        case = cases.by_reference(session, created["reference"])
        assert case.service == "enquiry" and case.channel == "assistant"
        assert case.answers["transcript"] == TRANSCRIPT
        sent = session.scalars(
            select(OutboxMessage.message_name).where(OutboxMessage.case_id == case.id)
        ).all()
    assert list(sent) == ["enquiry_received"]

    officer = officer_factory("enquiry")
    queue = officer.get("/backoffice/")
    assert created["reference"] in queue.text
    page = officer.get(f"/backoffice/cases/{created['reference']}")
    assert "my appeal was lost, what now" in page.text


def test_an_enquirys_idempotency_key_reused_for_another_question_is_refused(client, tokens):
    first = _enquiry(client, tokens, email="sam@example.com")
    other = _enquiry(client, tokens, email="someone.else@example.com")

    assert (first.status_code, other.status_code) == (201, 422)
    assert "Idempotency-Key" in other.json()["error"]


def test_a_malformed_idempotency_key_for_an_enquiry_is_400(client, tokens):
    response = client.post(
        "/api/v1/enquiries",
        json={"question": "Hello?", "email": "sam@example.com"},
        headers={**tokens.headers("enquiries:write"), "Idempotency-Key": "no spaces please"},
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]


def test_an_enquiry_is_looked_up_with_its_own_second_factor(client, tokens):
    reference = _enquiry(client, tokens, email="sam@example.com").json()["reference"]
    guide = client.get(
        "/api/v1/services/enquiry/guide", headers=tokens.headers("services:read")
    ).json()

    def status(second_factor: str):
        return client.get(
            f"/api/v1/applications/{reference}",
            params={"second_factor": second_factor},
            headers=tokens.headers("applications:read"),
        )

    assert guide["status_check"]["prompt"] == "the email address you gave us for the reply"
    assert guide["reference_prefix"] == "ENQ"
    assert status("SAM@example.com").json()["status_label"] == "Waiting for a reply"
    assert status("other@example.com").status_code == 404
    assert status("not an email").json() == {
        "errors": {
            "second_factor": "Enter an email address in the correct format, like name@example.com"
        }
    }


def test_a_repeated_enquiry_makes_one_case(client, tokens):
    first = _enquiry(client, tokens, mobile="07700 900 982")
    again = _enquiry(client, tokens, mobile="07700 900 982")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert "by text message to 07700900982" in first.json()["next_step"]


def test_an_enquiry_needs_a_way_to_reply(client, tokens):
    response = _enquiry(client, tokens)

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "email": "Enter an email address or a mobile number, so we can reply"
    }


def test_an_officers_reply_is_sent_to_the_person(client, tokens):
    reference = _enquiry(client, tokens, email="sam@example.com").json()["reference"]
    officer = Actor(kind="officer", label="Officer", id=1, roles=frozenset({"enquiry"}))
    from casework.catalogue import get_service

    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        apply_transition(
            session,
            get_service("enquiry"),
            case.id,
            "reply",
            officer,
            reason="You can go to the ombudsman.",
        )
        sent = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.case_id == case.id, OutboxMessage.message_name == "enquiry_answered"
            )
        ).all()
    assert [m.personalisation["reason"] for m in sent] == ["You can go to the ombudsman."]


def test_enquiries_are_not_a_service_people_apply_for(client, tokens, answers):
    listed = client.get("/api/v1/services", headers=tokens.headers()).json()["services"]
    applied = client.post(
        "/api/v1/applications",
        json={"service": "enquiry", "answers": {"question": "hi", "email": "a@example.com"}},
        headers=tokens.headers(),
    )

    assert "enquiry" not in {s["slug"] for s in listed}
    assert applied.status_code == 422
