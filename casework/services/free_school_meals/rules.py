"""Free school meals rule data, each version with the date it takes effect (RULES.md §3)."""

from datetime import date

from casework.rules import DefaultRule

UNIVERSAL_CREDIT = "fsm.universal_credit"
CHILD_TAX_CREDIT_INCOME_LIMIT = "fsm.child_tax_credit_income_limit"

DEFAULTS = (
    DefaultRule(
        UNIVERSAL_CREDIT,
        date(2018, 4, 1),
        {"all_households": False, "net_earned_income_limit": 7400},
        "Free school meals guidance: Universal Credit with net earned income of £7,400 a year "
        "or less, over up to three assessment periods",
    ),
    DefaultRule(
        UNIVERSAL_CREDIT,
        date(2026, 9, 1),
        {"all_households": True, "net_earned_income_limit": None},
        "Announced June 2025: from September 2026 every pupil in a Universal Credit household "
        "is eligible (implementing regulations to be confirmed)",
    ),
    DefaultRule(
        CHILD_TAX_CREDIT_INCOME_LIMIT,
        date(2018, 4, 1),
        16190,
        "Child Tax Credit without Working Tax Credit, HMRC-assessed gross income ≤ £16,190",
    ),
)
