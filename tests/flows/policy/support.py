"""What the policy tests share: households built from a base, one table row, checking it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from flows.i18n import SUPPORTED_LOCALES, translator
from flows.policy import Outcome, evaluate, explain, load_policy
from flows.policy.outcome import OUTCOMES
from flows.policy.truth import State

ABSENT: Final = object()  # a fact the household does not give
JILIN_DAY: Final = dt.date(2019, 12, 20)
HENAN_DAY: Final = dt.date(2017, 1, 5)


def household(base: Mapping[str, object], **changes: object) -> dict[str, object]:
    """``base`` with some facts changed, or left out with ``ABSENT``."""
    facts = {**base, **changes}
    return {name: value for name, value in facts.items() if value is not ABSENT}


@dataclass(frozen=True)
class Case:
    """One row of a policy table."""

    name: str
    facts: Mapping[str, object]
    outcome: str
    rules: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    figures: Mapping[str, str] = field(default_factory=dict)


def check(policy_id: str, day: dt.date, case: Case) -> Outcome:
    """Evaluate the row and compare every part of the contract it states."""
    outcome = evaluate(load_policy(policy_id), case.facts, day)
    assert (outcome.outcome, outcome.rules, outcome.exclusions) == (
        case.outcome,
        case.rules,
        case.exclusions,
    )
    assert outcome.missing == case.missing
    assert outcome.review == case.review
    shown = outcome.to_json(None)["figures"]
    assert isinstance(shown, dict)
    for name, value in case.figures.items():
        assert shown[name] == value, name
    for locale in SUPPORTED_LOCALES:  # every outcome explains itself in both languages
        sentences = explain(outcome, translator(locale))
        assert sentences and all("{" not in sentence for sentence in sentences)
    return outcome


def uncovered(policy_id: str, day: dt.date, cases: Sequence[Case]) -> list[str]:
    """What a table leaves untried: each rule and exclusion of the policy must be met (or left
    to an officer's judgement) by one row and fail in another, and every outcome be reached."""
    policy = load_policy(policy_id)
    seen: dict[str, set[State]] = {
        item.id: set() for item in (*policy.spec.rules, *policy.spec.exclusions)
    }
    reached: set[str] = set()
    for case in cases:
        outcome = evaluate(policy, case.facts, day)
        reached.add(outcome.outcome)
        for finding in (*outcome.findings, *outcome.exclusion_findings):
            seen[finding.id].add(finding.verdict.state)
    gaps = [f"outcome {kind}" for kind in OUTCOMES if kind not in reached]
    for item, states in seen.items():
        if not states & {State.HOLDS, State.JUDGEMENT}:
            gaps.append(f"{item} never met")
        if State.FAILS not in states:
            gaps.append(f"{item} never fails")
    return gaps
