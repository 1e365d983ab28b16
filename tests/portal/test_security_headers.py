"""Pages are never stored by browsers or proxies; HTTPS is insisted on once used."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from portal.app import STATIC_DIR


def a_static_file() -> str:
    path = next(p for p in sorted(Path(STATIC_DIR).rglob("*")) if p.is_file())
    return "/static/" + path.relative_to(STATIC_DIR).as_posix()


def test_pages_are_not_stored_but_static_files_may_be(anonymous):
    for path in ("/", "/sign-in", "/backoffice/sign-in", "/no-such-page"):
        assert anonymous.get(path).headers["cache-control"] == "no-store", path
    static = anonymous.get(a_static_file())
    assert static.status_code == 200
    assert static.headers.get("cache-control") != "no-store"


def test_hsts_only_over_https(app):
    assert "strict-transport-security" not in TestClient(app).get("/").headers
    secure = TestClient(app, base_url="https://testserver").get("/")
    assert secure.headers["strict-transport-security"].startswith("max-age=31536000")
