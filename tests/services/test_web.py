"""The contract, on the web: every service people apply for online has a start page, every
step renders its questions, check-your-answers shows the answers, and a whole application
submitted page by page (JavaScript off) reaches the officers' queue for that service.
"""

from __future__ import annotations

import re

from casework import db
from casework.questions import ConsentQuestion, FormContext, Step
from casework.questions.kinds import ChoiceQuestion
from tests.services.helpers import (
    answer_every_step,
    apply_url,
    each_service,
    missing_words,
    online,
    sample_answers,
    submit_check_answers,
    text_of,
    visible,
)


def _content_words(markdown: str) -> list[str]:
    """Lines of a start or confirmation page's Markdown a person should read on the page:
    headings and plain lines (those with placeholders or inline markup are left out)."""
    lines = []
    for line in markdown.splitlines():
        text = re.sub(r"^\s*(#+|>|[-*]|\d+\.)\s+", "", line).strip()
        if text and not re.search(r"[{}\[\]*_`<]", text):
            lines.append(text)
    return lines


def _step_words(step: Step) -> list[str]:
    """What a person must be able to read on the step's page: its intro, every question's
    label and hint, and every fixed choice. A step of one question may show that question
    as the page heading, so its title stands in for the label."""
    words: list[str] = [step.intro]
    for question in step.all_questions():
        words.extend((question.label, question.hint))
        if isinstance(question, ConsentQuestion):
            words.append(question.agreement)
        if isinstance(question, ChoiceQuestion) and question.source is None:
            words.extend(choice.label for choice in question.choices)
    return words


@each_service(online)
def test_the_start_page_renders(anonymous, service):
    response = anonymous.get(apply_url(service))

    assert response.status_code == 200
    page = text_of(response.text)
    # "Apply for free school meals" names "Free school meals": case aside.
    assert service.name.lower() in page.lower(), f"{service.slug}: the start page does not name it"
    assert service.start_page, f"{service.slug} declares no start page content"
    missing = missing_words(_content_words(service.start_page), page)
    assert not missing, f"{service.slug}: the start page does not show {missing}"


@each_service(online)
def test_every_step_renders_its_questions(citizen, service):
    for step in service.steps:
        response = citizen.get(apply_url(service, step.slug))

        assert response.status_code == 200, f"{service.slug}/{step.slug}: {response.status_code}"
        page = text_of(response.text)
        missing = missing_words(_step_words(step), page)
        if len(step.all_questions()) == 1 and visible(step.title, page):
            missing = [words for words in missing if words != step.all_questions()[0].label]
        assert not missing, f"{service.slug}/{step.slug} does not show {missing}"


@each_service(online)
def test_check_answers_shows_every_answer(citizen, service):
    answers = sample_answers(service)
    answer_every_step(citizen, service, answers)

    response = citizen.get(apply_url(service, "check-answers"))

    assert response.status_code == 200
    page = text_of(response.text)
    with db.transaction() as session:
        rows = service.form.answer_rows(answers, FormContext(session))
    expected = [words for row in rows for words in (row.label, row.value)]
    assert not missing_words(expected, page), missing_words(expected, page)


@each_service(online)
def test_a_whole_application_submits_on_the_web_and_reaches_the_queue(
    citizen, service_officer, service
):
    answer_every_step(citizen, service, sample_answers(service))

    reference = submit_check_answers(citizen, service)

    confirmation = citizen.get(apply_url(service, "confirmation", reference))
    assert confirmation.status_code == 200
    page = text_of(confirmation.text)
    assert visible(reference, page)
    missing = missing_words(_content_words(service.confirmation_page), page)
    assert not missing, f"{service.slug}: the confirmation page does not show {missing}"
    queue = service_officer(service).get("/backoffice/", params={"service": service.slug})
    assert visible(reference, text_of(queue.text)), f"{reference} is not in the queue"
