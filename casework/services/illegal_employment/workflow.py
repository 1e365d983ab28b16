"""An investigation's states and moves: a report arrives, officers visit and gather evidence
and statements, and the case closes only with an outcome.

Each visit, piece of evidence and statement is a move whose reason is the officer's account
(the date, who went, what they found), so the record is the case's own append-only events
and the case page lists them (``case_sections.moves_log``). The outcome is the move that
closes the case: there is no way to close without choosing one and saying why.

No state's words say what an investigation found: a reporter who looks their report up sees
only that it was received, is being investigated or is closed.
"""

from __future__ import annotations

from casework.workflow import State, Transition, Workflow

RECEIVED = "received"
INVESTIGATING = "investigating"
CLOSED = "closed"

OPEN = (RECEIVED, INVESTIGATING)

RECORD_VISIT = "record_visit"
# The same move in each open state: before the first visit the case stays "received", so
# the first-visit clock keeps running.
RECORD_EVIDENCE = "record_evidence"
RECORD_EVIDENCE_BEFORE_VISIT = "record_evidence_before_visit"
REOPEN = "reopen"

VISIT_PROMPT = (
    "When did you visit, who went, and what did you find? Include who you spoke to, whether "
    "you saw the child working, and any hours, breaks or dangers you noted."
)
VISIT_MISSING = "Enter when you visited, who went and what you found"
EVIDENCE_PROMPT = (
    "What is the evidence or statement? Say who gave it, when, and where the original is kept."
)
EVIDENCE_MISSING = "Enter the evidence or statement, who gave it and when"

# The outcomes: each closes the case, with the officer's reason for the record.
OUTCOMES: dict[str, tuple[str, str, str]] = {
    # name: (label, reason prompt, reason missing)
    "close_advice": (
        "Close: advice given",
        "What advice did you give, to whom, and how (in person, by letter)?",
        "Enter the advice you gave and to whom",
    ),
    "close_permit_applied": (
        "Close: the employer has applied for a permit",
        "Which permit application is it? Give its reference if there is one, and any advice "
        "you gave about the hours.",
        "Enter which permit application the employer made",
    ),
    "close_enforcement": (
        "Close: referred to legal services for enforcement",
        "What are you referring, to whom, and what evidence is there?",
        "Enter what you are referring and the evidence",
    ),
    "close_no_further_action": (
        "Close: no further action",
        "Why is no further action needed? For example, no child was found working, or the "
        "work is legal.",
        "Enter why no further action is needed",
    ),
}

WORKFLOW = Workflow(
    initial=RECEIVED,
    states=(
        State(RECEIVED, "Report received", "An officer will look into the report.", "blue"),
        State(
            INVESTIGATING,
            "Being investigated",
            "An officer is looking into the report.",
            "purple",
        ),
        State(
            CLOSED,
            "Closed",
            "We have finished looking into the report. We do not tell people what an "
            "investigation found.",
            "grey",
            open=False,
        ),
    ),
    transitions=(
        Transition(
            RECORD_VISIT,
            "Record a visit",
            OPEN,
            INVESTIGATING,
            by="officer",
            needs_reason=True,
            reason_prompt=VISIT_PROMPT,
            reason_missing=VISIT_MISSING,
        ),
        Transition(
            RECORD_EVIDENCE_BEFORE_VISIT,
            "Record evidence or a statement",
            (RECEIVED,),
            RECEIVED,
            by="officer",
            needs_reason=True,
            reason_prompt=EVIDENCE_PROMPT,
            reason_missing=EVIDENCE_MISSING,
        ),
        Transition(
            RECORD_EVIDENCE,
            "Record evidence or a statement",
            (INVESTIGATING,),
            INVESTIGATING,
            by="officer",
            needs_reason=True,
            reason_prompt=EVIDENCE_PROMPT,
            reason_missing=EVIDENCE_MISSING,
        ),
        *(
            Transition(
                name,
                label,
                OPEN,
                CLOSED,
                by="officer",
                needs_reason=True,
                reason_prompt=prompt,
                reason_missing=missing,
            )
            for name, (label, prompt, missing) in OUTCOMES.items()
        ),
        Transition(
            REOPEN,
            "Reopen the investigation",
            (CLOSED,),
            INVESTIGATING,
            by="officer",
            needs_reason=True,
            reason_prompt="Why are you reopening the investigation? For example, a new report "
            "about the same business.",
            reason_missing="Enter why you are reopening the investigation",
        ),
    ),
)
