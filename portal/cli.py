"""The `portal` command: serve, work, migrate, seed, sandboxes, and account administration."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import click

from casework import accounts, db
from casework.settings import PROJECT_ROOT, SANDBOX_API_KEY, VAR_DIR, get_settings
from notifications.queues import NOTIFY_QUEUES


@click.group(help="Children's services portal.")
def main() -> None:
    pass


@main.command(help="Serve the portal (citizens, API and back office) with uvicorn.")
@click.option("--host", default=None, help="Address to bind (default: PORTAL_HOST).")
@click.option("--port", type=int, default=None, help="Port (default: PORTAL_PORT).")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str | None, port: int | None, reload: bool) -> None:
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "portal.app:create_app",
        factory=True,
        host=host or settings.portal_host,
        port=port or settings.portal_port,
        reload=reload,
        proxy_headers=True,
    )


@main.command(help="Run a Celery worker for the default and notify queues.")
@click.option("--queues", default=f"default,{NOTIFY_QUEUES}", show_default=True)
@click.option("--concurrency", type=int, default=2, show_default=True)
@click.option("--beat", is_flag=True, help="Also run the periodic sweeps (one process only).")
def worker(queues: str, concurrency: int, beat: bool) -> None:
    from portal.worker import celery_app

    argv = ["worker", "--loglevel=INFO", f"--queues={queues}", f"--concurrency={concurrency}"]
    if beat:
        VAR_DIR.mkdir(exist_ok=True)
        argv += ["--beat", f"--schedule={VAR_DIR / 'celerybeat-schedule'}"]
    celery_app.worker_main(argv)


@main.command(help="Apply database migrations and load default rule data.")
def migrate() -> None:
    from casework.migrate import migrate as apply_migrations

    apply_migrations()
    click.echo(f"Database is up to date: {_safe_url(get_settings().database_url)}")


@main.command("seed-demo", help="Load demo schools and officers, and print their credentials.")
def seed_demo() -> None:
    from casework.demo import seed

    with db.transaction() as session:
        credentials = seed(session)
    click.echo("Demo officers (back office at /backoffice/sign-in):")
    for email, password, roles in credentials:
        click.echo(f"  {email}  password: {password}  roles: {', '.join(roles)}")
    click.echo(
        "Demo applicants (sign in at /sign-in; the code arrives in the Notify sandbox):\n"
        "  employer@northshire.example  child employment permits\n"
        "  producer@northshire.example  a child performance licence in progress"
    )


@main.command(
    "import-school-calendar",
    help="Import term dates and closure days from a CSV file (docs/school-calendars.md).",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
def import_school_calendar(file: str) -> None:
    from casework.school_calendar_csv import MAX_FILE_BYTES
    from casework.school_calendars import CalendarProblems, import_csv

    with open(file, "rb") as handle:
        # One byte more than allowed is enough to say the file is too big.
        data = handle.read(MAX_FILE_BYTES + 1)
    try:
        with db.transaction() as session:
            imported = import_csv(session, data)
    except CalendarProblems as exc:
        count = len(exc.problems)
        click.echo(
            f"Nothing was imported: {file} has {count} problem{'' if count == 1 else 's'}.",
            err=True,
        )
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        raise SystemExit(1) from None
    click.echo(f"Imported {file}. For each calendar, the academic years in the file were replaced:")
    for line in imported.summary():
        click.echo(f"  {line}")
    click.echo(f"Running deadlines with a new date: {imported.clocks_moved}")


@main.command("notify-sandbox", help="Run the local GOV.UK Notify-compatible sandbox.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="Port (default: NOTIFY_SANDBOX_PORT).")
@click.option("--rate-limit", type=int, default=3000, show_default=True, help="Per key per 60 s.")
@click.option("--daily-limit", type=int, default=250_000, show_default=True)
@click.option("--receipt-delay", type=float, default=1.0, show_default=True, help="Seconds.")
@click.option(
    "--callback-url",
    default=None,
    help="Where delivery receipts go (default: the portal's /notifications/callbacks/delivery).",
)
@click.option("--inbound-callback-url", default=None, help="Where inbound texts go.")
@click.option("--no-callbacks", is_flag=True, help="Send no receipts or inbound texts.")
@click.option("--max-messages", type=int, default=10_000, show_default=True)
def notify_sandbox(
    host: str,
    port: int | None,
    rate_limit: int,
    daily_limit: int,
    receipt_delay: float,
    callback_url: str | None,
    inbound_callback_url: str | None,
    no_callbacks: bool,
    max_messages: int,
) -> None:
    from notifications.sandbox.control import SandboxConfig
    from notifications.sandbox.server import run

    settings = get_settings()
    keys = sorted({settings.notify_api_key, SANDBOX_API_KEY})
    base = settings.public_base_url.rstrip("/")
    config = SandboxConfig(
        rate_limit=rate_limit,
        daily_limit=daily_limit,
        receipt_delay=receipt_delay,
        callback_url=None
        if no_callbacks
        else callback_url or f"{base}/notifications/callbacks/delivery",
        inbound_callback_url=None
        if no_callbacks
        else inbound_callback_url or f"{base}/notifications/callbacks/inbound-sms",
        callback_token=settings.notify_callback_token,
    )
    run(host, port or settings.notify_sandbox_port, keys, config, max_messages)


@main.command("eligibility-fake", help="Run the local fake of DfE's eligibility checker.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="Port (default: ECS_PORT).")
def eligibility_fake(host: str, port: int | None) -> None:
    from portal.fakes.dfe_eligibility import run

    settings = get_settings()
    run(host, port or settings.ecs_port, settings.ecs_client_id, settings.ecs_client_secret)


@main.group(help="Manage officers.")
def officer() -> None:
    pass


@officer.command("create", help="Create an officer; prints a one-time password on the last line.")
@click.option("--email", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    help="admin, manager (sees the team's cases by officer), calendars (changes term dates"
    " and closure days), a service slug, or <service>:authorise (makes its statutory"
    " decisions).",
)
@click.option("--name", default=None, help="Display name (default: the email address).")
def officer_create(email: str, roles: tuple[str, ...], name: str | None) -> None:
    from casework.catalogue import all_services
    from casework.school_calendars import EDITOR_ROLE
    from casework.workflow import authoriser_role

    known = {
        "admin",
        "manager",
        EDITOR_ROLE,
        *(service.slug for service in all_services()),
        # Officers the council authorises to make a service's statutory decisions.
        *(authoriser_role(service.slug) for service in all_services()),
    }
    unknown = set(roles) - known
    if unknown:
        raise click.BadParameter(
            f"unknown role {', '.join(sorted(unknown))}; choose from {', '.join(sorted(known))}"
        )
    with db.transaction() as session:
        password = accounts.create_officer(session, email, name or email, list(roles))
    click.echo(f"Officer {email} created with roles {', '.join(roles)}. One-time password:")
    click.echo(password)


@officer.command("unlock", help="Lift a lockout after too many wrong passwords, before it ends.")
@click.argument("email")
def officer_unlock(email: str) -> None:
    with db.transaction() as session:
        found = accounts.unlock_officer(session, email)
    if not found:
        raise click.ClickException(f"There is no officer with the email address {email}")
    click.echo(f"Officer {email} is unlocked and can sign in again.")


@officer.command(
    "reset-2fa", help="Forget an officer's security code (a lost phone) and sign them out."
)
@click.argument("email")
def officer_reset_two_factor(email: str) -> None:
    with db.transaction() as session:
        found = accounts.reset_second_factor(session, email)
    if not found:
        raise click.ClickException(f"There is no officer with the email address {email}")
    click.echo(
        f"Officer {email}'s security code is reset and they are signed out. They set up a new"
        " one when they next sign in (administrators must)."
    )


@main.group("api-client", help="Manage JSON API clients.")
def api_client() -> None:
    pass


@api_client.command("create", help="Create an API client; prints its token once, on the last line.")
@click.option("--name", required=True)
@click.option("--scopes", required=True, help=f"Comma-separated: {','.join(accounts.API_SCOPES)}")
def api_client_create(name: str, scopes: str) -> None:
    wanted = [scope.strip() for scope in scopes.split(",") if scope.strip()]
    try:
        with db.transaction() as session:
            token = accounts.create_api_client(session, name, wanted)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(f"API client {name} created with scopes {', '.join(wanted)}. Token (shown once):")
    click.echo(token)


ASSISTANT_SCOPES = (
    "services:read",
    "eligibility:check",
    "applications:write",
    "applications:read",
    "enquiries:write",
)


def assistant_token_file() -> str:
    """A file holding the local assistant's API token, made (or remade) when needed."""
    path = VAR_DIR / "assistant-api-token"
    with db.transaction() as session:
        if path.exists():
            principal = accounts.authenticate_api_token(session, path.read_text().strip())
            if principal is not None and set(ASSISTANT_SCOPES) <= principal.scopes:
                return str(path)
        token = accounts.create_api_client(session, "assistant (local)", list(ASSISTANT_SCOPES))
    VAR_DIR.mkdir(exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(token + "\n")
    return str(path)


@main.command("run-local", help="Run the whole product locally until Ctrl-C.")
@click.option("--no-assistant", is_flag=True, help="Do not start Rasa and its action server.")
def run_local(no_assistant: bool) -> None:
    """Starts the sandboxes, a worker with the periodic sweeps, the portal and the assistant."""
    settings = get_settings()
    me = [sys.executable, "-m", "portal.cli"]
    bot = [sys.executable, str(PROJECT_ROOT / "bot" / "manage.py")]
    env = os.environ.copy()
    processes = {
        "Notify sandbox": (me + ["notify-sandbox"], env),
        "eligibility fake": (me + ["eligibility-fake"], env),
        "worker": (me + ["worker", "--beat", "--concurrency=2"], env),
        "portal": (me + ["serve"], env),
    }
    if not no_assistant:
        actions_env = {
            **env,
            "RASA_ACTIONS_PORT": str(settings.rasa_actions_port),
            "PORTAL_API_URL": f"{settings.public_base_url.rstrip('/')}/api/v1",
            # A token given outright wins; otherwise one kept in var/ for the local database.
            **(
                {"PORTAL_API_TOKEN": env["PORTAL_API_TOKEN"]}
                if env.get("PORTAL_API_TOKEN")
                else {"PORTAL_API_TOKEN_FILE": assistant_token_file()}
            ),
        }
        rasa_env = {
            **env,
            "RASA_PORT": str(settings.rasa_port),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{settings.rasa_actions_port}/webhook",
        }
        processes["assistant actions"] = (bot + ["actions"], actions_env)
        processes["assistant"] = (bot + ["serve"], rasa_env)
    started: list[subprocess.Popen[bytes]] = []
    _stop_on_signals()
    try:
        for command, command_env in processes.values():
            started.append(subprocess.Popen(command, env=command_env))  # noqa: S603
        click.echo("")
        click.echo(f"Portal:          http://{settings.portal_host}:{settings.portal_port}/")
        click.echo(
            f"Back office:     http://{settings.portal_host}:{settings.portal_port}/backoffice/"
        )
        click.echo(f"Notify sandbox:  {settings.notify_base_url}/")
        click.echo(
            f"Eligibility fake:{settings.ecs_base_url}/ (test identities: portal/fakes/README.md)"
        )
        if not no_assistant:
            click.echo(
                f"Assistant:       http://{settings.portal_host}:{settings.portal_port}/assistant"
                f" (Rasa {settings.rasa_url}/, actions http://127.0.0.1:"
                f"{settings.rasa_actions_port}/; ready about 30 seconds after start)"
            )
        click.echo("Press Ctrl-C to stop everything.")
        while all(process.poll() is None for process in started):
            time.sleep(0.5)
        click.echo("A process stopped; stopping the rest.", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _stop_on_signals() -> None:
    """Ctrl-C, a closed terminal or a kill all stop everything run-local started.

    Python ignores SIGINT when its parent did (a job started with & by a script), and dies
    on SIGTERM without cleaning up; both would leave the servers running.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


def _safe_url(url: str) -> str:
    """The database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    main()
