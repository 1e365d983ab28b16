"""The one question template renders any declared step: each component, as people see it.

A throwaway step (not a service) asks one of each kind of question, so the template is
tested for components no service uses yet.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from starlette.datastructures import FormData

from casework.fields import errors_from
from casework.questions import (
    CheckboxesQuestion,
    Choice,
    ConsentQuestion,
    DateQuestion,
    FormContext,
    MoneyQuestion,
    RadiosQuestion,
    SelectQuestion,
    Step,
    TextareaQuestion,
    TextQuestion,
    WeeklyScheduleQuestion,
)
from portal.forms import form_to_data
from portal.templating import environment

PLACE = TextQuestion(name="place", label="Where is the job?", missing="Enter where the job is")
STEP = Step(
    "job",
    "About the job",
    (
        RadiosQuestion(
            name="kind",
            label="What kind of job is it?",
            choices=(
                Choice("shop", "Shop work"),
                Choice("other", "Something else", reveals=(PLACE,)),
            ),
        ),
        WeeklyScheduleQuestion(
            name="term_shifts",
            label="Hours in term time",
            hint="Leave days off blank.",
        ),
        CheckboxesQuestion(
            name="days",
            label="Which weeks?",
            optional=True,
            choices=(Choice("term", "Term time"), Choice("holiday", "Holidays")),
        ),
        SelectQuestion(
            name="size",
            label="Size of the employer",
            choices=(Choice("small", "Small"), Choice("large", "Large")),
        ),
        MoneyQuestion(name="pay", label="Pay per hour"),
        DateQuestion(name="starts", label="Start date", optional=True, past=False),
        TextareaQuestion(name="duties", label="What will they do?", max_length=200),
        ConsentQuestion(name="agree", label="Declaration", agreement="I confirm this is true"),
    ),
    intro="Tell us about the job.",
)


def page(values: dict, errors: dict | None = None, heading: str = "About the job") -> BeautifulSoup:
    request = SimpleNamespace(url=SimpleNamespace(path="/apply/x/job"), session={})
    html = (
        environment()
        .get_template("portal/apply/question.html")
        .render(
            request=request,
            step=STEP,
            single=False,
            heading=heading,
            values=values,
            errors=errors or {},
            form_context=FormContext(),
            back_link="/",
        )
    )
    return BeautifulSoup(html, "html.parser")


def visible(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_a_step_of_several_questions_has_its_title_as_heading_and_its_intro():
    main = page({}).find("main")
    assert visible(main.find("h1")) == "About the job"
    assert "Tell us about the job." in visible(main)
    # The money box shows its pound sign before the box, and the consent its agreement.
    assert visible(main.find("input", id="pay").find_parent(class_="govuk-input__wrapper")) == "£"
    assert visible(main.find("input", id="agree").find_parent("div")) == "I confirm this is true"
    assert main.find("textarea", id="duties") is not None


def test_a_choice_reveals_its_question_under_it_and_shows_what_was_picked():
    main = page({"kind": "other", "place": "Farm"}).find("main")
    other = main.find("input", attrs={"name": "kind", "value": "other"})
    assert other.has_attr("checked")
    reveal = main.find(id=other["data-aria-controls"])
    assert visible(reveal.find("label")) == "Where is the job?"
    assert reveal.find("input", attrs={"name": "place"})["value"] == "Farm"
    assert "govuk-radios__conditional--hidden" not in reveal["class"]
    shop = main.find("input", attrs={"name": "kind", "value": "shop"})
    assert "data-aria-controls" not in shop.attrs


def test_a_weekly_schedule_is_a_row_a_day_and_comes_back_as_the_answer_it_expects():
    main = page({"term_shifts": {"saturday": {"start": "09:00", "end": "13:00"}}}).find("main")
    group = main.find(id="term_shifts").find_parent("fieldset")
    assert visible(group.find("legend")).startswith("Hours in term time")
    days = [visible(legend) for legend in main.find(id="term_shifts").find_all("legend")]
    assert days == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert main.find("input", attrs={"name": "term_shifts-saturday-start"})["value"] == "09:00"
    label = main.find("label", attrs={"for": "term_shifts-monday-end"})
    assert visible(label) == "Finish time"

    posted = FormData(
        [
            ("kind", "shop"),
            ("term_shifts-saturday-start", "9am"),
            ("term_shifts-saturday-end", "1pm"),
            ("term_shifts-monday-start", ""),
            ("term_shifts-monday-end", ""),
            ("days", "term"),
            ("days", "holiday"),
            ("size", "small"),
            ("pay", "5.50"),
            ("duties", "Stacking shelves"),
            ("agree", "yes"),
        ]
    )
    answer = STEP.model.model_validate(form_to_data(posted)).model_dump(mode="json")
    assert answer["term_shifts"] == {"saturday": {"start": "09:00", "end": "13:00"}}
    assert answer["days"] == ["term", "holiday"]
    assert answer["place"] == ""  # asked only under "Something else"


def test_errors_link_to_the_boxes_they_are_about():
    posted = FormData(
        [("kind", "other"), ("term_shifts-friday-start", "5pm"), ("term_shifts-friday-end", "")]
    )
    with pytest.raises(Exception) as raised:
        STEP.model.model_validate(form_to_data(posted))
    errors = errors_from(raised.value)
    assert errors["place"] == "Enter where the job is"
    assert errors["term_shifts"] == "Enter both a start and a finish time for Friday"
    soup = page(form_to_data(posted), errors)
    links = [a["href"] for a in soup.select(".govuk-error-summary__list a")]
    assert links[:2] == ["#place", "#term_shifts"]
    for link in links:
        assert soup.find(id=link[1:]) is not None, f"{link} goes nowhere"
    friday = soup.find("input", attrs={"name": "term_shifts-friday-start"})
    assert friday["value"] == "5pm"
    # Only the boxes the message is about are outlined.
    outlined = [box["name"] for box in soup.select(".app-weekly-schedule .govuk-input--error")]
    assert outlined == ["term_shifts-friday-start", "term_shifts-friday-end"]
    assert soup.find(id="term_shifts")["name"] == "term_shifts-friday-start"


def test_a_date_error_outlines_only_the_wrong_part():
    posted = FormData([("starts-day", "1"), ("starts-month", ""), ("starts-year", "2030")])
    with pytest.raises(Exception) as raised:
        STEP.model.model_validate(form_to_data(posted))
    errors = errors_from(raised.value)
    assert errors["starts"] == "Start date must include a month"
    soup = page(form_to_data(posted), {"starts": errors["starts"]})
    outlined = soup.select(".govuk-date-input .govuk-input--error")
    assert [box["name"] for box in outlined] == ["starts-month"]
    # The error summary's link lands in the box to fix.
    assert soup.select_one(".govuk-error-summary__list a")["href"] == "#starts"
    assert soup.find(id="starts")["name"] == "starts-month"
    whole = page({}, {"starts": "Start date must be a real date"})
    assert len(whole.select(".govuk-date-input .govuk-input--error")) == 3
    assert whole.find(id="starts")["name"] == "starts-day"


def test_what_was_ticked_or_picked_is_shown_again():
    main = page({"days": ["holiday"], "size": "large", "agree": True}).find("main")
    ticked = {
        box["value"] for box in main.find_all("input", attrs={"name": "days", "checked": True})
    }
    assert ticked == {"holiday"}
    one = page({"days": "term"}).find("main")
    assert [b["value"] for b in one.find_all("input", attrs={"name": "days", "checked": True})] == [
        "term"
    ]
    assert main.find("select", id="size").find("option", selected=True)["value"] == "large"
    assert main.find("input", attrs={"name": "agree"}).has_attr("checked")
