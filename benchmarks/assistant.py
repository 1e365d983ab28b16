"""The assistant: how well it understands, and how fast it answers through the portal.

One command (see README): ``.venv/bin/python benchmarks/assistant.py``. It trains the model
if the training data changed, then starts, on a SQLite database of its own, the portal, the
Rasa server and the action server, and measures:

1. understanding: every message of the held-out set (``bot/tests/held_out.yml``, written
   apart from the training data) through Rasa's parser; intent accuracy and macro-F1.
   A fallback ("I'm not sure what you mean") for an out-of-scope message counts as right:
   the person gets the same answer, and it is never a confident wrong one. Fallbacks on
   anything else count as wrong.
2. reply time through the portal's chat endpoint (POST /assistant, as htmx sends it: the
   portal calls Rasa, which may call the action server, which may call the portal's API),
   one new conversation per message; median and 95th percentile.

Baselines measured in the same run: a plain portal page (GET /contact) and Rasa's
GET /version. Ports 18210-18212 (BENCH_PORTAL_PORT, BENCH_RASA_PORT, BENCH_ACTIONS_PORT).
Targets: accuracy and macro-F1 >= 0.90, p95 <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
PORTAL_PORT = int(os.environ.get("BENCH_PORTAL_PORT", "18210"))
RASA_PORT = int(os.environ.get("BENCH_RASA_PORT", "18211"))
ACTIONS_PORT = int(os.environ.get("BENCH_ACTIONS_PORT", "18212"))
SCOPES = "services:read,eligibility:check,applications:write,applications:read,enquiries:write"


def held_out() -> list[tuple[str, str]]:
    data = yaml.safe_load((BOT / "tests" / "held_out.yml").read_text())
    return [(m["text"], m["intent"]) for m in data["messages"]]


def scores(pairs: list[tuple[str, str]]) -> tuple[float, float, dict[str, float]]:
    """Accuracy, macro-F1 over the expected intents, and F1 per intent."""
    accuracy = sum(expected == got for expected, got in pairs) / len(pairs)
    f1 = {}
    for intent in sorted({expected for expected, _ in pairs}):
        tp = sum(e == intent and g == intent for e, g in pairs)
        fp = sum(e != intent and g == intent for e, g in pairs)
        fn = sum(e == intent and g != intent for e, g in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1[intent] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return accuracy, statistics.fmean(f1.values()), f1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def wait_until(url: str, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"A server stopped before {url} answered")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout:.0f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=100, help="chat messages to time")
    args = parser.parse_args()

    subprocess.run([sys.executable, str(BOT / "manage.py"), "train"], check=True)  # noqa: S603
    work = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'portal.db'}",
        "CELERY_BROKER_URL": f"sqla+sqlite:///{work / 'broker.db'}",
        "PORTAL_PORT": str(PORTAL_PORT),
        "RASA_PORT": str(RASA_PORT),
        "RASA_ACTIONS_PORT": str(ACTIONS_PORT),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ACTIONS_PORT}/webhook",
        "PORTAL_API_URL": f"http://127.0.0.1:{PORTAL_PORT}/api/v1",
        # One client sends every timed message: the per-person limits would turn it away.
        "ASSISTANT_MESSAGES_PER_MINUTE_PER_CONVERSATION": "0",
        "ASSISTANT_MESSAGES_PER_MINUTE_PER_IP": "0",
    }
    portal = [sys.executable, "-m", "portal.cli"]
    subprocess.run([*portal, "migrate"], env=env, check=True, capture_output=True)  # noqa: S603
    subprocess.run([*portal, "seed-demo"], env=env, check=True, capture_output=True)  # noqa: S603
    made = subprocess.run(  # noqa: S603
        [*portal, "api-client", "create", "--name", "benchmark", "--scopes", SCOPES],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    env["PORTAL_API_TOKEN"] = made.stdout.strip().splitlines()[-1]

    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [
        subprocess.Popen([*portal, "serve"], env=env, **quiet),  # noqa: S603
        subprocess.Popen([sys.executable, str(BOT / "manage.py"), "actions"], env=env, **quiet),  # noqa: S603
        subprocess.Popen([sys.executable, str(BOT / "manage.py"), "serve"], env=env, **quiet),  # noqa: S603
    ]
    portal_url = f"http://127.0.0.1:{PORTAL_PORT}"
    rasa_url = f"http://127.0.0.1:{RASA_PORT}"
    try:
        wait_until(f"{portal_url}/contact", 60, processes[0])
        wait_until(f"http://127.0.0.1:{ACTIONS_PORT}/health", 120, processes[1])
        wait_until(f"{rasa_url}/status", 180, processes[2])
        run(portal_url, rasa_url, args.replies)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def run(portal_url: str, rasa_url: str, replies: int) -> None:
    messages = held_out()
    with httpx.Client(timeout=30) as client:
        # 1. Understanding.
        pairs = []
        fallbacks = 0
        for text, expected in messages:
            parsed = client.post(f"{rasa_url}/model/parse", json={"text": text}).json()
            got = parsed["intent"]["name"]
            if got == "nlu_fallback":
                fallbacks += 1
                got = "out_of_scope"  # the same answer: what the assistant can do
            pairs.append((expected, got))
        accuracy, macro_f1, per_intent = scores(pairs)
        print(f"Held-out messages: {len(messages)} across {len(per_intent)} intents")
        print(f"  intent accuracy  {accuracy:.3f}   (target >= 0.90)")
        print(f"  macro-F1         {macro_f1:.3f}   (target >= 0.90)")
        print(f"  fallbacks        {fallbacks}")
        weakest = sorted(per_intent.items(), key=lambda item: item[1])[:3]
        print("  weakest F1       " + ", ".join(f"{i} {v:.2f}" for i, v in weakest))
        confusions = Counter((e, g) for e, g in pairs if e != g).most_common(5)
        if confusions:
            print("  most confused    " + "; ".join(f"{e}->{g} x{n}" for (e, g), n in confusions))

        # 2. Reply time through the portal, against two baselines.
        for _ in range(5):  # warm every path once
            client.get(f"{portal_url}/contact")
            client.get(f"{rasa_url}/version")
        page_times = timed(lambda: client.get(f"{portal_url}/contact"), replies)
        version_times = timed(lambda: client.get(f"{rasa_url}/version"), replies)
        chat_times = []
        for index in range(replies):
            text = messages[index % len(messages)][0]
            with httpx.Client(base_url=portal_url, timeout=30) as person:
                token = re.search(
                    r'name="csrf_token" value="([^"]+)"', person.get("/assistant").text
                )
                assert token is not None
                started = time.perf_counter()
                response = person.post(
                    "/assistant",
                    data={"message": text, "csrf_token": token.group(1)},
                    headers={"HX-Request": "true"},
                )
                chat_times.append(time.perf_counter() - started)
                # A reply that never came (Rasa or an action failed) must not look fast.
                answered = "app-assistant-turn--assistant" in response.text
                if response.status_code != 200 or not answered:
                    raise SystemExit(f"No reply to {text!r}: {response.status_code}")

    def line(name: str, times: list[float]) -> tuple[float, float]:
        median, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        print(f"  {name:<34} median {median:7.1f} ms   p95 {p95:7.1f} ms")
        return median, p95

    print(f"Reply time, {replies} messages each:")
    chat_median, chat_p95 = line("POST /assistant (chat, htmx)", chat_times)
    page_median, page_p95 = line("baseline: GET /contact (portal page)", page_times)
    rasa_median, rasa_p95 = line("baseline: GET /version (Rasa)", version_times)
    print(f"  chat p95 {chat_p95:.1f} ms (target <= 300 ms)")
    print(
        f"  ratios: chat / portal page  median x{chat_median / page_median:.1f}, "
        f"p95 x{chat_p95 / page_p95:.1f}; chat / Rasa version  median "
        f"x{chat_median / rasa_median:.1f}, p95 x{chat_p95 / rasa_p95:.1f}"
    )


def timed(call, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    main()
