"""The working-hours validator: each rule legal at its limit and breached just past it, for
both age bands, in term time and the holidays; and malformed proposals as field errors.

Pure: the limits and occupations are the folder's default rule data, so no database.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from casework.fields import errors_from
from casework.rule_checks import CheckResult
from casework.services.child_employment import hours, occupations, rules
from casework.services.child_employment.proposal import ProposedHours

LIMITS = hours.limits_from(rules.default_in_force(rules.HOURS, rules.IN_FORCE))
OCCUPATIONS = occupations.by_code(rules.default_in_force(rules.OCCUPATIONS, rules.IN_FORCE))
CONTEXT = {"occupations": set(OCCUPATIONS)}


def proposal(**changes: Any) -> ProposedHours:
    body: dict[str, Any] = {"age": 14, "period": "term", "occupation": "shop_work", "shifts": {}}
    return ProposedHours.model_validate({**body, **changes}, context=CONTEXT)


def result(**changes: Any) -> CheckResult:
    return hours.check(LIMITS, OCCUPATIONS, proposal(**changes))


def rules_broken(**changes: Any) -> list[str]:
    return [breach.rule for breach in result(**changes).breaches]


def messages(**changes: Any) -> dict[str, str]:
    return {breach.rule: breach.message for breach in result(**changes).breaches}


def errors(body: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        ProposedHours.model_validate(body, context=CONTEXT)
    return errors_from(raised.value)


def test_a_legal_term_week() -> None:
    checked = result(
        shifts={
            "mon": [["16:00", "18:00"]],
            "tue": [["07:45", "08:45"]],
            "wed": [["16:00", "18:00"]],
            "sat": [["09:00", "12:00"]],
            "sun": [["10:00", "12:00"]],
        }
    )
    assert checked.legal and checked.breaches == () and checked.warnings == ()
    assert checked.as_dict() == {"legal": True, "breaches": []}


def test_no_shifts_is_legal() -> None:
    assert result().legal


# --- Age and occupation ---------------------------------------------------------------


def test_under_13_cannot_be_employed_at_all() -> None:
    assert rules_broken(age=13) == []
    checked = result(age=12, shifts={"sat": [["09:00", "10:00"]]})
    assert [b.rule for b in checked.breaches] == ["minimum_age"]
    assert checked.breaches[0].message == (
        "A child must be at least 13 to be employed, and this child is 12. Children under 13 "
        "can only take part in performances, such as plays, filming or modelling, under a "
        "licence from the council."
    )
    assert rules_broken(age=0) == ["minimum_age"]


def test_13_year_olds_do_light_work_only() -> None:
    assert rules_broken(age=13, occupation="newspaper_delivery") == []
    assert rules_broken(age=14, occupation="retail") == []
    assert messages(age=13, occupation="retail") == {
        "light_work_only": "A 13-year-old can only do the light work on the council's list of "
        "occupations for 13-year-olds. A child must be at least 14 to do this job: Retail "
        "work, such as serving customers or working a till."
    }


@pytest.mark.parametrize("age", [13, 14, 16])
def test_prohibited_work_at_any_age(age: int) -> None:
    assert messages(age=age, occupation="commercial_kitchen") == {
        "prohibited_occupation": "Children cannot do this job at any age: Work in a "
        "commercial kitchen."
    }


def test_over_compulsory_school_age_the_rules_do_not_apply() -> None:
    # 16 is still covered (Year 11 may not be over); 17 never is.
    assert rules_broken(age=16, occupation="commercial_kitchen") == ["prohibited_occupation"]
    checked = result(age=17, occupation="commercial_kitchen", shifts={"sat": [["06:00", "22:00"]]})
    assert checked.legal
    assert [w.rule for w in checked.warnings] == ["over_compulsory_school_age"]
    assert "over compulsory school age" in checked.warnings[0].message


def test_the_occupation_list_is_complete() -> None:
    light = {o.code for o in OCCUPATIONS.values() if o.allowed_from_age == 13}
    assert light == {
        "agriculture_with_parent",
        "newspaper_delivery",
        "shop_work",
        "hairdressing",
        "office_work",
        "car_washing_private",
        "cafe_restaurant",
        "riding_stables",
        "hotel_domestic",
    }
    prohibited = {o.code for o in OCCUPATIONS.values() if o.prohibited}
    assert {
        "cinema_theatre",
        "disco_nightclub",
        "alcohol_sales",
        "milk_delivery",
        "fuel_delivery",
        "commercial_kitchen",
        "refuse",
        "work_at_height",
        "harmful_agents",
        "door_to_door",
        "telephone_sales",
        "adult_material",
        "slaughterhouse_butchery",
        "fairground_arcade",
        "bingo_billiards_club",
        "care_home_personal_care",
    } <= prohibited
    assert all(o.allowed_from_age is None for o in OCCUPATIONS.values() if o.prohibited)
    assert {"retail", "waiting_staff"} <= {
        o.code for o in OCCUPATIONS.values() if o.allowed_from_age == 14
    }


# --- The working window -----------------------------------------------------------------


@pytest.mark.parametrize("period", ["term", "holiday"])
def test_no_work_before_7am(period: str) -> None:
    assert rules_broken(period=period, shifts={"sat": [["07:00", "08:00"]]}) == []
    assert messages(period=period, shifts={"sat": [["06:59", "08:00"]]}) == {
        "before_7am": "On Saturday, work starts at 6:59am. Children cannot work before 7am."
    }


@pytest.mark.parametrize("period", ["term", "holiday"])
def test_no_work_after_7pm(period: str) -> None:
    assert rules_broken(period=period, shifts={"sun": [["17:00", "19:00"]]}) == []
    assert messages(period=period, shifts={"sun": [["17:30", "19:01"]]}) == {
        "after_7pm": "On Sunday, work finishes at 7:01pm. Children cannot work after 7pm."
    }


# --- School days ------------------------------------------------------------------------


def test_not_during_school_hours() -> None:
    # The usual school day is 8:45am to 3:15pm; touching it is not being in it.
    assert rules_broken(shifts={"mon": [["07:45", "08:45"], ["15:15", "16:15"]]}) == []
    assert messages(shifts={"tue": [["15:00", "16:00"]]}) == {
        "during_school_hours": "On Tuesday, work from 3pm to 4pm is during school hours "
        "(8:45am to 3:15pm). Children cannot work during school hours."
    }


def test_the_childs_own_school_day_replaces_the_usual_one() -> None:
    own = {"school_start": "09:00", "school_end": "15:00"}
    assert rules_broken(shifts={"wed": [["15:00", "16:00"]]}, **own) == []
    assert rules_broken(shifts={"wed": [["08:00", "09:00"]]}, **own) == []
    assert rules_broken(shifts={"wed": [["14:59", "16:00"]]}, **own) == ["during_school_hours"]


def test_school_hours_do_not_apply_in_the_holidays_or_at_weekends() -> None:
    assert rules_broken(period="holiday", shifts={"mon": [["10:00", "14:00"]]}) == []
    assert rules_broken(shifts={"sat": [["10:00", "14:00"]]}) == []


def test_at_most_1_hour_before_school() -> None:
    assert rules_broken(shifts={"thu": [["07:30", "08:30"]]}) == []
    assert messages(shifts={"thu": [["07:00", "08:01"]]}) == {
        "before_school_limit": "On Thursday, the child works 1 hour 1 minute before school. A "
        "child can work at most 1 hour before school."
    }
    # Two short shifts before school add up.
    assert rules_broken(shifts={"thu": [["07:00", "07:30"], ["08:00", "08:40"]]}) == [
        "before_school_limit"
    ]


@pytest.mark.parametrize("age", [13, 14, 15, 16])
def test_at_most_2_hours_on_a_school_day(age: int) -> None:
    assert rules_broken(age=age, shifts={"fri": [["07:45", "08:45"], ["16:00", "17:00"]]}) == []
    assert messages(age=age, shifts={"fri": [["07:45", "08:45"], ["16:00", "17:01"]]}) == {
        "school_day_limit": f"A {age}-year-old can work at most 2 hours on a school day. These "
        "Friday shifts add up to 2 hours 1 minute."
    }


# --- Weekends ---------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["term", "holiday"])
def test_saturday_limit_for_13_and_14_year_olds(period: str) -> None:
    legal = {"sat": [["09:00", "12:00"], ["13:00", "15:00"]]}
    assert rules_broken(age=14, period=period, shifts=legal) == []
    assert rules_broken(age=13, period=period, shifts=legal) == []
    over = {"sat": [["09:00", "12:00"], ["13:00", "15:01"]]}
    assert messages(age=14, period=period, shifts=over) == {
        "saturday_limit": "A 14-year-old can work at most 5 hours on a Saturday. These "
        "Saturday shifts add up to 5 hours 1 minute."
    }


@pytest.mark.parametrize("period", ["term", "holiday"])
def test_saturday_limit_for_15_and_16_year_olds(period: str) -> None:
    legal = {"sat": [["08:00", "11:00"], ["12:00", "15:00"], ["16:00", "18:00"]]}
    assert rules_broken(age=15, period=period, shifts=legal) == []
    assert rules_broken(age=16, period=period, shifts=legal) == []
    over = {"sat": [["08:00", "11:00"], ["12:00", "15:00"], ["16:00", "18:01"]]}
    assert rules_broken(age=15, period=period, shifts=over) == ["saturday_limit"]
    assert (
        "A 16-year-old can work at most 8 hours on a Saturday"
        in messages(age=16, period=period, shifts=over)["saturday_limit"]
    )


@pytest.mark.parametrize("age", [13, 15])
@pytest.mark.parametrize("period", ["term", "holiday"])
def test_sunday_limit(age: int, period: str) -> None:
    assert rules_broken(age=age, period=period, shifts={"sun": [["10:00", "12:00"]]}) == []
    assert messages(age=age, period=period, shifts={"sun": [["10:00", "12:01"]]}) == {
        "sunday_limit": f"A {age}-year-old can work at most 2 hours on a Sunday. These Sunday "
        "shifts add up to 2 hours 1 minute."
    }


# --- Holiday weekdays -------------------------------------------------------------------


def test_holiday_weekday_limit_for_13_and_14_year_olds() -> None:
    legal = {"mon": [["09:00", "12:00"], ["13:00", "15:00"]]}
    assert rules_broken(age=13, period="holiday", shifts=legal) == []
    over = {"mon": [["09:00", "12:00"], ["13:00", "15:01"]]}
    assert messages(age=13, period="holiday", shifts=over) == {
        "holiday_weekday_limit": "A 13-year-old can work at most 5 hours on a weekday in the "
        "school holidays. These Monday shifts add up to 5 hours 1 minute."
    }


def test_holiday_weekday_limit_for_15_and_16_year_olds() -> None:
    legal = {"wed": [["08:00", "11:00"], ["12:00", "15:00"], ["16:00", "18:00"]]}
    assert rules_broken(age=15, period="holiday", shifts=legal) == []
    over = {"wed": [["08:00", "11:00"], ["12:00", "15:00"], ["16:00", "18:01"]]}
    assert rules_broken(age=16, period="holiday", shifts=over) == ["holiday_weekday_limit"]


# --- Weeks ------------------------------------------------------------------------------


@pytest.mark.parametrize("age", [13, 14, 15, 16])
def test_term_week_limit(age: int) -> None:
    # 2 hours each school day and 2 on Saturday: 12 hours.
    week = {day: [["16:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
    assert rules_broken(age=age, shifts={**week, "sat": [["09:00", "11:00"]]}) == []
    assert messages(age=age, shifts={**week, "sat": [["09:00", "11:01"]]}) == {
        "term_week_limit": f"A {age}-year-old can work at most 12 hours a week in term time. "
        "These shifts add up to 12 hours 1 minute a week."
    }


def test_holiday_week_limit_for_13_and_14_year_olds() -> None:
    # 5 hours a weekday (with a break), Friday 2 and Saturday 3: 25 hours.
    week = {day: [["09:00", "11:00"], ["12:00", "15:00"]] for day in ("mon", "tue", "wed", "thu")}
    legal = {**week, "fri": [["09:00", "11:00"]], "sat": [["09:00", "12:00"]]}
    assert rules_broken(age=14, period="holiday", shifts=legal) == []
    over = {**legal, "sun": [["10:00", "10:01"]]}
    assert messages(age=14, period="holiday", shifts=over) == {
        "holiday_week_limit": "A 14-year-old can work at most 25 hours a week in the school "
        "holidays. These shifts add up to 25 hours 1 minute a week."
    }


def test_holiday_week_limit_for_15_and_16_year_olds() -> None:
    day = [["09:00", "13:00"], ["14:00", "17:00"]]  # 7 hours
    legal = {d: day for d in ("mon", "tue", "wed", "thu", "fri")}
    assert rules_broken(age=15, period="holiday", shifts=legal) == []
    over = {**legal, "sun": [["10:00", "10:01"]]}
    assert rules_broken(age=16, period="holiday", shifts=over) == ["holiday_week_limit"]
    # The same week is over the 13 and 14-year-olds' weekday and weekly limits.
    assert rules_broken(age=14, period="holiday", shifts=legal) == [
        *["holiday_weekday_limit"] * 5,
        "holiday_week_limit",
    ]


def test_the_holidays_carry_a_reminder_of_two_weeks_off() -> None:
    checked = result(period="holiday", shifts={"mon": [["09:00", "10:00"]]})
    assert checked.legal
    assert [w.rule for w in checked.warnings] == ["holiday_weeks_free"]
    assert checked.as_dict()["warnings"] == [
        {
            "rule": "holiday_weeks_free",
            "message": "A child must also have at least 2 weeks in a row without work during "
            "the school holidays each year.",
        }
    ]


# --- Breaks -----------------------------------------------------------------------------


def test_a_break_of_1_hour_after_4_hours() -> None:
    assert rules_broken(age=15, shifts={"sat": [["09:00", "13:00"]]}) == []
    assert messages(age=15, shifts={"sat": [["09:00", "13:01"]]}) == {
        "break_after_4_hours": "On Saturday, the child works 4 hours 1 minute between 9am and "
        "1:01pm without a break of at least 1 hour. A child must have a break of at least 1 "
        "hour after 4 hours of work."
    }


def test_a_gap_under_an_hour_does_not_break_a_stretch() -> None:
    # A 59-minute gap is not a break, and is not counted as work either.
    short_gap = {"sat": [["09:00", "11:00"], ["11:59", "14:00"]]}
    assert rules_broken(age=15, shifts=short_gap) == ["break_after_4_hours"]
    assert (
        "works 4 hours 1 minute between 9am and 2pm"
        in messages(age=15, shifts=short_gap)["break_after_4_hours"]
    )
    on_the_limit = {"sat": [["09:00", "11:00"], ["11:30", "13:30"]]}
    assert rules_broken(age=15, shifts=on_the_limit) == []
    full_hour = {"sat": [["09:00", "12:00"], ["13:00", "17:00"]]}
    assert rules_broken(age=15, shifts=full_hour) == []


def test_the_break_rule_applies_on_holiday_weekdays_too() -> None:
    assert rules_broken(age=15, period="holiday", shifts={"tue": [["09:00", "14:00"]]}) == [
        "break_after_4_hours"
    ]


# --- Several breaches -------------------------------------------------------------------


def test_every_breach_is_reported_day_by_day() -> None:
    shifts = {
        "mon": [["06:30", "08:00"], ["15:00", "19:30"]],
        "sat": [["09:00", "15:30"]],
    }
    assert rules_broken(age=13, occupation="retail", shifts=shifts) == [
        "light_work_only",
        "before_7am",
        "after_7pm",
        "during_school_hours",
        "before_school_limit",
        "school_day_limit",
        "break_after_4_hours",
        "saturday_limit",
        "break_after_4_hours",
        "term_week_limit",
    ]


# --- Malformed proposals: errors on the field, never breaches ---------------------------


def valid(**changes: Any) -> dict[str, Any]:
    return {"age": 14, "period": "term", "occupation": "shop_work", "shifts": {}, **changes}


def test_missing_answers() -> None:
    assert errors({}) == {
        "age": "Enter the child's age",
        "period": "Select whether these are hours in term time or in the school holidays",
        "occupation": "Enter the job the child will do, as a code from the list of occupations",
        "shifts": "Enter the days and times the child will work",
    }


@pytest.mark.parametrize("age", [-1, 19, 14.5, "14", True, None])
def test_an_age_that_is_not_a_whole_number_from_0_to_18(age: Any) -> None:
    message = errors(valid(age=age))["age"]
    assert message in ("Age must be a whole number from 0 to 18, like 14", "Enter the child's age")


def test_ages_at_the_ends_of_the_range_are_accepted() -> None:
    assert proposal(age=0).age == 0
    assert proposal(age=18).age == 18
    assert proposal(age=15.0).age == 15


@pytest.mark.parametrize("period", ["Term", "summer", 1])
def test_a_period_that_is_not_term_or_holiday(period: Any) -> None:
    assert errors(valid(period=period)) == {
        "period": 'Period must be "term" (term time) or "holiday" (the school holidays)'
    }


def test_an_unknown_occupation_code() -> None:
    assert errors(valid(occupation="astronaut")) == {
        "occupation": "Enter a code from the list of occupations, like shop_work"
    }
    assert proposal(occupation=" Shop_Work ").occupation == "shop_work"


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ("25:00", "Enter the start of Monday's first shift as a real time"),
        ("17:60", "Enter the start of Monday's first shift as a real time"),
        ("13pm", "Enter the start of Monday's first shift as a real time"),
        ("soon", "Enter the start of Monday's first shift as a time, like 7:30am or 16:00"),
        ("", "Enter the start of Monday's first shift as a time, like 7:30am or 16:00"),
    ],
)
def test_a_time_that_is_not_a_time(time: str, message: str) -> None:
    assert errors(valid(shifts={"mon": [[time, "18:00"]]})) == {"shifts.mon": message}


def test_times_people_type_are_read() -> None:
    read = proposal(shifts={"mon": [["5pm", "6.30pm"]], "sat": [["9am", "midday"]]}).shifts
    assert read.mon == [("17:00", "18:30")]
    assert read.sat == [("09:00", "12:00")]
    # Midnight as a finish is the end of the day, so it is a late finish, not an error.
    late = proposal(shifts={"fri": [["18:00", "00:00"]]})
    assert late.shifts.fri == [("18:00", "24:00")]
    assert hours.check(LIMITS, OCCUPATIONS, late).breaches[0].rule == "after_7pm"


@pytest.mark.parametrize("finish", ["17:00", "16:00"])
def test_a_shift_that_finishes_at_or_before_its_start(finish: str) -> None:
    assert errors(valid(shifts={"tue": [["09:00", "10:00"], ["17:00", finish]]})) == {
        "shifts.tue": "The finish of Tuesday's second shift must be after its start (5pm)"
    }


def test_overlapping_shifts_on_one_day() -> None:
    assert errors(valid(shifts={"wed": [["12:00", "16:00"], ["09:00", "12:30"]]})) == {
        "shifts.wed": "Wednesday's shifts 9am to 12:30pm and midday to 4pm overlap: enter "
        "each time the child works once"
    }
    # Shifts that meet are not overlapping (and are one stretch of work).
    assert proposal(shifts={"wed": [["12:00", "13:00"], ["09:00", "12:00"]]}).shifts.wed == [
        ("09:00", "12:00"),
        ("12:00", "13:00"),
    ]


@pytest.mark.parametrize("key", ["monday", "xyz", "Mon"])
def test_an_unknown_day(key: str) -> None:
    assert errors(valid(shifts={key: [["09:00", "10:00"]]})) == {
        "shifts": "Enter days as mon, tue, wed, thu, fri, sat or sun"
    }


@pytest.mark.parametrize(
    "day",
    ["09:00", [["09:00"]], [["09:00", "10:00", "11:00"]], [[9, 10]], {"start": "09:00"}],
)
def test_a_day_that_is_not_a_list_of_shifts(day: Any) -> None:
    assert set(errors(valid(shifts={"mon": day}))) == {"shifts.mon"}


def test_shifts_that_are_not_an_object() -> None:
    assert set(errors(valid(shifts=[["09:00", "10:00"]]))) == {"shifts"}


def test_the_school_day_must_be_whole_and_in_order() -> None:
    assert errors(valid(school_start="09:00")) == {
        "school_end": "Enter the time school finishes, as well as when it starts"
    }
    assert errors(valid(school_end="15:00")) == {
        "school_start": "Enter the time school starts, as well as when it ends"
    }
    assert errors(valid(school_start="15:00", school_end="09:00")) == {
        "school_end": "The time school finishes must be after the time it starts"
    }
    assert errors(valid(school_start="nine", school_end="15:00")) == {
        "school_start": "Enter the time school starts as a time, like 7:30am or 16:00"
    }


def test_without_a_list_to_check_against_a_code_is_taken_as_given() -> None:
    # The pure model needs the list from its context; ``check`` refuses a code not on it.
    unchecked = ProposedHours.model_validate(valid(occupation="astronaut"))
    with pytest.raises(ValueError, match="astronaut"):
        hours.check(LIMITS, OCCUPATIONS, unchecked)
