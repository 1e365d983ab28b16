"""The `portal` command's account administration, on the test database."""

from click.testing import CliRunner
from sqlalchemy import select

from casework import accounts, db
from casework.catalogue import all_services
from casework.models import ApiClient, Officer
from casework.security import hash_token
from portal.cli import main


def test_every_command_has_help():
    runner = CliRunner()
    for command in (
        [],
        ["serve"],
        ["worker"],
        ["migrate"],
        ["seed-demo"],
        ["notify-sandbox"],
        ["officer", "create"],
        ["api-client", "create"],
    ):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_officer_create_prints_a_one_time_password_last(clean_db):
    result = CliRunner().invoke(
        main,
        ["officer", "create", "--email", "o@northshire.example", "--role", "free-school-meals"],
    )
    assert result.exit_code == 0, result.output
    password = result.output.strip().splitlines()[-1]
    with db.transaction() as session:
        officer = session.scalars(select(Officer)).one()
        assert officer.roles == ["free-school-meals"]
        assert password not in officer.password_hash
        assert accounts.authenticate_officer(session, "o@northshire.example", password)


def test_officer_create_rejects_unknown_roles(clean_db):
    result = CliRunner().invoke(
        main, ["officer", "create", "--email", "o@x.example", "--role", "boss"]
    )
    assert result.exit_code != 0
    assert "unknown role boss" in result.output


def test_api_client_token_is_shown_once_and_only_its_hash_stored(clean_db):
    result = CliRunner().invoke(
        main,
        [
            "api-client",
            "create",
            "--name",
            "assistant",
            "--scopes",
            "services:read,applications:read",
        ],
    )
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    with db.transaction() as session:
        client = session.scalars(select(ApiClient)).one()
        assert client.token_hash == hash_token(token)
        assert client.scopes == ["services:read", "applications:read"]
        assert accounts.authenticate_api_token(session, token).name == "assistant"


def test_seed_demo_is_repeatable(clean_db):
    first = CliRunner().invoke(main, ["seed-demo"])
    second = CliRunner().invoke(main, ["seed-demo"])
    assert first.exit_code == second.exit_code == 0
    assert "admin@northshire.example" in second.output
    with db.transaction() as session:
        # An administrator and one officer per service.
        assert len(session.scalars(select(Officer)).all()) == 1 + len(all_services())
