"""The queue's clocks: each row's time left in words, its tag (Overdue, Due soon, Paused),
the "Due soon" and assignee filters, and one query for all the page's clocks.

The queue reads the council's today; these tests set each clock's dates relative to it
(``clocks.today()``), so what they check does not depend on the day they run.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from casework import clocks, db
from casework.calendars import add_working_days
from tests.backoffice.helpers import FSM, soup
from tests.casework.clock_cases import assign, reference_of, set_clock, submit

HTMX = {"HX-Request": "true"}


def _rows(html: str) -> dict[str, dict[str, str]]:
    """Each row's reference → its time left and its tag."""
    table = soup(html).find("table")
    if table is None:
        return {}
    found = {}
    for row in table.tbody.find_all("tr"):
        cell = row.find_all("td")[4]
        tag = cell.find("strong", class_="govuk-tag")
        text = cell.find("span")
        found[row.th.a.get_text(strip=True)] = {
            "time_left": text.get_text(strip=True) if text else "",
            "tag": tag.get_text(strip=True) if tag else "",
            "colour": next((c for c in tag["class"] if c.startswith("govuk-tag--")), "")
            if tag
            else "",
        }
    return found


def _references(html: str) -> list[str]:
    return list(_rows(html))


def _case(today: date, *, warn_in: int, due_in: int) -> str:
    """An open case whose clock warns ``warn_in`` and falls due ``due_in`` calendar days from
    today (negative: in the past)."""
    case_id = submit(FSM)
    set_clock(
        case_id,
        started_on=today - timedelta(days=20),
        warn_on=today + timedelta(days=warn_in),
        due_on=today + timedelta(days=due_in),
    )
    return reference_of(case_id)


@pytest.fixture
def today() -> date:
    return clocks.today()


def test_each_row_shows_its_clock_in_words_and_a_tag(fsm_client, today):
    due_on = add_working_days(today, 3)
    calm = submit(FSM)
    set_clock(calm, warn_on=add_working_days(today, 1), due_on=due_on)
    late = _case(today, warn_in=-5, due_in=-1)
    paused = submit(FSM)
    set_clock(paused, paused_since=today - timedelta(days=2))

    rows = _rows(fsm_client.get("/backoffice/").text)

    assert rows[reference_of(calm)] == {
        "time_left": "Due in 3 working days",
        "tag": "",
        "colour": "",
    }
    assert rows[late]["time_left"].startswith("Overdue by ")
    assert (rows[late]["tag"], rows[late]["colour"]) == ("Overdue", "govuk-tag--red")
    assert rows[reference_of(paused)]["time_left"].startswith("Paused since ")
    assert rows[reference_of(paused)]["tag"] == "Paused"
    assert rows[reference_of(paused)]["colour"] == "govuk-tag--grey"


def test_the_due_soon_tag_appears_exactly_from_the_warning_day(fsm_client, today):
    tomorrow = _case(today, warn_in=1, due_in=3)
    from_today = _case(today, warn_in=0, due_in=3)
    due_today = _case(today, warn_in=-2, due_in=0)

    rows = _rows(fsm_client.get("/backoffice/").text)

    assert rows[tomorrow]["tag"] == ""
    assert (rows[from_today]["tag"], rows[from_today]["colour"]) == (
        "Due soon",
        "govuk-tag--orange",
    )
    assert rows[due_today]["tag"] == "Due soon"
    assert rows[due_today]["time_left"] == "Due today"


def test_the_due_soon_filter_beside_the_overdue_one(fsm_client, today):
    calm = _case(today, warn_in=1, due_in=3)
    soon = _case(today, warn_in=0, due_in=3)
    late = _case(today, warn_in=-5, due_in=-1)
    paused = submit(FSM)
    # A clock that stands still is neither, even past its dates.
    set_clock(paused, warn_on=today, due_on=today, paused_since=today - timedelta(days=1))
    # A clock that has stopped (the case decided) is neither either.
    set_clock(submit(FSM), warn_on=today, due_on=today, stopped_on=today, in_time=True)

    assert _references(fsm_client.get("/backoffice/?due_soon=yes").text) == [soon]
    assert _references(fsm_client.get("/backoffice/?overdue=yes").text) == [late]
    # Both ticked: either, oldest deadline first.
    both = _references(fsm_client.get("/backoffice/?overdue=yes&due_soon=yes").text)
    assert both == [late, soon]
    assert len(_references(fsm_client.get("/backoffice/").text)) == 5
    assert calm not in both
    # With htmx, just the results.
    fragment = fsm_client.get("/backoffice/?due_soon=yes", headers=HTMX)
    assert "<html" not in fragment.text
    assert _references(fragment.text) == [soon]
    # The box stays ticked, and the page links keep the filter.
    form = soup(fsm_client.get("/backoffice/?due_soon=yes").text).find("form", method="get")
    assert form.find("input", attrs={"name": "due_soon"}).has_attr("checked")
    assert not form.find("input", attrs={"name": "overdue"}).has_attr("checked")


def test_filter_by_assignee(fsm_client, fsm_login, today):
    mine = submit(FSM)
    assign(mine, fsm_login.id)
    nobodys = submit(FSM)

    response = fsm_client.get(f"/backoffice/?assignee={fsm_login.id}")
    assert _references(response.text) == [reference_of(mine)]
    select = soup(response.text).find("select", id="assignee")
    assert select.find("option", selected=True).get_text(strip=True) == "You"
    assert _references(fsm_client.get("/backoffice/?assignee=none").text) == [reference_of(nobodys)]
    # An officer the queue does not know is no filter at all.
    assert len(_references(fsm_client.get("/backoffice/?assignee=99999").text)) == 2


def test_the_page_loads_its_clocks_in_a_fixed_number_of_queries(fsm_client, today):
    def statements(url: str) -> int:
        count = 0

        def counted(*_args) -> None:
            nonlocal count
            count += 1

        engine = db.get_engine()
        event.listen(engine, "before_cursor_execute", counted)
        try:
            assert fsm_client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", counted)
        return count

    _case(today, warn_in=0, due_in=3)
    statements("/backoffice/")  # the first page of a session does more (its own set-up)
    one = statements("/backoffice/")
    for _ in range(12):
        _case(today, warn_in=0, due_in=3)
    assert statements("/backoffice/") == one
