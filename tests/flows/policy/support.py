"""What the policy tests share: households built from a base, one table row, checking it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from flows.i18n import SUPPORTED_LOCALES, translator
from flows.policy import Outcome, evaluate, explain, load_policy

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
