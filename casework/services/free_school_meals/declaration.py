"""Free school meals: the one place that knows its questions, states, rules and messages."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import outbox
from casework.catalogue import (
    CONTACT_PREFERENCES,
    Contacts,
    KeyDate,
    ServiceDeclaration,
    Step,
    register,
)
from casework.models import Case, School
from casework.services.free_school_meals import eligibility, forms
from casework.services.free_school_meals import messages as m
from casework.settings import get_settings
from casework.workflow import State, Transition, Workflow

SLUG = "free-school-meals"
CHECK_ELIGIBILITY_TASK = "free_school_meals.check_eligibility"


def _tell_schools(session: Session, case: Case) -> None:
    urns = {child["school_urn"] for child in case.answers["children"]}
    schools = {s.urn: s for s in session.scalars(select(School).where(School.urn.in_(urns)))}
    for child in case.answers["children"]:
        school = schools.get(child["school_urn"])
        if school is None or not school.email:
            continue
        outbox.queue(
            session,
            m.SCHOOL_TOLD.name,
            "email",
            school.email,
            {
                "school_name": school.name,
                "child_name": f"{child['first_name']} {child['last_name']}",
                "child_date_of_birth": date.fromisoformat(child["date_of_birth"]).strftime(
                    "%-d %B %Y"
                ),
                "reference": case.reference,
            },
            case_id=case.id,
        )


WORKFLOW = Workflow(
    initial="submitted",
    states=(
        State("submitted", "Checking eligibility", "We are checking your eligibility.", "blue"),
        State(
            "check_unavailable",
            "Check delayed",
            "The checking service is not answering. We will try again automatically.",
            "yellow",
        ),
        State(
            "needs_review",
            "With an officer",
            "An officer is looking at your application. We will contact you if we need anything.",
            "purple",
        ),
        State(
            "awaiting_evidence",
            "Evidence needed",
            "Send us the evidence we asked for. An officer will then decide.",
            "orange",
        ),
        State(
            "awarded",
            "Awarded",
            "Free school meals are awarded. We have told the schools.",
            "green",
            open=False,
        ),
        State(
            "refused",
            "Not awarded",
            "Free school meals were not awarded. The letter or email we sent says why and "
            "how to ask us to look again.",
            "red",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            "award_automatically",
            "Award after a successful check",
            ("submitted", "check_unavailable"),
            "awarded",
            by="system",
            messages=(m.AWARDED.name,),
            effects=(_tell_schools,),
        ),
        Transition(
            "refer_to_officer",
            "Refer to an officer",
            ("submitted", "check_unavailable"),
            "needs_review",
            by="system",
            messages=(m.UNDER_REVIEW.name,),
        ),
        Transition(
            "check_unavailable",
            "Record that the check is unavailable",
            ("submitted",),
            "check_unavailable",
            by="system",
        ),
        Transition(
            "request_evidence",
            "Request evidence",
            ("needs_review", "check_unavailable"),
            "awaiting_evidence",
            by="officer",
            needs_reason=True,
            messages=(m.EVIDENCE_REQUESTED.name,),
        ),
        Transition(
            "evidence_received",
            "Evidence received",
            ("awaiting_evidence",),
            "needs_review",
            by="citizen",
        ),
        Transition(
            "award",
            "Award free school meals",
            ("needs_review", "awaiting_evidence", "check_unavailable"),
            "awarded",
            by="officer",
            messages=(m.AWARDED.name,),
            effects=(_tell_schools,),
        ),
        Transition(
            "refuse",
            "Refuse",
            ("needs_review", "awaiting_evidence"),
            "refused",
            by="officer",
            needs_reason=True,
            messages=(m.REFUSED.name,),
        ),
    ),
)


def _contacts(case: Case) -> Contacts:
    answers = case.answers
    return Contacts(
        name=f"{answers['first_name']} {answers['last_name']}",
        email=answers.get("email") or None,
        mobile=answers.get("mobile") or None,
        preference=answers.get("contact_preference") or "",
        address=tuple(
            line
            for line in (
                answers.get("address_line_1"),
                answers.get("address_line_2"),
                answers.get("town"),
                answers.get("postcode"),
            )
            if line
        ),
    )


def _personalisation(case: Case) -> dict[str, Any]:
    children = [f"{c['first_name']} {c['last_name']}" for c in case.answers["children"]]
    return {
        "parent_name": f"{case.answers['first_name']} {case.answers['last_name']}",
        "reference": case.reference,
        "children": children,
        "due_date": case.due_on.strftime("%-d %B %Y") if case.due_on else "",
        "case_url": f"{get_settings().public_base_url}/account/applications/{case.reference}",
    }


def _describe(answers: dict[str, Any]) -> str:
    return ", ".join(f"{c['first_name']} {c['last_name']}" for c in answers.get("children", []))


def _answer_rows(answers: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, value, step slug) for check-your-answers and the officer's case page."""
    identifier = (
        ("National Insurance number", answers.get("national_insurance_number", ""))
        if answers.get("identifier_type") == "nino"
        else ("Asylum support reference", answers.get("nass_number", ""))
    )
    address = ", ".join(
        part
        for part in (
            answers.get("address_line_1"),
            answers.get("address_line_2"),
            answers.get("town"),
            answers.get("postcode"),
        )
        if part
    )
    rows = [
        ("Name", f"{answers.get('first_name', '')} {answers.get('last_name', '')}", "name"),
        ("Date of birth", _long_date(answers.get("date_of_birth")), "date-of-birth"),
        (*identifier, "identifier"),
        ("Address", address, "address"),
        ("Email", answers.get("email") or "Not given", "contact"),
        ("Mobile", answers.get("mobile") or "Not given", "contact"),
        (
            "Contact by",
            CONTACT_PREFERENCES.get(answers.get("contact_preference") or "", "Whatever was given"),
            "contact",
        ),
    ]
    return rows


def _validation_context(session: Session) -> dict[str, Any]:
    return {"school_urns": set(session.scalars(select(School.urn).where(School.open)))}


def _long_date(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%-d %B %Y") if value else ""


FREE_SCHOOL_MEALS = register(
    ServiceDeclaration(
        slug=SLUG,
        name="Free school meals",
        summary="Apply for free school meals for your children. Parents of children in "
        "reception, year 1 and year 2 should apply too: it brings their school extra funding.",
        reference_prefix="FSM",
        steps=(
            Step("name", "What is your name?", forms.ParentName),
            Step("date-of-birth", "What is your date of birth?", forms.ParentDateOfBirth),
            Step(
                "identifier",
                "Do you have a National Insurance number?",
                forms.ParentIdentifier,
            ),
            Step("address", "What is your address?", forms.Address),
            Step("contact", "How should we contact you?", forms.ContactDetails),
            Step(
                "children",
                "Your children",
                forms.Child,
                repeat_field="children",
                max_items=forms.MAX_CHILDREN,
            ),
            Step("consent", "Can we check your eligibility?", forms.Consent),
        ),
        application_model=forms.Application,
        workflow=WORKFLOW,
        contacts=_contacts,
        personalisation=_personalisation,
        target_working_days=10,
        eligibility_summary=eligibility.summary,
        validation_context=_validation_context,
        key_dates=(
            KeyDate(
                "Apply at any time",
                "You can apply at any time of year. Meals start as soon as we award them.",
            ),
        ),
        describe=_describe,
        answer_rows=_answer_rows,
        submitted_messages=(m.SUBMITTED.name,),
        after_submit_tasks=(CHECK_ELIGIBILITY_TASK,),
    )
)
