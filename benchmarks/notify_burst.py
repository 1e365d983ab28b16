"""Offer-day burst: every offer told by email and text, through the real pipeline.

One command (see README): ``.venv/bin/python benchmarks/notify_burst.py``. It starts the
Notify sandbox (rate limit scaled down), two Celery workers on the notify queue, one on
the default queue with Celery beat (the outbox sweep), and PostgreSQL/Redis databases of
its own, then:

1. baseline: one process sending straight to the sandbox with the real Notify client, as
   fast as it can, to measure what the machine and the sandbox can take;
2. burst: COUNT offers x (email + text) written to the outbox and delivered;
3. faults: the same again while the sandbox fails for 30 seconds (500s, then no answer)
   and one worker is killed (SIGKILL) mid-run.

For each run it prints delivered, duplicates, lost, 429s and throughput as a fraction of
the sandbox's limit, end to end (from the first offer queued to the last send recorded) and
as the sandbox saw it (its first to last acceptance, and its busiest rolling minute), and
ratios against the baseline. Ports 18150-18199.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=8300, help="offers (2 messages each)")
    parser.add_argument("--rate", type=int, default=2400, help="sandbox limit per minute")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2, help="processes per worker")
    parser.add_argument("--fault-seconds", type=float, default=30.0)
    parser.add_argument("--skip-faults", action="store_true")
    parser.add_argument("--baseline-count", type=int, default=400)
    parser.add_argument("--port", type=int, default=18150, help="sandbox port")
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/portal_bench_notify"
        ),
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="per run, seconds")
    return parser.parse_args()


ARGS = parse()
SANDBOX = f"http://127.0.0.1:{ARGS.port}"
ENV = {
    **os.environ,
    "DATABASE_URL": ARGS.database,
    "CELERY_BROKER_URL": ARGS.redis,
    "REDIS_URL": ARGS.redis,
    "NOTIFY_BASE_URL": SANDBOX,
    "NOTIFY_RATE_LIMIT_PER_MINUTE": str(ARGS.rate),
    "NOTIFY_TIMEOUT_SECONDS": "5",
    "NOTIFY_LEASE_SECONDS": "20",
    "NOTIFY_RETRY_MAX_SECONDS": "20",
    "NOTIFY_SWEEP_AFTER_SECONDS": "60",
    "PYTHONPATH": str(ROOT),
}
os.environ.update(ENV)

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

import casework.services  # noqa: E402, F401 - registers the messages
from casework import db, outbox  # noqa: E402
from casework.models import OutboxMessage  # noqa: E402
from casework.settings import get_settings  # noqa: E402
from notifications.queues import NOTIFY_QUEUES  # noqa: E402


class Processes:
    def __init__(self) -> None:
        self.started: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = Path(tempfile.mkdtemp(prefix="notify-burst-"))

    def start(self, name: str, *args: str) -> None:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
        self.started[name] = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", *args],
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes its children
        )

    def kill(self, name: str) -> None:
        process = self.started.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.started.values():
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in self.started.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.started.clear()


def fresh_database() -> None:
    url = make_url(ARGS.database)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    from casework.migrate import migrate

    migrate()


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"Timed out waiting for {what}")


def sandbox(method: str, path: str, body: dict | None = None) -> dict:
    response = httpx.request(method, f"{SANDBOX}{path}", json=body, timeout=30)
    response.raise_for_status()
    return response.json() if response.content else {}


def baseline() -> float:
    """Messages a second one process gets through straight to the sandbox, unthrottled."""
    from notifications_python_client.notifications import NotificationsAPIClient

    from casework.messages import get_message

    sandbox("POST", "/_sandbox/config", {"rate_limit": 1_000_000})
    client = NotificationsAPIClient(get_settings().notify_api_key, base_url=SANDBOX)
    template = get_message("fsm_awarded").template_id("email")
    started = time.monotonic()
    for n in range(ARGS.baseline_count):
        client.send_email_notification(
            email_address=f"baseline{n}@example.com",
            template_id=template,
            personalisation=personalisation(n),
            reference=f"baseline-{n}",
        )
    rate = ARGS.baseline_count / (time.monotonic() - started)
    sandbox("POST", "/_sandbox/reset")
    sandbox("POST", "/_sandbox/config", {"rate_limit": ARGS.rate})
    return rate


def personalisation(n: int) -> dict:
    return {"parent_name": f"Parent {n}", "reference": f"SCH-{n:08d}", "children": ["A Child"]}


def queue_offers(run: str) -> int:
    """Each offer: one email and one text, written to the outbox as the casework does."""
    total = 0
    batch = 500
    for start in range(0, ARGS.count, batch):
        with db.transaction() as session:
            for n in range(start, min(ARGS.count, start + batch)):
                values = personalisation(n)
                outbox.queue(session, "fsm_awarded", "email", f"{run}.{n}@example.com", values)
                outbox.queue(session, "fsm_awarded", "sms", f"07700{100000 + n:06d}", values)
                total += 2
    return total


def rows_by_status(run_ids: set[str] | None = None) -> dict[str, int]:
    with db.transaction() as session:
        found = session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    return {status: n for status, n in found}


def sending_pace(created: list[str]) -> dict[str, float]:
    """Messages a minute between the sandbox's first and last acceptance, and the most it
    accepted in any rolling 60 seconds."""
    from datetime import datetime

    moments = sorted(datetime.fromisoformat(c.replace("Z", "+00:00")).timestamp() for c in created)
    if len(moments) < 2:
        return {"per_minute": 0.0, "busiest_minute": float(len(moments))}
    busiest, start = 0, 0
    for end, moment in enumerate(moments):
        while moments[start] <= moment - 60:
            start += 1
        busiest = max(busiest, end - start + 1)
    span = moments[-1] - moments[0]
    return {"per_minute": (len(moments) - 1) / span * 60, "busiest_minute": float(busiest)}


def run(name: str, processes: Processes, faults: bool) -> dict:
    sandbox("POST", "/_sandbox/reset")
    with db.get_engine().begin() as connection:
        connection.execute(text("TRUNCATE outbox_messages"))
    import redis

    redis.Redis.from_url(ARGS.redis).delete("notify:rate:bucket", "notify:rate:pause-until")
    print(f"\n== {name}: queueing {ARGS.count} offers x (email + text)", flush=True)
    started = time.monotonic()
    total = queue_offers(name)
    queued_in = time.monotonic() - started
    print(f"   queued {total} messages in {queued_in:.1f}s", flush=True)
    events: list[str] = []
    fault_at, kill_at = total * 0.25, total * 0.5
    last_print = 0.0
    deadline = started + ARGS.timeout
    finished = None
    while time.monotonic() < deadline:
        stats = sandbox("GET", "/_sandbox/stats")
        accepted = stats["references"]
        if faults and "fault" not in events and accepted >= fault_at:
            half = ARGS.fault_seconds / 2
            sandbox("POST", "/_sandbox/fault", {"mode": "500", "seconds": half})
            events.append("fault")
            print(f"   {accepted} accepted: sandbox answers 500 for {half:.0f}s", flush=True)
        if (
            "fault" in events
            and "hang" not in events
            and not sandbox("GET", "/_sandbox/config")["fault"]["mode"]
        ):
            half = ARGS.fault_seconds / 2
            sandbox("POST", "/_sandbox/fault", {"mode": "hang", "seconds": half})
            events.append("hang")
            print(f"   then stops answering for {half:.0f}s", flush=True)
        if faults and "kill" not in events and accepted >= kill_at:
            processes.kill("worker-1")
            events.append("kill")
            print(f"   {accepted} accepted: worker-1 killed (SIGKILL)", flush=True)
        statuses = rows_by_status()
        if accepted >= total and statuses.get("sent", 0) >= total:
            finished = time.monotonic()
            break
        if time.monotonic() - last_print > 15:
            last_print = time.monotonic()
            print(
                f"   {time.monotonic() - started:6.0f}s accepted {accepted} rows {statuses}",
                flush=True,
            )
        time.sleep(1.0)
    elapsed = (finished or time.monotonic()) - started
    stats = sandbox("GET", "/_sandbox/stats")
    statuses = rows_by_status()
    with db.transaction() as session:
        ids = set(session.scalars(select(OutboxMessage.id)))
    accepted_messages = sandbox("GET", "/_sandbox/messages")
    got = {m["reference"] for m in accepted_messages}
    pace = sending_pace([m["created_at"] for m in accepted_messages])
    result = {
        "run": name,
        "messages": total,
        "delivered": len(ids & got),
        "duplicates": stats["duplicate_messages"],
        "lost": len(ids - got),
        "rate_limited_429": stats["rate_limited"],
        "faulted_requests": stats["faulted"],
        "elapsed_seconds": round(elapsed, 1),
        "throughput_per_minute": round(len(ids & got) / elapsed * 60, 1),
        "fraction_of_limit": round(len(ids & got) / elapsed * 60 / ARGS.rate, 3),
        # As Notify saw it: from its first accepted message to its last, and its busiest
        # rolling minute (above 1.0 would mean 429s).
        "sending_fraction_of_limit": round(pace["per_minute"] / ARGS.rate, 3),
        "busiest_minute_fraction_of_limit": round(pace["busiest_minute"] / ARGS.rate, 3),
        "rows": statuses,
        "finished": finished is not None,
    }
    return result


def main() -> None:
    processes = Processes()
    try:
        fresh_database()
        processes.start(
            "sandbox",
            "portal.cli",
            "notify-sandbox",
            f"--port={ARGS.port}",
            f"--rate-limit={ARGS.rate}",
            "--no-callbacks",
            "--receipt-delay=0",
            "--max-messages=200000",
        )
        wait_until(lambda: httpx.get(f"{SANDBOX}/_sandbox/stats").is_success, 30, "sandbox")
        import redis

        redis.Redis.from_url(ARGS.redis).flushdb()
        raw = baseline()
        print(f"baseline: one process straight to the sandbox: {raw:.1f} messages/s", flush=True)
        limit_per_second = ARGS.rate / 60
        print(f"sandbox limit: {ARGS.rate}/min = {limit_per_second:.1f}/s", flush=True)

        def start_workers() -> None:
            for n in range(1, ARGS.workers + 1):
                processes.start(
                    f"worker-{n}",
                    "celery",
                    "-A",
                    "portal.worker:celery_app",
                    "worker",
                    f"--queues={NOTIFY_QUEUES}",
                    f"--concurrency={ARGS.concurrency}",
                    f"--hostname=bench{n}@%h",
                    "--loglevel=WARNING",
                )

        start_workers()
        # The sweep runs on the default queue, as in production: a worker there, and beat.
        processes.start(
            "default-worker",
            "celery",
            "-A",
            "portal.worker:celery_app",
            "worker",
            "--queues=default",
            "--concurrency=1",
            "--hostname=bench-default@%h",
            "--loglevel=WARNING",
        )
        schedule = processes.logs / "beat-schedule"
        processes.start(
            "beat", "celery", "-A", "portal.worker:celery_app", "beat", f"--schedule={schedule}"
        )
        from portal.worker import celery_app

        wait_until(lambda: len(celery_app.control.ping(timeout=1)) > ARGS.workers, 60, "workers")

        results = [run("burst", processes, faults=False)]
        if not ARGS.skip_faults:
            results.append(run("faults", processes, faults=True))
        print("\nResults (baseline: one unthrottled process, same machine, same run):")
        for result in results:
            result["throughput_vs_baseline"] = round(result["throughput_per_minute"] / 60 / raw, 3)
            result["limit_vs_baseline"] = round(limit_per_second / raw, 3)
            print(json.dumps(result, indent=2))
        print(f"logs: {processes.logs}")
    finally:
        processes.stop_all()


if __name__ == "__main__":
    main()
