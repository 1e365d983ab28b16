"""How fast the portal answers its busiest requests, at ten times the council's volumes.

One command (``make benchmark`` runs it with the others):

    .venv/bin/python benchmarks/portal_pages.py [--cases 80000] [--seconds 5] [--concurrency 8]

It makes a fresh PostgreSQL database, loads ``--cases`` free school meals cases (ten times a
year's applications across the council's services is about 300,000; 80,000 open and closed
cases in one service's queue is the hard part), starts ``portal serve`` (one uvicorn process)
and drives each request with ``--concurrency`` clients for ``--seconds``. Every figure is
printed as a ratio against the baseline measured in the same run: the home page, which
renders a template and touches no database. Ratios hold across machines; seconds do not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench"
)
PORT = int(os.environ.get("BENCH_PORTAL_PORT", "18400"))
BASE = f"http://127.0.0.1:{PORT}"
os.environ.update(
    {
        "DATABASE_URL": DATABASE_URL,
        "CELERY_BROKER_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        "PORTAL_PORT": str(PORT),
        "SECRET_KEY": "benchmark-secret",
    }
)

from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from casework import accounts, db  # noqa: E402
from casework.catalogue import get_service  # noqa: E402
from casework.migrate import migrate  # noqa: E402
from casework.models import Case, CaseClock, OutboxMessage, Person, School  # noqa: E402
from casework.references import new_reference  # noqa: E402

# A week of a 14-year-old's term-time hours with two breaches, for the rules check.
HOURS_PROPOSAL = {
    "age": 14,
    "period": "term",
    "occupation": "shop_work",
    "shifts": {
        "mon": [["16:00", "18:00"]],
        "wed": [["16:00", "18:30"]],
        "sat": [["08:00", "14:00"]],
        "sun": [["10:00", "12:00"]],
    },
}
STATUSES = ("needs_review", "awaiting_evidence", "awarded", "refused", "check_unavailable")


def fresh_database() -> None:
    url = make_url(DATABASE_URL)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    migrate()


def _letters(n: int) -> str:
    """A name for person n: names are letters, not digits."""
    word = ""
    while True:
        n, digit = divmod(n, 26)
        word = chr(ord("a") + digit) + word
        if not n:
            return word.capitalize()


def answers(n: int) -> dict:
    return {
        "first_name": "Parent",
        "last_name": f"Number{_letters(n)}",
        "date_of_birth": "1988-05-17",
        "identifier_type": "nino",
        "national_insurance_number": "AB123456C",
        "address_line_1": f"{n} High Street",
        "town": "Northtown",
        "postcode": "NT1 1AA",
        "email": f"parent{n}@example.com",
        "consent": True,
        "children": [
            {
                "first_name": "Child",
                "last_name": f"Number{_letters(n)}",
                "date_of_birth": "2016-09-01",
                "school_urn": "100001",
            }
        ],
    }


def load_cases(count: int, citizen_email: str) -> str:
    """Bulk-load cases (the web journey is measured, not used, to fill the table)."""
    service = get_service("free-school-meals")
    rng = random.Random(7)  # noqa: S311 - repeatable test data
    today = date.today()
    with db.transaction() as session:
        session.add(School(urn="100001", name="Northshire Primary School", phase="primary"))
        citizen = Person(email=citizen_email)
        session.add(citizen)
        session.flush()
        rows = [
            {
                "reference": new_reference(service.reference_prefix),
                "service": service.slug,
                "status": rng.choice(STATUSES),
                "channel": "web",
                "answers": answers(n),
                "contact_email": f"parent{n}@example.com",
                "due_on": today + timedelta(days=rng.randint(-20, 20)),
                "applicant_id": citizen.id if n < 5 else None,
            }
            for n in range(count)
        ]
        for start in range(0, count, 5000):
            session.execute(insert(Case), rows[start : start + 5000])
        # Each case's decision clock, as the portal keeps it: running for open cases (some
        # near their date, some past it), stopped for decided ones.
        open_states = set(service.workflow.open_states)
        clocks = [
            {
                "case_id": case_id,
                "service": service.slug,
                "clock": "decision",
                "started_on": due_on - timedelta(days=14),
                "due_on": due_on,
                "warn_on": due_on - timedelta(days=2),
                "paused_days": 0,
                "stopped_on": None if status in open_states else due_on - timedelta(days=1),
                "in_time": None if status in open_states else rng.random() < 0.8,  # noqa: S311
            }
            for case_id, status, due_on in session.execute(
                select(Case.id, Case.status, Case.due_on)
            )
        ]
        for start in range(0, count, 5000):
            session.execute(insert(CaseClock), clocks[start : start + 5000])
    # Fresh statistics, as autovacuum would have by the time a real table grew this big.
    with db.get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE cases"))
        connection.execute(text("VACUUM ANALYZE case_clocks"))
    return rows[0]["reference"]


def start_portal() -> subprocess.Popen[bytes]:
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "portal.cli", "serve", "--port", str(PORT)],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{BASE}/", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("The portal did not start")


def csrf(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def signed_in_officer() -> httpx.Cookies:
    with db.transaction() as session:
        password = accounts.create_officer(
            session, "bench@northshire.example", "Bench", ["free-school-meals"]
        )
    with httpx.Client(base_url=BASE) as client:
        token = csrf(client.get("/backoffice/sign-in").text)
        client.post(
            "/backoffice/sign-in",
            data={"email": "bench@northshire.example", "password": password, "csrf_token": token},
        )
        return client.cookies


def signed_in_citizen(email: str) -> httpx.Cookies:
    with httpx.Client(base_url=BASE) as client:
        token = csrf(client.get("/sign-in").text)
        client.post("/sign-in", data={"email": email, "csrf_token": token})
        with db.transaction() as session:
            code = session.scalars(
                select(OutboxMessage.personalisation)
                .where(OutboxMessage.recipient == email)
                .order_by(OutboxMessage.created_at.desc())
            ).first()["code"]
        client.post("/sign-in/code", data={"code": code, "csrf_token": token})
        return client.cookies


async def drive(request, seconds: float, concurrency: int) -> tuple[float, list[float]]:
    """Requests a second and each request's latency, with ``concurrency`` clients."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    async def client_loop(client: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            response = await request(client)
            if response.status_code >= 400:
                raise SystemExit(
                    f"{response.request.url} answered {response.status_code}: {response.text}"
                )
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=BASE, limits=limits, timeout=30) as client:
        started = time.monotonic()
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    return len(latencies) / elapsed, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=80_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    print(f"Loading {args.cases:,} cases into a fresh database…", flush=True)
    fresh_database()
    reference = load_cases(args.cases, "bench.parent@example.com")
    portal = start_portal()
    try:
        officer = signed_in_officer()
        citizen = signed_in_citizen("bench.parent@example.com")
        with db.transaction() as session:
            api_token = accounts.create_api_client(
                session, "bench", ["applications:read", "applications:write", "services:read"]
            )
        bearer = {"Authorization": f"Bearer {api_token}"}
        submitted = iter(range(10**9))

        requests = {
            "home page (baseline)": lambda c: c.get("/"),
            "static stylesheet": lambda c: c.get("/static/css/main.css"),
            "API: application status": lambda c: c.get(
                f"/api/v1/applications/{reference}",
                params={"second_factor": "2016-09-01"},
                headers=bearer,
            ),
            "API: submit an application": lambda c: c.post(
                "/api/v1/applications",
                json={
                    "service": "free-school-meals",
                    "answers": answers(next(submitted)),
                    "channel": "api",
                },
                headers=bearer,
            ),
            "citizen: your applications": lambda c: c.get("/account/applications", cookies=citizen),
            # The form runner: a step rendered from its declared questions, and a list item
            # whose select is filled from the database (the council's schools).
            "citizen: a question page": lambda c: c.get(
                "/apply/free-school-meals/name", cookies=citizen
            ),
            "citizen: an item page with choices": lambda c: c.get(
                "/apply/free-school-meals/children/new", cookies=citizen
            ),
            "officer: paper form (every step)": lambda c: c.get(
                "/backoffice/services/free-school-meals/new", cookies=officer
            ),
            "officer: queue, first page": lambda c: c.get("/backoffice/", cookies=officer),
            "officer: queue, overdue filter": lambda c: c.get(
                "/backoffice/?status=needs_review&overdue=yes", cookies=officer
            ),
            "officer: queue, due soon filter": lambda c: c.get(
                "/backoffice/?due_soon=yes", cookies=officer
            ),
            "officer: case page": lambda c: c.get(
                f"/backoffice/cases/{reference}", cookies=officer
            ),
            # Counts by clock and officer, and a year of decided-in-time figures.
            "officer: dashboard": lambda c: c.get("/backoffice/dashboard", cookies=officer),
            # The published rule checks the employer's form and the assistant call.
            "API: working hours check": lambda c: c.post(
                "/api/v1/rules/child-employment/check",
                json=HOURS_PROPOSAL,
                headers=bearer,
            ),
        }
        results = {
            name: asyncio.run(drive(request, args.seconds, args.concurrency))
            for name, request in requests.items()
        }
    finally:
        portal.terminate()
        portal.wait(timeout=10)

    baseline_rate, baseline_latencies = results["home page (baseline)"]
    baseline_p95 = statistics.quantiles(baseline_latencies, n=20)[-1]
    print(
        f"\n{args.cases:,} cases, {args.concurrency} clients, {args.seconds:g} s each, "
        "one uvicorn process on PostgreSQL"
    )
    print(
        f"Baseline, the home page: {baseline_rate:.0f} requests/s, p95 {baseline_p95 * 1000:.1f} ms"
    )
    print(f"{'request':34} {'throughput':>12} {'p50 latency':>12} {'p95 latency':>12}")
    for name, (rate, latencies) in results.items():
        p50 = statistics.median(latencies) / statistics.median(baseline_latencies)
        p95 = statistics.quantiles(latencies, n=20)[-1] / baseline_p95
        print(f"{name:34} {rate / baseline_rate:11.2f}x {p50:11.2f}x {p95:11.2f}x")
    print("(throughput: higher is better; latency: lower is better; both against the baseline)")


if __name__ == "__main__":
    main()
