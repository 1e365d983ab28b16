"""A real browser (Debian's Chromium, driven by Playwright) against the portal served over
HTTP, with the real worker, Notify sandbox and eligibility fake behind it.

Every page a test visits is checked with axe-core (from the npm assets build).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.settings import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = PROJECT_ROOT / "portal" / "assets" / "node_modules" / "axe-core" / "axe.min.js"
# Chromium's own network chatter is refused on a closed network; these keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed for browser tests ({CHROMIUM}); `make test` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_portal(clean_db, celery_worker, portal_server: str) -> str:
    """The portal over HTTP for the browser, on the emptied database, with a worker."""
    return portal_server


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}); `make test` builds the npm assets")
    return AXE.read_text()
