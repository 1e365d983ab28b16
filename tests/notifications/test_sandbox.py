"""The local Notify sandbox, exercised through the real Notify client and raw HTTP."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import jwt
import pytest
import uvicorn
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient
from starlette.testclient import TestClient

from notifications.sandbox import auth as sandbox_auth
from notifications.sandbox.app import create_app
from notifications.sandbox.rendering import render_body, render_subject
from notifications.sandbox.server import load_templates

SERVICE_ID = "0d6d3c8e-6f0a-4b43-9a7b-2f2c8a1e5b10"
SECRET = "9c2f7f46-1a4e-4b8e-8d51-3f6f0c2a7d99"
API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"
OTHER_SERVICE_ID = "7a1e0c55-3b3f-4d6e-a0d1-6c5b4a392811"
OTHER_SECRET = "1f0b2d3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
OTHER_API_KEY = f"other_key-{OTHER_SERVICE_ID}-{OTHER_SECRET}"

EMAIL_TEMPLATE_ID = "3b1f8a52-0c4d-4e8f-9a6b-7c2d1e0f9a11"
SMS_TEMPLATE_ID = "8e5d4c3b-2a19-4f8e-b7d6-c5b4a3928172"
UNKNOWN_TEMPLATE_ID = "00000000-0000-4000-8000-000000000000"

TEMPLATES = {
    EMAIL_TEMPLATE_ID: {
        "name": "sign_in_code (email)",
        "type": "email",
        "subject": "((code)) is your security code",
        "body": "Your code is ((code)).\n\nIt expires in ((minutes)) minutes.",
    },
    SMS_TEMPLATE_ID: {
        "name": "documents_needed (sms)",
        "type": "sms",
        "subject": None,
        "body": "Hello ((First Name)), please send us: ((documents))",
    },
}

EMAIL_PERSONALISATION = {"code": "481516", "minutes": 15}


def bearer(secret: str = SECRET, service_id: str = SERVICE_ID, **claims: object) -> str:
    payload = {"iss": service_id, "iat": int(time.time()), **claims}
    payload = {key: value for key, value in payload.items() if value is not None}
    return "Bearer " + jwt.encode(payload, secret, algorithm="HS256")


def email_request(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "template_id": EMAIL_TEMPLATE_ID,
        "email_address": "parent@example.com",
        "personalisation": EMAIL_PERSONALISATION,
        "reference": "application-42",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def errors_of(response: httpx.Response) -> list[dict[str, str]]:
    body = response.json()
    assert body["status_code"] == response.status_code
    return body["errors"]


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app([API_KEY, OTHER_API_KEY], TEMPLATES))


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    """The sandbox served over real HTTP, as the Notify client needs."""
    app = create_app([API_KEY], TEMPLATES)
    # Bound before uvicorn starts, so no other process can take the port in between.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "sandbox did not start"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


# --- through the real notifications-python-client -------------------------------------


def test_real_client_sends_an_email_and_reads_it_back(sandbox_url: str) -> None:
    notify = NotificationsAPIClient(API_KEY, base_url=sandbox_url)

    sent = notify.send_email_notification(
        email_address="parent@example.com",
        template_id=EMAIL_TEMPLATE_ID,
        personalisation=EMAIL_PERSONALISATION,
        reference="email-roundtrip",
    )

    assert sent["content"] == {
        "subject": "481516 is your security code",
        "body": "Your code is 481516.\n\nIt expires in 15 minutes.",
        "from_email": "local.sandbox@notifications.service.gov.uk",
    }
    assert sent["reference"] == "email-roundtrip"
    assert sent["uri"] == f"{sandbox_url}/v2/notifications/{sent['id']}"
    assert sent["template"]["id"] == EMAIL_TEMPLATE_ID
    assert sent["template"]["version"] == 1
    assert sent["scheduled_for"] is None

    fetched = notify.get_notification_by_id(sent["id"])

    assert fetched["id"] == sent["id"]
    assert fetched["type"] == "email"
    assert fetched["status"] == "delivered"
    assert fetched["email_address"] == "parent@example.com"
    assert fetched["phone_number"] is None
    assert fetched["subject"] == "481516 is your security code"
    assert fetched["body"] == sent["content"]["body"]
    assert fetched["reference"] == "email-roundtrip"
    assert fetched["template"]["id"] == EMAIL_TEMPLATE_ID
    assert fetched["created_at"].endswith("Z")
    assert fetched["completed_at"] is not None


def test_real_client_sends_a_text_message_with_a_list(sandbox_url: str) -> None:
    notify = NotificationsAPIClient(API_KEY, base_url=sandbox_url)

    sent = notify.send_sms_notification(
        phone_number="07700 900123",
        template_id=SMS_TEMPLATE_ID,
        personalisation={"first_name": "Sam", "documents": ["payslip", "tenancy agreement"]},
        reference="sms-roundtrip",
    )

    assert sent["content"] == {
        "body": "Hello Sam, please send us: \n\n* payslip\n* tenancy agreement",
        "from_number": "GOVUK",
    }
    fetched = notify.get_notification_by_id(sent["id"])
    assert fetched["type"] == "sms"
    assert fetched["phone_number"] == "07700 900123"
    assert fetched["subject"] is None

    # The local listing finds the message however the number is written.
    found = httpx.get(f"{sandbox_url}/_sandbox/messages", params={"to": "+447700900123"}).json()
    assert [message["id"] for message in found] == [sent["id"]]


def test_real_client_raises_notify_errors(sandbox_url: str) -> None:
    notify = NotificationsAPIClient(API_KEY, base_url=sandbox_url)

    with pytest.raises(HTTPError) as raised:
        notify.send_email_notification(
            email_address="parent@example.com", template_id=UNKNOWN_TEMPLATE_ID
        )

    assert raised.value.status_code == 400
    assert raised.value.message == [{"error": "BadRequestError", "message": "Template not found"}]


def test_real_client_with_an_unknown_key_is_refused(sandbox_url: str) -> None:
    wrong_secret = f"test_key-{SERVICE_ID}-{uuid.uuid4()}"
    notify = NotificationsAPIClient(wrong_secret, base_url=sandbox_url)

    with pytest.raises(HTTPError) as raised:
        notify.send_email_notification("parent@example.com", EMAIL_TEMPLATE_ID)

    assert raised.value.status_code == 403
    assert raised.value.message == [
        {"error": "AuthError", "message": "Invalid token: API key not found"}
    ]


# --- authentication ------------------------------------------------------------------


def test_missing_authorization_header_is_401(client: TestClient) -> None:
    response = client.post("/v2/notifications/email", json=email_request())

    assert response.status_code == 401
    assert response.json() == {
        "status_code": 401,
        "errors": [
            {
                "error": "AuthError",
                "message": "Unauthorized: authentication token must be provided",
            }
        ],
    }


def test_non_bearer_scheme_is_401(client: TestClient) -> None:
    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": API_KEY}
    )

    assert response.status_code == 401
    assert errors_of(response)[0]["message"] == (
        "Unauthorized: authentication bearer scheme must be used"
    )


def test_bad_token_is_403(client: TestClient) -> None:
    response = client.post(
        "/v2/notifications/email",
        json=email_request(),
        headers={"Authorization": "Bearer not-a-jwt"},
    )

    assert response.status_code == 403
    assert errors_of(response)[0]["error"] == "AuthError"
    assert errors_of(response)[0]["message"].startswith("Invalid token: make sure your API token")


@pytest.mark.parametrize("skew", [-31, 31, -600])
def test_token_issued_more_than_30_seconds_away_is_403(
    client: TestClient, skew: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sandbox's clock is held still: a second ticking over between signing and
    # checking would otherwise bring a token 31 seconds ahead within the 30 allowed.
    now = int(time.time())
    monkeypatch.setattr(sandbox_auth, "time", SimpleNamespace(time=lambda: now))
    header = bearer(iat=now + skew)

    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": header}
    )

    assert response.status_code == 403
    assert errors_of(response) == [
        {
            "error": "AuthError",
            "message": "Error: Your system clock must be accurate to within 30 seconds",
        }
    ]


def test_token_within_30_seconds_is_accepted(client: TestClient) -> None:
    header = bearer(iat=int(time.time()) - 25)

    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": header}
    )

    assert response.status_code == 201


def test_token_signed_with_an_unknown_secret_is_403(client: TestClient) -> None:
    header = bearer(secret=str(uuid.uuid4()))

    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": header}
    )

    assert response.status_code == 403
    assert errors_of(response) == [
        {"error": "AuthError", "message": "Invalid token: API key not found"}
    ]


def test_token_for_an_unknown_service_is_403(client: TestClient) -> None:
    header = bearer(service_id=str(uuid.uuid4()))

    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": header}
    )

    assert response.status_code == 403
    assert errors_of(response)[0]["message"] == "Invalid token: service not found"


def test_token_without_iss_is_403(client: TestClient) -> None:
    header = "Bearer " + jwt.encode({"iat": int(time.time())}, SECRET, algorithm="HS256")

    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": header}
    )

    assert response.status_code == 403
    assert errors_of(response)[0]["message"] == "Invalid token: iss field not provided"


def test_token_not_signed_with_hs256_is_403(client: TestClient) -> None:
    payload = {"iss": SERVICE_ID, "iat": int(time.time())}
    header = "Bearer " + jwt.encode(payload, SECRET * 2, algorithm="HS512")

    response = client.post(
        "/v2/notifications/email", json=email_request(), headers={"Authorization": header}
    )

    assert response.status_code == 403
    assert errors_of(response)[0]["message"] == "Invalid token: algorithm used is not HS256"


def test_the_official_client_token_is_accepted(client: TestClient) -> None:
    from notifications_python_client.authentication import create_jwt_token

    token = create_jwt_token(SECRET, SERVICE_ID)

    response = client.post(
        "/v2/notifications/email",
        json=email_request(),
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 201


# --- sending -------------------------------------------------------------------------


def send_email(client: TestClient, body: object, **token_args: str) -> httpx.Response:
    return client.post(
        "/v2/notifications/email", json=body, headers={"Authorization": bearer(**token_args)}
    )


def test_unknown_template_is_400(client: TestClient) -> None:
    response = send_email(client, email_request(template_id=UNKNOWN_TEMPLATE_ID))

    assert response.status_code == 400
    assert response.json() == {
        "status_code": 400,
        "errors": [{"error": "BadRequestError", "message": "Template not found"}],
    }


def test_missing_personalisation_lists_every_field_in_template_order(client: TestClient) -> None:
    response = send_email(client, email_request(personalisation={"minutes": None}))

    assert response.status_code == 400
    assert errors_of(response) == [
        {"error": "BadRequestError", "message": "Missing personalisation: code, minutes"}
    ]


def test_personalisation_keys_match_ignoring_case_and_separators(client: TestClient) -> None:
    response = client.post(
        "/v2/notifications/sms",
        json={
            "template_id": SMS_TEMPLATE_ID,
            "phone_number": "+44 7700 900456",
            "personalisation": {"FIRST-NAME": "Alex", "documents": "a payslip"},
        },
        headers={"Authorization": bearer()},
    )

    assert response.status_code == 201
    assert response.json()["content"]["body"] == "Hello Alex, please send us: a payslip"


def test_template_of_the_wrong_type_is_400(client: TestClient) -> None:
    response = send_email(client, email_request(template_id=SMS_TEMPLATE_ID))

    assert response.status_code == 400
    assert errors_of(response) == [
        {
            "error": "BadRequestError",
            "message": "sms template is not suitable for email notification",
        }
    ]


@pytest.mark.parametrize(
    "address", ["not-an-email", "parent@example", "parent..x@example.com", "a b@example.com"]
)
def test_invalid_email_address_is_400(client: TestClient, address: str) -> None:
    response = send_email(client, email_request(email_address=address))

    assert response.status_code == 400
    assert errors_of(response) == [
        {"error": "ValidationError", "message": "email_address Not a valid email address"}
    ]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("07700 90012", "phone_number Not enough digits"),
        ("077009001234", "phone_number Too many digits"),
        ("0770090012a", "phone_number Must not contain letters or symbols"),
        ("020 7946 0000", "phone_number Not a UK mobile number"),
    ],
)
def test_invalid_phone_number_is_400(client: TestClient, number: str, message: str) -> None:
    response = client.post(
        "/v2/notifications/sms",
        json={"template_id": SMS_TEMPLATE_ID, "phone_number": number},
        headers={"Authorization": bearer()},
    )

    assert response.status_code == 400
    assert errors_of(response) == [{"error": "ValidationError", "message": message}]


def test_schema_problems_are_all_reported(client: TestClient) -> None:
    response = send_email(client, {"personalisation": ["not", "an", "object"], "reference": 7})

    assert response.status_code == 400
    assert {error["error"] for error in errors_of(response)} == {"ValidationError"}
    assert [error["message"] for error in errors_of(response)] == [
        "email_address is a required property",
        "template_id is a required property",
        "personalisation should contain key value pairs",
        "reference 7 is not of type string",
    ]


def test_template_id_that_is_not_a_uuid_is_400(client: TestClient) -> None:
    response = send_email(client, email_request(template_id="sign_in_code"))

    assert response.status_code == 400
    assert errors_of(response)[0]["message"] == "template_id is not a valid UUID"


def test_body_that_is_not_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/v2/notifications/email", content=b"{not json", headers={"Authorization": bearer()}
    )

    assert response.status_code == 400
    assert errors_of(response)[0]["error"] == "BadRequestError"
    assert errors_of(response)[0]["message"].startswith("Error decoding arguments:")


def test_auth_is_checked_before_the_body(client: TestClient) -> None:
    response = client.post("/v2/notifications/email", content=b"{not json")

    assert response.status_code == 401


def test_success_uses_notify_response_shape(client: TestClient) -> None:
    response = send_email(client, email_request())

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "reference", "content", "uri", "template", "scheduled_for"}
    assert uuid.UUID(body["id"])
    assert body["uri"] == f"http://testserver/v2/notifications/{body['id']}"
    assert body["template"] == {
        "id": EMAIL_TEMPLATE_ID,
        "version": 1,
        "uri": f"http://testserver/services/{SERVICE_ID}/templates/{EMAIL_TEMPLATE_ID}",
    }


# --- reading back --------------------------------------------------------------------


def test_unknown_notification_is_404(client: TestClient) -> None:
    response = client.get(f"/v2/notifications/{uuid.uuid4()}", headers={"Authorization": bearer()})

    assert response.status_code == 404
    assert response.json() == {
        "status_code": 404,
        "errors": [{"error": "NoResultFound", "message": "No result found"}],
    }


def test_notification_id_that_is_not_a_uuid_is_400(client: TestClient) -> None:
    response = client.get("/v2/notifications/123", headers={"Authorization": bearer()})

    assert response.status_code == 400
    assert errors_of(response) == [
        {"error": "ValidationError", "message": "notification_id is not a valid UUID"}
    ]


def test_another_services_notification_is_404(client: TestClient) -> None:
    sent = send_email(client, email_request()).json()

    other = bearer(secret=OTHER_SECRET, service_id=OTHER_SERVICE_ID)
    response = client.get(f"/v2/notifications/{sent['id']}", headers={"Authorization": other})

    assert response.status_code == 404


def test_reading_back_needs_a_valid_token(client: TestClient) -> None:
    sent = send_email(client, email_request()).json()

    response = client.get(
        f"/v2/notifications/{sent['id']}",
        headers={"Authorization": bearer(iat=int(time.time()) - 60)},
    )

    assert response.status_code == 403


# --- local tools ---------------------------------------------------------------------


def test_sandbox_messages_lists_filters_and_clears(client: TestClient) -> None:
    first = send_email(client, email_request(reference="ref-a")).json()
    second = send_email(
        client, email_request(reference="ref-b", email_address="Carer@Example.com")
    ).json()

    everything = client.get("/_sandbox/messages").json()
    assert [message["id"] for message in everything] == [first["id"], second["id"]]
    assert everything[0] == {
        "id": first["id"],
        "type": "email",
        "template_id": EMAIL_TEMPLATE_ID,
        "to": "parent@example.com",
        "subject": "481516 is your security code",
        "body": "Your code is 481516.\n\nIt expires in 15 minutes.",
        "personalisation": EMAIL_PERSONALISATION,
        "reference": "ref-a",
        "created_at": everything[0]["created_at"],
        "status": "delivered",
    }

    by_reference = client.get("/_sandbox/messages", params={"reference": "ref-b"}).json()
    assert [message["id"] for message in by_reference] == [second["id"]]
    by_recipient = client.get("/_sandbox/messages", params={"to": "carer@example.com"}).json()
    assert [message["id"] for message in by_recipient] == [second["id"]]

    assert client.delete("/_sandbox/messages").status_code == 204
    assert client.get("/_sandbox/messages").json() == []


def test_page_lists_messages_newest_first_and_escaped(client: TestClient) -> None:
    send_email(client, email_request(reference="older"))
    send_email(
        client,
        email_request(reference="newer", personalisation={"code": "<b>1</b>", "minutes": 5}),
    )

    page = client.get("/")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in page.text
    assert "&lt;b&gt;1&lt;/b&gt;" in page.text
    assert "<b>1</b>" not in page.text
    assert page.text.index("newer") < page.text.index("older")


def test_page_says_when_there_are_no_messages(client: TestClient) -> None:
    page = client.get("/")

    assert "No messages received yet." in page.text


# --- rendering and wiring ------------------------------------------------------------


def test_lists_are_bullets_in_bodies_and_inline_in_subjects() -> None:
    values = {"items": ["one", " two ", None, ""]}

    assert render_body("You need: ((items))", values) == "You need: \n\n* one\n* two"
    assert render_subject("You need ((items))", values) == "You need one and two"


def test_conditional_placeholders_show_text_only_when_true() -> None:
    text = "Hello.((late?? Your form is late.))"

    assert render_body(text, {"late": "yes"}) == "Hello. Your form is late."
    assert render_body(text, {"late": "no"}) == "Hello."


def test_malformed_api_key_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match="Not a Notify-format API key"):
        create_app(["not-a-key"], TEMPLATES)


def test_default_templates_include_the_casework_messages() -> None:
    from casework.messages import SIGN_IN_CODE

    templates = load_templates()

    template_id = SIGN_IN_CODE.template_id("email")
    assert templates[template_id]["type"] == "email"
    sandbox = TestClient(create_app([API_KEY], templates))
    response = send_email(
        sandbox,
        email_request(template_id=template_id, personalisation={"code": "123456", "minutes": 15}),
    )
    assert response.status_code == 201
    assert response.json()["content"]["subject"] == "123456 is your security code"
