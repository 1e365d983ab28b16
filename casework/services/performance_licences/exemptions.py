"""Does this performance need a licence? (RULES.md §5, "When a licence is needed")

The Children and Young Persons Act 1963 s.37 licenses performances people are charged to
see, performances on licensed premises or in a registered club, broadcast or recorded
performances, and paid sport or modelling. A performance needs no licence if nothing
beyond expenses is paid and either the child has performed on no more than 3 days in the
6 months before (the 4-day rule), or a school or a body with a Body of Persons Approval
(BOPA) arranges it. Absence from school always needs a licence.

Nothing here is a breach: asking is never wrong. The answer is in the result's ``extra``:
``licence_needed``, ``exemption`` ("four_day_rule", "school", "bopa" or null) and a plain
``explanation``, so ``legal`` is always true.

```json
{"kind": "charged", "paid_beyond_expenses": false, "days_performed_in_last_6_months": 2,
 "performance_days": 1, "arranged_by_school": false, "arranged_under_bopa": false,
 "needs_absence_from_school": false}
```
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from sqlalchemy.orm import Session

from casework.fields import fail
from casework.rule_checks import CheckResult
from casework.services.performance_licences import rules
from casework.services.performance_licences.proposal import Answers, whole_number, yes_no

KINDS: dict[str, str] = {
    "charged": "A performance where a charge is made, for tickets or anything else",
    "licensed_premises": "A performance on licensed premises or in a registered club",
    "broadcast_or_recorded": "A performance broadcast, or recorded for broadcast or a film",
    "paid_sport_or_modelling": "Sport or modelling the child is paid for",
    "other": "Another performance: free to watch, not on licensed premises, not broadcast "
    "or recorded",
}

Kind = Literal[
    "charged", "licensed_premises", "broadcast_or_recorded", "paid_sport_or_modelling", "other"
]


def _kind(value: Any) -> Any:
    if value is None:
        raise fail("Choose the kind of performance")
    if not isinstance(value, str) or value not in KINDS:
        raise fail(f"Kind of performance must be one of: {', '.join(KINDS)}")
    return value


DAYS_MISSING = "Enter how many days the child has performed in the last 6 months"


class PerformanceDetails(Answers):
    kind: Annotated[Kind, BeforeValidator(_kind)] = Field(
        description="charged, licensed_premises, broadcast_or_recorded, "
        "paid_sport_or_modelling or other (see GET /rules/performance-licence-needed/kinds)."
    )
    paid_beyond_expenses: Annotated[
        bool, yes_no("Say whether the child is paid more than their expenses")
    ] = Field(description="The child, or anyone for them, is paid more than expenses.")
    needs_absence_from_school: Annotated[
        bool, yes_no("Say whether the child needs time off school")
    ] = Field(description="The child needs time off school to take part.")
    arranged_by_school: Annotated[bool, yes_no("Say whether a school arranges the performance")] = (
        Field(default=False, description="A school arranges the performance.")
    )
    arranged_under_bopa: Annotated[
        bool, yes_no("Say whether a group with a Body of Persons Approval arranges it")
    ] = Field(
        default=False,
        description="A body of persons with a Body of Persons Approval (BOPA) from the council "
        "where the performance takes place arranges it.",
    )
    days_performed_in_last_6_months: Annotated[
        int | None,
        whole_number(
            DAYS_MISSING,
            "Days performed in the last 6 months must be a whole number from 0 to 183",
            0,
            183,
            optional=True,
        ),
    ] = Field(
        default=None,
        description="Days the child performed (rehearsals included) in the 6 months before. "
        "Needed unless another answer settles the question.",
    )
    performance_days: Annotated[
        int,
        whole_number(
            "Enter how many days the child performs in this production",
            "Days of this performance must be a whole number from 1 to 183",
            1,
            183,
        ),
    ] = Field(default=1, description="Days the child performs or rehearses in this production.")

    @model_validator(mode="after")
    def _days_when_they_matter(self) -> PerformanceDetails:
        if self.days_performed_in_last_6_months is None and _needs_day_count(self):
            raise ValidationError.from_exception_data(
                "PerformanceDetails",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("govuk", DAYS_MISSING),
                        loc=("days_performed_in_last_6_months",),
                        input=None,
                    )
                ],
            )
        return self


def _paid(details: PerformanceDetails) -> bool:
    return details.paid_beyond_expenses or details.kind == "paid_sport_or_modelling"


def _needs_day_count(details: PerformanceDetails) -> bool:
    """Only the 4-day rule is left to decide the answer."""
    return not (
        details.needs_absence_from_school
        or _paid(details)
        or details.kind == "other"
        or details.arranged_by_school
        or details.arranged_under_bopa
    )


@dataclass(frozen=True)
class FourDayRule:
    max_days_before: int  # days performed in the period before, at most
    months: int

    @property
    def days_allowed(self) -> int:
        # Each day of the performance is judged on the days before it, so the last of them
        # may be the (max_days_before + 1)th.
        return self.max_days_before + 1


def _answer(needed: bool, exemption: str | None, explanation: str) -> CheckResult:
    return CheckResult(
        extra={"licence_needed": needed, "exemption": exemption, "explanation": explanation}
    )


def check(rule: FourDayRule, details: PerformanceDetails) -> CheckResult:
    conditions = "the child is not paid more than expenses and does not miss school"
    if details.needs_absence_from_school:
        return _answer(
            True,
            None,
            "The child needs a licence. A child who needs time off school to perform always "
            "needs one, whoever arranges the performance.",
        )
    if details.kind == "paid_sport_or_modelling":
        return _answer(
            True, None, "The child needs a licence. Paid sport and modelling always need one."
        )
    if details.paid_beyond_expenses:
        return _answer(
            True,
            None,
            "The child needs a licence. The child is paid more than expenses, so no exemption "
            "applies.",
        )
    if details.kind == "other":
        return _answer(
            False,
            None,
            "The child does not need a licence. A licence is needed for performances where a "
            "charge is made, on licensed premises or in a registered club, or broadcast or "
            "recorded, and for paid sport or modelling. This performance is none of these.",
        )
    if details.arranged_by_school:
        return _answer(
            False,
            "school",
            "The child does not need a licence. A performance arranged by a school does not "
            f"need one when {conditions}.",
        )
    if details.arranged_under_bopa:
        return _answer(
            False,
            "bopa",
            "The child does not need a licence. A performance arranged by a group with a Body "
            "of Persons Approval (BOPA) does not need one when "
            f"{conditions}. The approval must be from the council where the performance "
            "takes place.",
        )
    before = details.days_performed_in_last_6_months or 0
    total = before + details.performance_days
    allowed = (
        f"Without a licence, a child can perform on at most {rule.days_allowed} days in "
        f"{rule.months} months (the 4-day rule), counting rehearsals, when {conditions}."
    )
    if total <= rule.days_allowed:
        return _answer(
            False,
            "four_day_rule",
            f"The child does not need a licence. {allowed} With this performance the child "
            f"would perform on {total} {_days_word(total)} in {rule.months} months.",
        )
    return _answer(
        True,
        None,
        f"The child needs a licence. {allowed} With this performance the child would perform "
        f"on {total} days in {rule.months} months. A licence is not needed if a school, or a "
        "group with a Body of Persons Approval (BOPA), arranges the performance.",
    )


def _days_word(count: int) -> str:
    return "day" if count == 1 else "days"


def four_day_rule_in_force(session: Session, on: date) -> FourDayRule:
    return FourDayRule(**rules.value_in_force(session, rules.FOUR_DAY_RULE, on))


def run(session: Session, details: PerformanceDetails) -> CheckResult:
    return check(four_day_rule_in_force(session, date.today()), details)


def kinds(session: Session) -> list[dict[str, Any]]:
    return [{"code": code, "name": name} for code, name in KINDS.items()]
