"""The messages a parent reads after a decision, rendered as Notify would show them: texts
start with the council's name, an award says which children, from when, for how long and
what to do if things change, and an officer's reason stays out of texts."""

from __future__ import annotations

from casework import cases, db
from casework.catalogue import get_service
from casework.messages import get_message
from casework.settings import get_settings
from casework.workflow import SYSTEM, Actor, apply_transition
from notifications.preview import preview
from tests.portal.journey import apply

LONG_REASON = (
    "The Universal Credit statement you sent covers a period before your claim began, and "
    "the earnings it shows are above the limit. " * 3
)


def _read(reference: str, name: str) -> dict[str, str]:
    message = get_message(name)
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        rows = [row for row in cases.messages(session, case.id) if row.message_name == name]
    assert rows, f"no {name} message was queued"
    read = {}
    for row in rows:
        shown = preview(message, row.channel, row.personalisation)
        assert shown.missing == []
        read[row.channel] = " ".join(f"{shown.subject or ''} {shown.body}".split())
    return read


def _move(reference: str, move: str, actor=SYSTEM, reason: str | None = None) -> None:
    service = get_service("free-school-meals")
    with db.transaction() as session:
        case = cases.by_reference(session, reference)
        apply_transition(session, service, case.id, move, actor, reason=reason)


def test_an_award_says_which_children_from_when_for_how_long_and_about_changes(citizen):
    reference = apply(citizen, mobile="07700900982")
    _move(reference, "award_automatically")
    council = get_settings().council_name

    read = _read(reference, "fsm_awarded")
    assert set(read) == {"email", "sms"}
    for channel, words in read.items():
        assert "Bo Smith" in words, channel
        assert "today" in words, channel
        assert "until the end of each child's current stage of school" in words, channel
        assert "if your circumstances change" in words.lower(), channel
        assert "/contact" in words, channel
    assert read["sms"].startswith(f"{council}: ")


def test_a_refusal_text_points_to_the_case_page_instead_of_pasting_the_reason(citizen):
    reference = apply(citizen, mobile="07700900982")
    _move(reference, "refer_to_officer")
    officer = Actor(kind="officer", label="An Officer", roles=frozenset({"admin"}))
    _move(reference, "refuse", officer, reason=LONG_REASON)

    read = _read(reference, "fsm_refused")
    assert LONG_REASON.split(".")[0] in read["email"]
    assert "Universal Credit statement" not in read["sms"]
    assert f"/account/applications/{reference}" in read["sms"]
    assert read["sms"].startswith(f"{get_settings().council_name}: ")
    # No email asks for a reply that would reach Notify's no-reply inbox.
    assert "reply to this email" not in read["email"].lower()
