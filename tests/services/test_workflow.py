"""The contract for a service's workflow: every state and move can be reached from a new
case, every move really runs on a sample case (messages, effects and all), an officer's
move that needs a reason asks a question written for it, and the case page offers each
move an officer can make in each state.
"""

from __future__ import annotations

from tests.services.helpers import (
    case_in,
    each_service,
    load_case,
    missing_words,
    move,
    path_to,
    reachable_states,
    submit_sample,
    text_of,
)


@each_service()
def test_every_state_and_transition_is_reachable_from_the_initial_state(service):
    reachable = reachable_states(service)

    unreachable_states = [s.name for s in service.workflow.states if s.name not in reachable]
    unreachable_moves = [
        t.name for t in service.workflow.transitions if not set(t.sources) & reachable
    ]
    assert not unreachable_states, f"{service.slug}: no way to reach {unreachable_states}"
    assert not unreachable_moves, f"{service.slug}: no way to make {unreachable_moves}"


@each_service()
def test_every_transition_runs_on_a_sample_case(clean_db, service):
    for transition in service.workflow.transitions:
        path = path_to(service, transition.sources)
        assert path is not None, f"{service.slug}: {transition.name} cannot be reached"
        reference = submit_sample(service)

        # Raises (and so fails by name) on a guard, a missing message or personalisation.
        move(service, reference, [*path, transition])


@each_service()
def test_officer_moves_that_need_a_reason_ask_for_it_in_their_own_words(service):
    vague = [
        t.name
        for t in service.workflow.transitions
        if t.by == "officer" and t.needs_reason and not (t.reason_prompt and t.reason_missing)
    ]

    assert not vague, (
        f"{service.slug}: give {vague} a reason_prompt and a reason_missing "
        "(the question above the reason box, and its error)"
    )


@each_service()
def test_the_case_page_offers_every_officer_move_in_every_state(service_officer, service):
    officer = service_officer(service)
    for state in service.workflow.states:
        moves = service.workflow.available(state.name, "officer")
        if not moves:
            continue
        reference = case_in(service, state.name)

        response = officer.get(f"/backoffice/cases/{reference}")

        assert response.status_code == 200, f"{service.slug} case in {state.name}"
        expected = [t.label for t in moves] + [t.prompt for t in moves if t.needs_reason]
        missing = missing_words(expected, text_of(response.text))
        assert not missing, f"{service.slug}: a case {state.name} does not offer {missing}"


@each_service()
def test_a_new_case_is_in_the_initial_state(clean_db, service):
    assert load_case(submit_sample(service)).status == service.workflow.initial
