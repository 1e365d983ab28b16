"""Answering "we're on Universal Credit" from the eligibility summary the portal gives.

The bot knows only how people name benefits (bot/services/<slug>.yml, ``benefits``):
whether one qualifies, and on what terms, is read from the summary's list
(GET /services/{slug}/guide, ``eligibility_summary``), so a rule change in the portal
changes the answer with no edit here. No Rasa imports, so it is tested without the bot's
environment (tests/assistant/test_benefits.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YES, DEPENDS, NOT_LISTED = "yes", "depends", "not_listed"


@dataclass(frozen=True)
class Benefit:
    name: str  # as said back to the person
    listed_as: str  # as the summary writes it, if it lists it
    said: tuple[str, ...]  # how people name it, besides its name


def words(text: str) -> list[str]:
    """Lower case, no apostrophes, plurals made singular: "Jobseekers" meets "Jobseeker's"."""
    plain = re.sub(r"['\u2019]", "", text.lower())
    return [
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in re.findall(r"[a-z0-9]+", plain)
    ]


def _at(needle: list[str], haystack: list[str]) -> int:
    """Where ``needle`` starts in ``haystack`` as whole words, or -1."""
    for start in range(len(haystack) - len(needle) + 1):
        if needle and haystack[start : start + len(needle)] == needle:
            return start
    return -1


def named(text: str, benefits: list[Benefit]) -> list[Benefit]:
    """The benefits a message names, in the order it names them."""
    said = words(text)
    found = []
    for benefit in benefits:
        places = [_at(words(form), said) for form in (benefit.name, *benefit.said)]
        places = [p for p in places if p >= 0]
        if places:
            found.append((min(places), benefit))
    return [benefit for _place, benefit in sorted(found, key=lambda pair: pair[0])]


def listed(summary: str) -> list[str]:
    """The summary's clauses: each item of its list of benefits is one."""
    clauses = re.split(r"(?<=[.;:])\s+", summary.strip())
    return [c.strip().rstrip(".;:").strip() for c in clauses if c.strip()]


@dataclass(frozen=True)
class Verdict:
    benefit: Benefit
    kind: str  # YES, DEPENDS or NOT_LISTED
    clause: str = ""

    def sentence(self, service_name: str) -> str:
        if self.kind == NOT_LISTED:
            return (
                f"{self.benefit.name} is not one of the benefits that qualify for "
                f"{service_name} on its own."
            )
        if self.kind == DEPENDS:
            return (
                f"It depends. {self.benefit.name} qualifies for {service_name} only as: "
                f"{self.clause}."
            )
        head = re.split(r"\s*[(,]", self.clause, maxsplit=1)[0]
        tail = self.clause[len(head) :]
        return f"Yes, {head} qualifies for {service_name}{tail}."


def verdict(benefit: Benefit, summary: str) -> Verdict:
    """What the summary says of one benefit: the clause naming it earliest is its item."""
    wanted = words(benefit.listed_as)
    best: tuple[int, str] | None = None
    for clause in listed(summary):
        place = _at(wanted, words(clause))
        if place >= 0 and (best is None or place < best[0]):
            best = (place, clause)
    if best is None:
        return Verdict(benefit, NOT_LISTED)
    clause = best[1]
    head = words(re.split(r"\s*[(,]", clause, maxsplit=1)[0])
    # "income-based Jobseeker's Allowance" is it; "Working Tax Credit run-on" is a kind of it.
    kind = YES if head[-len(wanted) :] == wanted else DEPENDS
    return Verdict(benefit, kind, clause)


def answer(text: str, summary: str, benefits: list[Benefit]) -> Verdict | None:
    """The answer for the benefit the message names (one that qualifies first), or None."""
    verdicts = [verdict(b, summary) for b in named(text, benefits)]
    if not verdicts:
        return None
    rank = {YES: 0, DEPENDS: 1, NOT_LISTED: 2}
    return min(verdicts, key=lambda v: rank[v.kind])  # min keeps the message's order on ties
