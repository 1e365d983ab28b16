"""How the assistant reads child employment and performance questions, and the answers it
builds around the portal's published rule data (bot/actions/rule_reading.py and
rule_answers.py have no Rasa imports, so they are tested here without the bot's
environment). The lists are the real ones the API serves: the hours by age band, the
occupations and the kinds of performance, in force today."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
import yaml

from casework import db
from casework.services.child_employment.checks import hours_items, occupation_items
from casework.services.performance_licences.exemptions import KINDS
from casework.settings import PROJECT_ROOT

BOT = PROJECT_ROOT / "bot"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bot_{name}", BOT / "actions" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bot_{name}"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


read = _load("rule_reading")
answers = _load("rule_answers")
EMPLOYMENT = yaml.safe_load((BOT / "services" / "child-employment.yml").read_text())
PERFORMANCE = yaml.safe_load((BOT / "services" / "performance-licences.yml").read_text())


@pytest.fixture
def lists(app) -> tuple[list[dict], list[dict]]:
    """The hours by age band and the occupations, as GET /rules/child-employment/... serve."""
    with db.transaction() as session:
        return hours_items(session), occupation_items(session)


def _job_names(occupations: list[dict]) -> list:
    said = EMPLOYMENT["occupations"]
    return [
        read.Named(item["code"], (*said.get(item["code"], ()), item["name"].split(" (")[0]))
        for item in occupations
    ]


# --- Reading the question ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "age"),
    [
        ("what hours can a 14 year old work on a Saturday?", 14),
        ("how many hours can my 15 year old work in the holidays", 15),
        ("can a 13 year old work in a shop", 13),
        ("my fourteen year old wants a job", 14),
        ("14yo saturday job", 14),
        ("a 14-year-old", 14),
        ("a 14 yr old", 14),
        ("what can 16 y/o do", 16),
        ("she's 13 and wants a paper round", 13),
        ("he’s 14", 14),
        ("my son is aged 15", 15),
        ("can my son work in a kitchen", None),
        ("how many hours can my year 9 son work", None),  # a school year is not an age
        ("can my kid work 3 hours on sunday", None),  # hours are not an age
        ("it is 4 hours", None),
    ],
)
def test_the_age_is_read_from_the_question(message, age):
    assert read.age(message) == age


@pytest.mark.parametrize(
    ("answer", "age"), [("14", 14), ("fourteen", 14), ("he's 14", 14), ("about 13", 13)]
)
def test_a_number_alone_is_an_age_when_the_age_was_asked(answer, age):
    assert read.age(answer, asked=True) == age
    assert read.age("year 9", asked=True) is None


def test_a_school_year_is_noticed_so_the_age_is_asked():
    assert read.year_group("my year 9 son") == 9
    assert read.year_group("she's in yr 10") == 10
    assert read.year_group("a 14 year old") is None


@pytest.mark.parametrize(
    ("message", "period", "day"),
    [
        ("what hours can a 14 year old work on a Saturday?", None, read.SATURDAY),
        ("how many hours can my 15 year old work in the holidays", read.HOLIDAY, None),
        ("when can children work on a school day", None, read.SCHOOL_DAY),
        ("how many hours a week in term time", read.TERM, read.WEEK),
        ("during half term", read.HOLIDAY, None),  # half term is a holiday
        ("after school on weekdays", None, read.SCHOOL_DAY),
        ("at the weekend", None, read.WEEKEND),
        ("sundays in the summer hols", read.HOLIDAY, read.SUNDAY),
    ],
)
def test_term_or_holidays_and_the_day_are_read(message, period, day):
    assert read.period(message) == period
    assert read.day(message) == day


@pytest.mark.parametrize(
    ("message", "codes"),
    [
        ("can a 13 year old work in a shop", ["shop_work"]),
        ("can my son work in a kitchen", ["commercial_kitchen"]),
        ("my daughter wants a paper round", ["newspaper_delivery"]),
        ("can she work in a coffee shop", ["cafe_restaurant"]),  # not "shop"
        ("working on the till at the supermarket", ["retail", "shop_work"]),
        ("can he work behind the bar in a pub", ["alcohol_sales"]),
        ("dog walking for neighbours", ["pet_care"]),
        ("washing up in a restaurant kitchen", ["commercial_kitchen", "cafe_restaurant"]),
        ("can my son work in the café?", ["cafe_restaurant"]),
        ("office work", ["office_work"]),  # by the list's own name
        ("what hours can he work on saturdays", []),
    ],
)
def test_jobs_are_found_by_the_words_people_use(lists, message, codes):
    _bands, occupations = lists
    assert sorted(read.named(message, _job_names(occupations))) == sorted(codes)


def test_every_job_the_bot_names_is_on_the_published_list(lists):
    _bands, occupations = lists
    assert set(EMPLOYMENT["occupations"]) <= {item["code"] for item in occupations}


def test_every_kind_of_performance_the_bot_names_is_the_checks(app):
    assert set(PERFORMANCE["kinds"]) == set(KINDS)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("does my daughter need a licence for a TV advert", "broadcast_or_recorded"),
        ("am dram at a theatre with tickets", "charged"),
        ("she's singing in a pub on friday", "licensed_premises"),
        ("does my daughter need a licence for a school play?", None),
    ],
)
def test_the_kind_of_performance_is_read(message, kind):
    said = [
        read.Named(code, tuple(spec.get("said") or ()))
        for code, spec in PERFORMANCE["kinds"].items()
    ]
    found = read.named(message, said)
    assert (found[0] if found else None) == kind


@pytest.mark.parametrize(
    ("message", "paid", "absent"),
    [
        ("does my son need a licence for paid modelling", True, None),
        ("she gets £50 a day", True, None),
        ("no, just expenses", False, None),
        ("he isn't paid", False, None),
        ("she'll miss school for two days of filming", None, True),
        ("weekends only, no time off school", None, False),
    ],
)
def test_pay_and_time_off_school_are_read(message, paid, absent):
    assert read.paid(message) is paid
    assert read.misses_school(message) is absent


def test_yes_no_and_counts_in_words():
    assert read.yes_no("yes he is") is True
    assert read.yes_no("nope") is False
    assert read.yes_no("maybe") is None
    assert read.count("three") == 3
    assert read.count("about 2 days") == 2
    assert read.count("none") == 0
    assert read.count("lots") is None


# --- Answers from the published limits --------------------------------------------------


def test_saturday_hours_for_a_14_year_old_come_from_the_limits(lists):
    bands, _occupations = lists
    band = answers.band_for(bands, 14)
    said = answers.hours_answer(band, read.SATURDAY, None, answers.a_child(14))
    assert said.startswith(
        f"A 14-year-old can work at most {answers.duration(band['saturday_hours'])} on a "
        "Saturday, between 7am and 7pm."
    )
    assert said == (
        "A 14-year-old can work at most 5 hours on a Saturday, between 7am and 7pm. After 4 "
        "hours of work, they need a break of at least 1 hour."
    )


def test_holiday_hours_for_a_15_year_old(lists):
    bands, _occupations = lists
    said = answers.hours_answer(
        answers.band_for(bands, 15), None, read.HOLIDAY, answers.a_child(15)
    )
    assert said == (
        "In the school holidays, a 15-year-old can work at most 8 hours on a weekday, 8 hours "
        "on a Saturday, 2 hours on a Sunday and 35 hours a week, between 7am and 7pm."
    )


def test_a_school_day_needs_no_age_when_every_age_has_the_same_limit(lists):
    bands, _occupations = lists
    said = answers.without_age(bands, read.SCHOOL_DAY, None)
    assert said == (
        "On a school day, a child aged 13 to 16 can work at most 2 hours, between 7am and "
        "7pm, but not during school hours (usually 8:45am to 3:15pm). At most 1 hour of it "
        "can be before school."
    )


def test_saturdays_need_the_age_because_the_limit_differs(lists):
    bands, _occupations = lists
    assert answers.without_age(bands, read.SATURDAY, None) is None
    # Change a band's limit and the answer changes with it: nothing is written in the bot.
    changed = [{**band, "sunday_hours": 3} if band["from_age"] == 15 else band for band in bands]
    assert answers.without_age(changed, read.SUNDAY, None) is None
    assert "at most 2 hours on a Sunday" in answers.without_age(bands, read.SUNDAY, None)


def test_jobs_without_an_age_say_from_what_age(lists):
    _bands, occupations = lists
    by_code = {item["code"]: item for item in occupations}
    assert answers.job_without_age(by_code["commercial_kitchen"]) == (
        "No child can do this job, at any age: work in a commercial kitchen."
    )
    assert answers.job_without_age(by_code["shop_work"]) == (
        "A child can do this job from the age of 13: shop work, including stacking shelves."
    )
    listed = answers.jobs_at(occupations, 13)
    assert listed.startswith("On the council's list, a 13-year-old can do: ")
    assert "retail work" not in listed.split(" No child")[0]  # from 14


@pytest.mark.parametrize(
    ("age", "said"), [(14, "a 14-year-old"), (8, "an 8-year-old"), (11, "an 11-year-old")]
)
def test_a_child_of_an_age(age, said):
    assert answers.a_child(age) == said


@pytest.mark.parametrize(
    ("hours", "said"),
    [(2, "2 hours"), (1, "1 hour"), (1.5, "1 hour 30 minutes"), (0.5, "30 minutes")],
)
def test_durations(hours, said):
    assert answers.duration(hours) == said
