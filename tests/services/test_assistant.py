"""The contract for the assistant: it is trained to know every declared service.

Its training data and domain are the bot's own (bot/domain.yml, bot/data/, and the
per-service notes in bot/services/); a service nobody taught it about fails here by name.
"""

from __future__ import annotations

import re
from pathlib import Path

from casework.settings import PROJECT_ROOT
from tests.services.helpers import each_service

BOT = PROJECT_ROOT / "bot"


def _bot_files() -> list[Path]:
    files = [BOT / "domain.yml"]
    for folder in ("data", "services"):
        files.extend(sorted((BOT / folder).rglob("*.yml")))
    return [path for path in files if path.is_file()]


def _bot_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in _bot_files()).lower()


@each_service()
def test_the_assistant_knows_the_service(service):
    text = _bot_text()
    # The slug as the API spells it, as an identifier (intent, slot, file) or the name.
    names = {service.slug, service.slug.replace("-", "_"), service.name.lower()}

    known = [name for name in names if re.search(rf"(?<![a-z0-9]){re.escape(name)}", text)]

    assert known, (
        f"{service.slug} is not in the assistant's training data or domain "
        f"(looked for {sorted(names)} in bot/domain.yml, bot/data/ and bot/services/)"
    )
