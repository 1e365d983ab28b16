"""The dashboard: overdue and due-soon counts (by officer for a team manager, their own for
anyone else) linking to the queue, and the performance figures as a chart, a table and a CSV.

The page reads the council's today; clocks are set relative to it (``clocks.today()``).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from starlette.testclient import TestClient

from casework import clocks, performance
from tests.backoffice.conftest import create_officer
from tests.backoffice.helpers import FSM, sign_in, soup, text_of
from tests.casework.clock_cases import (
    ENQUIRY,
    assign,
    decided,
    reference_of,
    set_clock,
    submit,
)

URL = "/backoffice/dashboard"
CSV_URL = "/backoffice/dashboard/performance.csv"


def _late(today: date, service: str = FSM) -> int:
    case_id = submit(service)
    set_clock(case_id, warn_on=today - timedelta(days=5), due_on=today - timedelta(days=1))
    return case_id


def _soon(today: date, service: str = FSM) -> int:
    case_id = submit(service)
    set_clock(case_id, warn_on=today, due_on=today + timedelta(days=3))
    return case_id


def _by_officer(html: str) -> dict[str, tuple[str, str]]:
    table = soup(html).find("table", id="by-officer")
    rows = {}
    for row in table.tbody.find_all("tr"):
        cells = row.find_all("td")
        rows[row.th.get_text(strip=True)] = tuple(
            cell.get_text(" ", strip=True).split(" ")[0] for cell in cells
        )
    return rows


def _links(html: str) -> dict[str, str]:
    """Each count link's full text (with its hidden words) → where it goes."""
    table = soup(html).find("table", id="by-officer")
    return {" ".join(a.get_text(" ", strip=True).split()): a["href"] for a in table.find_all("a")}


def _queue_references(client: TestClient, href: str) -> set[str]:
    table = soup(client.get(href).text).find("table")
    return {row.th.a.get_text(strip=True) for row in table.tbody.find_all("tr")} if table else set()


@pytest.fixture
def team(app):
    """A manager of free school meals, two of its officers and an enquiries officer."""
    manager = create_officer("maya@northshire.example", "Maya Manager", ["manager", FSM])
    fiona = create_officer("fiona@northshire.example", "Fiona Officer", [FSM])
    omar = create_officer("omar@northshire.example", "Omar Officer", [FSM])
    eve = create_officer("eve@northshire.example", "Eve Enquiries", [ENQUIRY])
    return {"maya": manager, "fiona": fiona, "omar": omar, "eve": eve}


def _client(app, login) -> TestClient:
    client = TestClient(app)
    sign_in(client, login)
    return client


@pytest.fixture
def cases_(team):
    today = clocks.today()
    made = {
        "fiona_late_1": _late(today),
        "fiona_late_2": _late(today),
        "fiona_soon": _soon(today),
        "omar_late": _late(today),
        "nobody_soon": _soon(today),
        "nobody_calm": submit(FSM),
        "question_late": _late(today, ENQUIRY),
    }
    for name in ("fiona_late_1", "fiona_late_2", "fiona_soon"):
        assign(made[name], team["fiona"].id)
    assign(made["omar_late"], team["omar"].id)
    return {name: reference_of(case_id) for name, case_id in made.items()}


def test_a_manager_sees_the_teams_cases_by_officer(app, team, cases_):
    response = _client(app, team["maya"]).get(URL)

    assert response.status_code == 200
    assert _by_officer(response.text) == {
        "Fiona Officer": ("2", "1"),
        "Omar Officer": ("1", "0"),
        "You": ("0", "0"),
        "Not assigned": ("0", "1"),
    }
    # The enquiry isn't one of the manager's services.
    footer = soup(response.text).find("table", id="by-officer").tfoot.get_text(" ", strip=True)
    assert footer == "Total 3 2"
    assert "Eve Enquiries" not in response.text


def test_each_count_links_to_the_queue_showing_those_cases(app, team, cases_):
    client = _client(app, team["maya"])
    links = _links(client.get(URL).text)
    fiona = team["fiona"].id

    assert links == {
        "2 overdue cases assigned to Fiona Officer": f"/backoffice/?overdue=yes&assignee={fiona}",
        "1 cases due soon assigned to Fiona Officer": f"/backoffice/?due_soon=yes&assignee={fiona}",
        "1 overdue cases assigned to Omar Officer": (
            f"/backoffice/?overdue=yes&assignee={team['omar'].id}"
        ),
        "1 cases due soon not assigned": "/backoffice/?due_soon=yes&assignee=none",
    }
    expected = {
        f"/backoffice/?overdue=yes&assignee={fiona}": {
            cases_["fiona_late_1"],
            cases_["fiona_late_2"],
        },
        f"/backoffice/?due_soon=yes&assignee={fiona}": {cases_["fiona_soon"]},
        f"/backoffice/?overdue=yes&assignee={team['omar'].id}": {cases_["omar_late"]},
        "/backoffice/?due_soon=yes&assignee=none": {cases_["nobody_soon"]},
    }
    for href, references in expected.items():
        assert _queue_references(client, href) == references, href


def test_an_officer_sees_only_their_own_counts(app, team, cases_):
    response = _client(app, team["fiona"]).get(URL)

    assert response.status_code == 200
    assert _by_officer(response.text) == {"You": ("2", "1"), "Not assigned": ("0", "1")}
    assert "Omar Officer" not in response.text
    assert "Cases by officer" not in text_of(response.text)


def test_an_officer_of_another_service_sees_none_of_these(app, team, cases_):
    response = _client(app, team["eve"]).get(URL)
    assert _by_officer(response.text) == {"You": ("0", "0"), "Not assigned": ("1", "0")}
    assert "Free school meals" not in text_of(response.text)


def test_an_administrator_sees_every_service_by_officer(officer_factory, team, cases_):
    response = officer_factory("admin").get(URL)
    rows = _by_officer(response.text)
    assert rows["Fiona Officer"] == ("2", "1")
    assert rows["Eve Enquiries"] == ("0", "0")
    assert rows["Not assigned"] == ("1", "1")  # the enquiry and the FSM case


def test_the_dashboard_and_its_csv_need_a_signed_in_officer(app, citizen):
    for url in (URL, CSV_URL):
        for client in (TestClient(app), citizen):
            response = client.get(url, follow_redirects=False)
            assert response.status_code == 303
            assert response.headers["location"].startswith("/backoffice/sign-in")


def test_the_navigation_links_to_the_dashboard(fsm_client):
    navigation = soup(fsm_client.get(URL).text).find(class_="govuk-service-navigation")
    links = {a.get_text(strip=True): a for a in navigation.find_all("a")}
    assert links["Dashboard"]["href"] == URL
    assert links["Dashboard"].get("aria-current") == "true"  # the active section
    assert links["Queue"].get("aria-current") is None


def test_the_performance_figures_as_chart_table_and_csv(app, team):
    today = clocks.today()
    this_month, last_month = performance.months_to(today, 2)[::-1]
    for stopped_on, in_time in ((last_month, True), (last_month, True), (last_month, False)):
        decided(FSM, stopped_on, in_time)
    decided(FSM, today, True)
    decided(ENQUIRY, today, False)

    client = _client(app, team["fiona"])
    page = soup(client.get(URL).text)

    chart = page.find("ol", class_="app-bar-chart")
    bars = {
        row.find(class_="app-bar-chart__label").get_text(strip=True): row
        for row in chart.find_all("li")
    }
    assert len(bars) == 12
    last = bars[f"{last_month:%b %Y}"]
    assert last.find(class_="app-bar-chart__value").get_text(" ", strip=True) == (
        "67% in time (2 of 3)"
    )
    assert "app-bar-chart__bar--67" in last.find(class_="app-bar-chart__bar")["class"]
    assert bars[f"{this_month:%b %Y}"].find(class_="app-bar-chart__bar--100") is not None
    quiet = bars[f"{performance.months_to(today)[0]:%b %Y}"]
    assert quiet.get_text(" ", strip=True).endswith("No decisions")

    table = page.find("table", class_="app-performance__table")
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    assert rows[f"{last_month:%B %Y}"] == ["3", "2", "66.7%"]
    assert rows[f"{this_month:%B %Y}"] == ["1", "1", "100.0%"]
    # Only the officer's own services.
    assert "Reply" not in text_of(str(page.find("main")))

    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    lines = response.text.splitlines()
    assert lines[0] == "service,clock,month,decided,in_time,share_in_time"
    assert f"Free school meals,Decision,{last_month:%Y-%m},3,2,66.7" in lines
    assert lines[-1] == f"Free school meals,Decision,{this_month:%Y-%m},1,1,100.0"
    assert len(lines) == 13
    assert not any(line.startswith("Enquiry") for line in lines[1:])


def test_a_clock_with_no_decisions_says_so(fsm_client):
    text = text_of(fsm_client.get(URL).text)
    assert "No cases were decided in the last 12 months." in text


def test_cases_of_an_officer_who_left_still_count_and_link(app, team):
    from tests.casework.clock_cases import make_officer

    gone = make_officer("gone@northshire.example", "Gone Officer", [FSM], active=False)
    late = _late(clocks.today())
    assign(late, gone)
    client = _client(app, team["maya"])

    html = client.get(URL).text
    assert _by_officer(html)["Gone Officer"] == ("1", "0")
    href = _links(html)["1 overdue cases assigned to Gone Officer"]
    assert _queue_references(client, href) == {reference_of(late)}


def test_officers_who_share_a_name_are_told_apart_by_email(app, team):
    from tests.casework.clock_cases import make_officer

    first = make_officer("sam.lee@northshire.example", "Sam Lee", [FSM])
    second = make_officer("sam.lee2@northshire.example", "Sam Lee", [FSM])
    assign(_late(clocks.today()), first)
    assign(_late(clocks.today()), second)
    rows = _by_officer(_client(app, team["maya"]).get(URL).text)
    assert rows["Sam Lee (sam.lee@northshire.example)"] == ("1", "0")
    assert rows["Sam Lee (sam.lee2@northshire.example)"] == ("1", "0")
    assert "Sam Lee" not in rows
