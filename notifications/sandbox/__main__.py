"""``python -m notifications.sandbox``: run the local Notify sandbox.

Defaults come from casework settings, so the portal's ``NOTIFY_API_KEY`` and
``NOTIFY_BASE_URL`` point at this sandbox without further configuration.
"""

from __future__ import annotations

import argparse

from casework.settings import get_settings
from notifications.sandbox.server import run


def main(argv: list[str] | None = None) -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m notifications.sandbox",
        description="Run the local GOV.UK Notify sandbox. Nothing is delivered.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=settings.notify_sandbox_port)
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        help="a Notify-format key to accept; repeat for several (default: NOTIFY_API_KEY)",
    )
    args = parser.parse_args(argv)
    run(args.host, args.port, args.api_keys or [settings.notify_api_key])


if __name__ == "__main__":
    main()
