"""The workflow declaration and its rules, without a database."""

import pytest

from casework.services.free_school_meals.declaration import WORKFLOW
from casework.workflow import IllegalTransition, State, Transition, Workflow


def test_declared_workflow_is_consistent():
    names = {state.name for state in WORKFLOW.states}
    assert WORKFLOW.initial in names
    for transition in WORKFLOW.transitions:
        assert set(transition.sources) | {transition.target} <= names


def test_officer_actions_depend_on_state():
    in_review = {t.name for t in WORKFLOW.available("needs_review", "officer")}
    assert in_review == {"request_evidence", "award", "refuse"}
    assert WORKFLOW.available("awarded", "officer") == []
    assert {t.name for t in WORKFLOW.available("submitted", "system")} == {
        "award_automatically",
        "refer_to_officer",
        "check_unavailable",
    }


def test_refusal_and_evidence_requests_need_a_reason():
    assert WORKFLOW.transition("refuse").needs_reason
    assert WORKFLOW.transition("request_evidence").needs_reason
    assert not WORKFLOW.transition("award").needs_reason


def test_unknown_transition_is_an_error():
    with pytest.raises(IllegalTransition):
        WORKFLOW.transition("approve_everything")


def test_a_workflow_naming_an_undeclared_state_is_rejected():
    with pytest.raises(ValueError, match="undeclared"):
        Workflow(
            states=(State("a", "A", "next"),),
            initial="a",
            transitions=(Transition("go", "Go", ("a",), "b", by="officer"),),
        )
