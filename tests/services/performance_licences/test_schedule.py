"""The child performance schedule validator: each rule passes at its limit and fails just
past it, for every age band's edges; malformed schedules are field errors, not breaches."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from casework import db
from casework.fields import errors_from
from casework.models import RuleVersion
from casework.services.performance_licences import rules, schedule
from casework.services.performance_licences.proposal import ProposedSchedule
from casework.services.performance_licences.schedule import BreakRule

TODAY = date(2027, 1, 4)
FIRST = date(2027, 3, 1)  # 56 days after TODAY: no short-notice warning
LIMITS = schedule.default_limits(FIRST)


def day(
    on: date = FIRST,
    at_venue: list[list[str]] | None = None,
    performing: list[list[str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "date": on.isoformat(),
        "at_venue": at_venue if at_venue is not None else [["09:00", "17:00"]],
        "performing": performing if performing is not None else [["10:00", "11:00"]],
        **extra,
    }


def proposal(age: int = 9, days: list[dict[str, Any]] | None = None, **extra: Any):
    data = {"age": age, "days": days if days is not None else [day()], **extra}
    return ProposedSchedule.model_validate(data, context={"today": TODAY})


def result(age: int = 9, days=None, limits=LIMITS, today: date = TODAY, **extra: Any):
    return schedule.check(limits, proposal(age, days, **extra), today)


def broken(outcome) -> list[str]:
    return [breach.rule for breach in outcome.breaches]


def minutes_after(start: str, minutes: int) -> str:
    hours, rest = divmod(int(start[:2]) * 60 + int(start[3:]) + minutes, 60)
    return f"{hours:02d}:{rest:02d}"


def test_a_schedule_within_every_limit_is_legal():
    outcome = result(
        age=9,
        days=[
            day(
                at_venue=[["09:00", "17:00"]],
                performing=[["10:00", "11:30"], ["14:00", "15:00"]],
                school_day=True,
                education_hours=3,
            )
        ],
        chaperone={"children": 10, "is_tutor": False},
    )
    assert outcome.legal
    assert outcome.breaches == () and outcome.warnings == ()
    assert outcome.as_dict() == {"legal": True, "breaches": []}


# --- Hours by age band: each band at both of its age edges --------------------------------

BANDS = [
    # ages, earliest, latest, at venue, performing, continuous (minutes)
    pytest.param(0, "07:00", "22:00", 300, 120, 30, id="age 0"),
    pytest.param(4, "07:00", "22:00", 300, 120, 30, id="age 4"),
    pytest.param(5, "07:00", "23:00", 480, 180, 150, id="age 5"),
    pytest.param(8, "07:00", "23:00", 480, 180, 150, id="age 8"),
    pytest.param(9, "07:00", "23:00", 570, 300, 150, id="age 9"),
    pytest.param(16, "07:00", "23:00", 570, 300, 150, id="age 16"),
]


@pytest.mark.parametrize(("age", "earliest", "latest", "venue", "performing", "run"), BANDS)
def test_the_earliest_time_at_the_venue(age, earliest, latest, venue, performing, run):
    on_time = day(at_venue=[[earliest, "10:00"]], performing=[["08:00", "08:10"]])
    assert "too_early" not in broken(result(age, [on_time]))
    early = day(at_venue=[[minutes_after(earliest, -1), "10:00"]], performing=[])
    assert broken(result(age, [early])) == ["too_early"]


@pytest.mark.parametrize(("age", "earliest", "latest", "venue", "performing", "run"), BANDS)
def test_the_latest_time_at_the_venue(age, earliest, latest, venue, performing, run):
    on_time = day(at_venue=[["18:00", latest]], performing=[["19:00", "19:10"]])
    assert "too_late" not in broken(result(age, [on_time]))
    late = day(at_venue=[["18:00", minutes_after(latest, 1)]], performing=[])
    assert broken(result(age, [late])) == ["too_late"]


@pytest.mark.parametrize(("age", "earliest", "latest", "venue", "performing", "run"), BANDS)
def test_the_most_time_at_the_venue(age, earliest, latest, venue, performing, run):
    at_most = day(at_venue=[["09:00", minutes_after("09:00", venue)]], performing=[])
    assert broken(result(age, [at_most])) == []
    # Two visits in a day add up.
    split = [["09:00", "10:00"], ["12:00", minutes_after("12:00", venue - 59)]]
    assert broken(result(age, [day(at_venue=split, performing=[])])) == ["venue_hours"]


def _chunks(total: int, longest: int, start: str = "09:00") -> list[list[str]]:
    """Performing periods adding up to ``total`` minutes, none longer than ``longest``,
    with 15 minutes between them."""
    periods, cursor = [], start
    while total > 0:
        length = min(total, longest)
        periods.append([cursor, minutes_after(cursor, length)])
        cursor = minutes_after(cursor, length + 15)
        total -= length
    return periods


@pytest.mark.parametrize(("age", "earliest", "latest", "venue", "performing", "run"), BANDS)
def test_the_most_time_performing_in_a_day(age, earliest, latest, venue, performing, run):
    venue_times = [["09:00", minutes_after("09:00", venue)]]
    at_most = day(at_venue=venue_times, performing=_chunks(performing, run))
    assert broken(result(age, [at_most])) == []
    too_much = day(at_venue=venue_times, performing=_chunks(performing + 1, run))
    assert broken(result(age, [too_much])) == ["performing_hours"]


@pytest.mark.parametrize(("age", "earliest", "latest", "venue", "performing", "run"), BANDS)
def test_the_most_time_performing_without_a_break(age, earliest, latest, venue, performing, run):
    venue_times = [["09:00", "13:00"]]
    at_most = day(at_venue=venue_times, performing=[["10:00", minutes_after("10:00", run)]])
    assert broken(result(age, [at_most])) == []
    # Periods that meet are one stretch without a break.
    too_long = day(
        at_venue=venue_times,
        performing=[["10:00", "10:20"], ["10:20", minutes_after("10:00", run + 1)]],
    )
    assert broken(result(age, [too_long])) == ["continuous_performing"]


def test_messages_name_the_child_the_day_and_the_numbers():
    outcome = result(
        age=14,
        days=[day(at_venue=[["08:00", "18:30"]], performing=[["09:00", "12:00"]])],
    )
    assert [breach.message for breach in outcome.breaches] == [
        "A 14-year-old can be at the venue for at most 9 hours 30 minutes a day. "
        "On 1 March 2027 the child would be there for 10 hours 30 minutes.",
        "A 14-year-old can perform or rehearse for at most 2 hours 30 minutes without a "
        "break. On 1 March 2027 the child would perform from 9am to midday without a break "
        "(3 hours).",
    ]
    early = result(age=3, days=[day(at_venue=[["06:45", "09:00"]], performing=[])])
    assert early.breaches[0].message == (
        "A 3-year-old cannot be at the venue before 7am. "
        "On 1 March 2027 the child would arrive at 6:45am."
    )


def test_the_band_edges_are_rule_data():
    # A council that reads the regulation as 5 to 9 and 10 and over changes only data.
    bands = list(LIMITS.bands)
    middle, oldest = bands[1], bands[2]
    limits = dataclasses.replace(
        LIMITS,
        bands=(
            bands[0],
            dataclasses.replace(middle, to_age=9),
            dataclasses.replace(oldest, from_age=10),
        ),
    )
    five_hours = day(at_venue=[["09:00", "17:00"]], performing=_chunks(300, 150))
    assert broken(result(9, [five_hours])) == []
    assert broken(result(9, [five_hours], limits=limits)) == ["performing_hours"]


# --- Days in a row ----------------------------------------------------------------------


def _run_of(count: int, start: date = FIRST) -> list[dict[str, Any]]:
    return [day(start + timedelta(days=n)) for n in range(count)]


def test_at_most_six_days_in_a_row():
    assert broken(result(days=_run_of(6))) == []
    outcome = result(days=_run_of(7))
    assert broken(outcome) == ["consecutive_days"]
    assert outcome.breaches[0].message == (
        "A child can perform or rehearse on at most 6 days in a row. The child would perform "
        "on 7 days in a row, from 1 March 2027 to 7 March 2027."
    )


def test_a_day_off_starts_a_new_run():
    days = _run_of(6) + _run_of(6, FIRST + timedelta(days=7))
    assert broken(result(days=days)) == []


def test_a_day_at_the_venue_without_performing_does_not_count_as_a_day_performed():
    days = _run_of(7)
    days[3]["performing"] = []
    assert broken(result(days=days)) == []


# --- Night work ----------------------------------------------------------------------------


def _night_then(next_start: str) -> list[dict[str, Any]]:
    return [
        day(at_venue=[["18:00", "23:45"]], performing=[["22:00", "23:30"]], night_work=True),
        day(
            FIRST + timedelta(days=1),
            at_venue=[["15:00", "18:00"]],
            performing=[[next_start, "17:00"]],
        ),
    ]


def test_sixteen_hours_rest_after_night_work():
    # Night work ends at 11:30pm: the next performance may start at 3:30pm the next day.
    outcome = result(days=_night_then("15:30"))
    assert outcome.legal
    assert [w.rule for w in outcome.warnings] == ["night_work"]
    too_soon = result(days=_night_then("15:29"))
    assert broken(too_soon) == ["night_work_gap"]
    assert too_soon.breaches[0].message == (
        "After night work a child must have at least 16 hours before performing or rehearsing "
        "again. The child would finish at 11:30pm on 1 March 2027 and perform again at "
        "3:29pm on 2 March 2027, after 15 hours 59 minutes."
    )


def test_night_work_the_council_is_not_asked_to_allow_is_too_late():
    days = _night_then("15:30")
    days[0]["night_work"] = False
    assert broken(result(days=days)) == ["too_late"]


def test_asking_for_night_work_does_not_lift_the_times_when_performing_is_within_them():
    days = [day(at_venue=[["18:00", "23:30"]], performing=[["19:00", "21:00"]], night_work=True)]
    outcome = result(days=days)
    assert broken(outcome) == ["too_late"]
    assert outcome.warnings == ()


def test_a_night_performance_past_midnight_is_one_stretch():
    days = [
        day(at_venue=[["20:00", "24:00"]], performing=[["23:00", "24:00"]], night_work=True),
        day(
            FIRST + timedelta(days=1),
            at_venue=[["00:00", "01:00"]],
            performing=[["00:00", "01:00"]],
            night_work=True,
        ),
    ]
    assert broken(result(days=days)) == []
    days[1]["performing"] = [["00:00", "00:31"]]
    days[1]["at_venue"] = [["00:00", "01:00"]]
    days[0]["performing"] = [["22:00", "24:00"]]
    outcome = result(days=days)
    assert broken(outcome) == ["continuous_performing"]
    assert "from 10pm on 1 March 2027 to 12:31am on 2 March 2027" in outcome.breaches[0].message


# --- Education, chaperones, notice -----------------------------------------------------------


def test_at_least_three_hours_of_education_on_a_school_day():
    assert broken(result(days=[day(school_day=True, education_hours=3)])) == []
    outcome = result(days=[day(school_day=True, education_hours=2.5)])
    assert broken(outcome) == ["education_hours"]
    assert outcome.breaches[0].message == (
        "A child must get at least 3 hours of education on each school day. "
        "On 1 March 2027 the child would get 2 hours 30 minutes."
    )
    assert broken(result(days=[day(school_day=False, education_hours=0)])) == []


@pytest.mark.parametrize(
    ("chaperone", "legal"),
    [
        ({"children": 12}, True),
        ({"children": 13}, False),
        ({"children": 3, "is_tutor": True}, True),
        ({"children": 4, "is_tutor": True}, False),
    ],
)
def test_children_per_chaperone(chaperone, legal):
    outcome = result(chaperone=chaperone)
    assert outcome.legal is legal
    assert broken(outcome) == ([] if legal else ["chaperone_ratio"])


def test_a_parent_in_charge_needs_no_chaperone_check():
    assert result(chaperone=None).legal


def test_a_warning_not_a_breach_when_the_first_performance_is_less_than_21_days_away():
    first = TODAY + timedelta(days=21)
    in_time = result(days=[day(first)])
    assert in_time.warnings == ()
    late = result(days=[day(first - timedelta(days=1))])
    assert late.legal
    assert [w.as_dict() for w in late.warnings] == [
        {
            "rule": "short_notice",
            "message": "The council may refuse an application received less than 21 days "
            "before the first performance. The first performance is on 24 January 2027, "
            "20 days from today.",
        }
    ]
    assert late.as_dict()["warnings"][0]["rule"] == "short_notice"


def test_the_first_performance_can_come_before_the_days_given():
    outcome = result(first_performance=(TODAY + timedelta(days=5)).isoformat())
    assert [w.rule for w in outcome.warnings] == ["short_notice"]


# --- Breaks and the overnight minimum: rule data to be confirmed (⚠) -----------------------


def test_breaks_and_the_overnight_minimum_are_not_checked_until_the_rule_data_sets_them():
    assert LIMITS.breaks == () and LIMITS.overnight_min_hours is None
    long_day = day(at_venue=[["09:00", "17:00"]], performing=[["09:00", "11:30"]])
    assert result(days=[long_day]).legal


def test_breaks_when_the_rule_data_sets_them():
    limits = dataclasses.replace(LIMITS, breaks=(BreakRule(240, 45), BreakRule(480, 60)))
    four_hours = day(at_venue=[["09:00", "13:00"]], performing=[["09:00", "11:30"]])
    assert broken(result(days=[four_hours], limits=limits)) == []
    with_a_break = day(at_venue=[["09:00", "16:00"]], performing=_chunks(300, 150, "09:00"))
    # 150 minutes, 15 minutes off, 150 minutes: then 1 hour 45 minutes at the venue.
    assert broken(result(days=[with_a_break], limits=limits)) == []
    short = day(
        at_venue=[["09:00", "14:30"]],
        performing=[["09:00", "11:30"], ["12:14", "14:30"]],
    )
    outcome = result(days=[short], limits=limits)
    assert broken(outcome) == ["breaks"]
    assert outcome.breaches[0].message == (
        "A child at the venue for more than 4 hours must have a break of at least 45 minutes. "
        "On 1 March 2027 the child would be at the venue for 5 hours 30 minutes and the "
        "longest break would be 44 minutes."
    )


def test_the_overnight_minimum_when_the_rule_data_sets_it():
    limits = dataclasses.replace(LIMITS, overnight_min_hours=12)
    evening = day(at_venue=[["18:00", "22:00"]], performing=[["19:00", "20:00"]])

    def next_morning(arrive: str) -> dict[str, Any]:
        return day(FIRST + timedelta(days=1), at_venue=[[arrive, "12:00"]], performing=[])

    assert broken(result(days=[evening, next_morning("10:00")], limits=limits)) == []
    outcome = result(days=[evening, next_morning("09:59")], limits=limits)
    assert broken(outcome) == ["overnight_break"]


# --- Malformed schedules are field errors ---------------------------------------------------


def errors(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        ProposedSchedule.model_validate(data, context={"today": TODAY})
    return errors_from(caught.value)


def with_day(**changes: Any) -> dict[str, Any]:
    return {"age": 9, "days": [{**day(), **changes}]}


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"days": [day()]}, "age", "Enter the child's age"),
        ({"age": 17, "days": [day()]}, "age", "Age must be a whole number from 0 to 16"),
        ({"age": "nine", "days": [day()]}, "age", "Age must be a whole number from 0 to 16"),
        ({"age": 9, "days": []}, "days", "Enter at least one day"),
        (with_day(date="1st March"), "days.0.date", "Date must be a real date"),
        (with_day(date="2027-02-30"), "days.0.date", "Date must be a real date"),
        (with_day(date="2026-12-31"), "days.0.date", "Date must be today or in the future"),
        (
            with_day(at_venue=[["9 oclock", "17:00"]]),
            "days.0.at_venue.0",
            "Enter the start time as a time, like 7:30am or 16:00",
        ),
        (
            with_day(at_venue=[["09:00", "25:00"]]),
            "days.0.at_venue.0",
            "Enter the finish time as a real time",
        ),
        (
            with_day(at_venue=[["09:00"]]),
            "days.0.at_venue.0",
            'Enter each period as a start and a finish time, like ["09:00", "17:00"]',
        ),
        (
            with_day(at_venue=[]),
            "days.0.at_venue",
            "Enter the times the child will be at the venue",
        ),
        (
            with_day(performing=[["11:00", "10:00"]]),
            "days.0.performing.0",
            "Finish time 10:00 must be after the start time 11:00",
        ),
        (
            with_day(performing=[["10:00", "11:30"], ["11:00", "12:00"]]),
            "days.0.performing.1",
            "Performing times 10:00 to 11:30 and 11:00 to 12:00 overlap",
        ),
        (
            with_day(at_venue=[["09:00", "12:00"], ["11:00", "13:00"]], performing=[]),
            "days.0.at_venue.1",
            "Times at the venue 09:00 to 12:00 and 11:00 to 13:00 overlap",
        ),
        (
            with_day(performing=[["08:00", "09:30"]]),
            "days.0.performing.0",
            "Performing from 08:00 to 09:30 must be within the times at the venue",
        ),
        (
            with_day(school_day=True),
            "days.0.education_hours",
            "Enter how many hours of education the child will get on 1 March 2027",
        ),
        (
            with_day(school_day=True, education_hours="lots"),
            "days.0.education_hours",
            "Hours of education must be a number from 0 to 24, like 3 or 2.5",
        ),
        (
            {"age": 9, "days": [day()], "first_performance": "2027-01-03"},
            "first_performance",
            "Date of the first performance must be today or in the future",
        ),
        (
            {"age": 9, "days": [day()], "chaperone": {"children": 0}},
            "chaperone.children",
            "Number of children must be a whole number from 1 to 999",
        ),
    ],
)
def test_malformed_schedules_are_errors_on_the_field(data, path, message):
    assert errors(data)[path] == message


def test_a_date_given_twice_is_an_error_on_the_second():
    data = {"age": 9, "days": [day(), day(performing=[])]}
    assert errors(data) == {
        "days.1.date": "1 March 2027 is already in the schedule: enter each date once"
    }


def test_times_people_type_are_read_and_midnight_ends_the_day():
    schedule_ = proposal(days=[day(at_venue=[["6pm", "midnight"]], performing=[["7.30pm", "9pm"]])])
    assert schedule_.days[0].at_venue == [("18:00", "24:00")]
    assert schedule_.days[0].performing == [("19:30", "21:00")]


def test_venue_visits_that_meet_are_one_stay_for_performing():
    within = day(at_venue=[["09:00", "12:00"], ["12:00", "15:00"]], performing=[["11:00", "13:00"]])
    assert result(days=[within]).legal


# --- Reading the rule versions in force -----------------------------------------------------


def test_run_uses_the_folders_defaults_when_the_table_has_no_version(database, clean_db):
    with db.transaction() as session:
        session.query(RuleVersion).filter(RuleVersion.rule_key.like("performance.%")).delete()
        outcome = schedule.run(session, proposal(chaperone={"children": 13}), today=lambda: TODAY)
    assert broken(outcome) == ["chaperone_ratio"]


def test_run_reads_the_councils_version_in_force_on_the_first_day(database, clean_db):
    with db.transaction() as session:
        session.add(
            RuleVersion(
                rule_key=rules.CHAPERONE,
                effective_from=date(2027, 2, 1),
                value={"max_children": 10, "max_children_if_tutor": 3},
                source="Test: a council's stricter ratio",
            )
        )
    with db.transaction() as session:
        eleven = proposal(chaperone={"children": 11})
        assert broken(schedule.run(session, eleven, today=lambda: TODAY)) == ["chaperone_ratio"]
        before_it = proposal(days=[day(date(2027, 1, 29))], chaperone={"children": 11})
        assert schedule.run(session, before_it, today=lambda: TODAY).legal
