"""Reading a week of working hours typed in words (bot/actions/shifts.py has no Rasa imports,
so it is tested here without the bot's environment). What it reads goes to the portal's
hours check, which says whether the hours are legal; this only reads days and times."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from casework.settings import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location(
    "bot_shifts", PROJECT_ROOT / "bot" / "actions" / "shifts.py"
)
assert _spec and _spec.loader
shifts = importlib.util.module_from_spec(_spec)
sys.modules["bot_shifts"] = shifts  # dataclasses look their module up by name
_spec.loader.exec_module(shifts)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.mark.parametrize(
    ("said", "week"),
    [
        # The brief's examples.
        (
            "Saturdays 9 till 1 and Sundays 10-12",
            {"sat": [["09:00", "13:00"]], "sun": [["10:00", "12:00"]]},
        ),
        ("mon-fri 4pm to 6pm", {day: [["16:00", "18:00"]] for day in WEEKDAYS}),
        # Ranges of days in words, and groups of days.
        ("Monday to Friday 4-6pm", {day: [["16:00", "18:00"]] for day in WEEKDAYS}),
        ("weekdays 7am-8am", {day: [["07:00", "08:00"]] for day in WEEKDAYS}),
        ("weekends 10-2", {"sat": [["10:00", "14:00"]], "sun": [["10:00", "14:00"]]}),
        (
            "every day 6-7am",
            {day: [["06:00", "07:00"]] for day in (*WEEKDAYS, "sat", "sun")},
        ),
        ("sat-mon 9-10", {d: [["09:00", "10:00"]] for d in ("sat", "sun", "mon")}),
        # Lists of days, with commas, "and" and "&".
        ("tue and thu 5 to 7pm", {"tue": [["17:00", "19:00"]], "thu": [["17:00", "19:00"]]}),
        (
            "Tuesday & Thursday 17:00-19:00",
            {"tue": [["17:00", "19:00"]], "thu": [["17:00", "19:00"]]},
        ),
        (
            "mon, wed, fri 4.30pm-6pm",
            {d: [["16:30", "18:00"]] for d in ("mon", "wed", "fri")},
        ),
        # Two shifts on one day; different days with different times.
        ("sat 9-1, 2-5", {"sat": [["09:00", "13:00"], ["14:00", "17:00"]]}),
        (
            "weekdays 7am-8am and saturday 9 till 1",
            {**{day: [["07:00", "08:00"]] for day in WEEKDAYS}, "sat": [["09:00", "13:00"]]},
        ),
        # Times before their days.
        (
            "9 till 1 on saturdays and sundays",
            {"sat": [["09:00", "13:00"]], "sun": [["09:00", "13:00"]]},
        ),
        ("12-4 on sundays", {"sun": [["12:00", "16:00"]]}),
        # noon and midday, minutes, "from", "until", the 24-hour clock, "half 4".
        ("sunday 10 till noon", {"sun": [["10:00", "12:00"]]}),
        ("saturday 9am - 12 noon", {"sat": [["09:00", "12:00"]]}),
        ("Saturday 10am till midday", {"sat": [["10:00", "12:00"]]}),
        ("sat 8am until 12pm", {"sat": [["08:00", "12:00"]]}),
        ("sat 9:30am-1.30pm", {"sat": [["09:30", "13:30"]]}),
        ("saturday from 9 to 1", {"sat": [["09:00", "13:00"]]}),
        ("sats 0900-1300", {"sat": [["09:00", "13:00"]]}),
        ("half 4 till half 6 on fridays", {"fri": [["16:30", "18:30"]]}),
        ("Sunday 10a.m. to 12p.m.", {"sun": [["10:00", "12:00"]]}),
    ],
)
def test_days_and_times_are_read(said, week):
    assert shifts.read(said) == week


@pytest.mark.parametrize(
    ("said", "shift"),
    [
        # am or pm on one side is shared where it makes sense.
        ("Sat 10-2pm", ["10:00", "14:00"]),  # 10pm would be after 2pm
        ("Sat 4-6pm", ["16:00", "18:00"]),
        ("Sat 6-8am", ["06:00", "08:00"]),
        ("Sat 9am till 1", ["09:00", "13:00"]),
        ("Sat 4pm to 6", ["16:00", "18:00"]),
        # Neither side says: 1 to 6 is the afternoon, 7 to 11 the morning, 12 midday, and
        # the finish is the first time after the start.
        ("Sat 4 to 6", ["16:00", "18:00"]),
        ("Sat 7-8", ["07:00", "08:00"]),
        ("Sat 11-1", ["11:00", "13:00"]),
        ("Sat 12-4", ["12:00", "16:00"]),
        ("thurs 4:30-6", ["16:30", "18:00"]),
    ],
)
def test_a_time_without_am_or_pm_is_read_as_meant(said, shift):
    assert list(shifts.read(said).values()) == [[shift]]


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("saturdays", "couldn't find any times"),
        ("saturday 9am", "couldn't find any times"),
        ("hello there", "couldn't find any times"),
        ("9 till 1", "Which days are the hours 9am to 1pm?"),
        ("sat 25-26", "couldn't read '25' as a time"),
        ("sat 9-1 and sunday", "What times on Sunday?"),
        ("sat 13pm-14pm", "couldn't read '13pm' as a time"),
    ],
)
def test_what_cannot_be_read_is_said_in_words(said, message):
    with pytest.raises(shifts.ShiftsNotRead, match=message):
        shifts.read(said)


def test_words_that_look_like_days_are_not_days():
    # "month" is not Monday, "sundae" is not Sunday, "4th" is not Thursday.
    assert shifts.read("every month on the 4th, sat 9-1 for a sundae") == {
        "sat": [["09:00", "13:00"]]
    }


@pytest.mark.parametrize(
    ("said", "described"),
    [
        (
            "Saturdays 9 till 1 and Sundays 10-12",
            "Saturday 9am to 1pm; Sunday 10am to midday",
        ),
        ("mon-fri 4pm to 6pm", "Monday to Friday 4pm to 6pm"),
        ("tue and thu 5 to 7pm", "Tuesday and Thursday 5pm to 7pm"),
        ("mon, wed, fri 4.30pm-6pm", "Monday, Wednesday and Friday 4:30pm to 6pm"),
        ("every day 6-7am", "Every day 6am to 7am"),
        ("sat 9-1, 2-5", "Saturday 9am to 1pm and 2pm to 5pm"),
    ],
)
def test_what_was_read_is_said_back(said, described):
    assert shifts.describe(shifts.read(said)) == described
