"""The database models, one module per aggregate."""

from casework.models.accounts import ApiClient, Officer, Person, SignInCode
from casework.models.alerts import ClockDigest
from casework.models.assistant import AssistantTurn
from casework.models.base import Base
from casework.models.calendars import SchoolClosure, SchoolTerm
from casework.models.cases import Case, CaseClock, CaseEvent, Document, EligibilityCheck
from casework.models.chaperones import ChaperoneApproval
from casework.models.drafts import Draft
from casework.models.outbox import InboundText, OutboxMessage
from casework.models.parties import PartyRequest
from casework.models.rules import RuleVersion
from casework.models.schools import School

__all__ = [
    "ApiClient",
    "AssistantTurn",
    "Base",
    "Case",
    "CaseClock",
    "CaseEvent",
    "ChaperoneApproval",
    "ClockDigest",
    "Document",
    "Draft",
    "EligibilityCheck",
    "InboundText",
    "Officer",
    "OutboxMessage",
    "PartyRequest",
    "Person",
    "RuleVersion",
    "School",
    "SchoolClosure",
    "SchoolTerm",
    "SignInCode",
]
