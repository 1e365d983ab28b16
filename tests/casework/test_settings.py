"""Settings: local addresses follow local ports unless an address is given outright."""

from casework.settings import Settings


def test_local_addresses_follow_the_ports(monkeypatch):
    for name in ("PUBLIC_BASE_URL", "NOTIFY_BASE_URL", "ECS_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(portal_port=8300, notify_sandbox_port=8301, ecs_port=8302)
    assert settings.public_base_url == "http://127.0.0.1:8300"
    assert settings.notify_base_url == "http://127.0.0.1:8301"
    assert settings.ecs_base_url == "http://127.0.0.1:8302"


def test_an_address_given_outright_wins(monkeypatch):
    monkeypatch.setenv("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
    settings = Settings(notify_sandbox_port=8301)
    assert settings.notify_base_url == "https://api.notifications.service.gov.uk"
