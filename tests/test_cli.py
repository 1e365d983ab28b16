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
        ["import-school-calendar"],
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
    assert first.output == second.output  # the same officers and passwords, printed again
    with db.transaction() as session:
        # An administrator and at least one officer per service (some have an authorised
        # officer too), made once however often it runs.
        emails = session.scalars(select(Officer.email)).all()
        assert len(emails) == len(set(emails)) >= 1 + len(all_services())


def test_import_school_calendar_imports_a_file_or_lists_its_problems(clean_db, tmp_path):
    from casework.models import SchoolTerm
    from casework.settings import PROJECT_ROOT

    example = PROJECT_ROOT / "docs" / "school-calendar-example.csv"
    result = CliRunner().invoke(main, ["import-school-calendar", str(example)])
    assert result.exit_code == 0, result.output
    assert "The council's term dates: 6 terms and 6 closure days for 2026 to 2027" in result.output

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "calendar,type,name,first_day,last_day\ncouncil,term,Autumn,2027-09-01,2027-08-01\n"
    )
    result = CliRunner().invoke(main, ["import-school-calendar", str(bad)])
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output
    assert "Row 2, column last_day: The last day, 1 August 2027, is before" in result.output
    with db.transaction() as session:
        assert len(session.scalars(select(SchoolTerm)).all()) == 12
