"""The result of a pre-check: the stable contract of issue 4."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from flows.i18n import Message, Translator
from flows.policy.explain import sentences
from flows.policy.facts import Facts
from flows.policy.finding import Finding
from flows.policy.income import CENT, shown, times
from flows.policy.situation import Situation
from flows.policy.truth import State, Verdict

if TYPE_CHECKING:
    from flows.policy.policy import Policy

OutcomeKind = Literal["eligible", "needs_review", "not_eligible", "excluded"]
OUTCOMES: Final[tuple[OutcomeKind, ...]] = ("eligible", "needs_review", "not_eligible", "excluded")


class Outcome(NamedTuple):
    """A household's pre-check under one policy on one day.

    ``missing``: facts whose absence leaves the outcome open; ``version``: what a stored record
    keeps to know what it was checked against; ``verdicts`` and ``reasons``: each rule's then
    each exclusion's verdict and the msgid explaining it (as :attr:`findings` and
    :attr:`exclusion_findings`). ``rules``, ``review``, ``exclusions``, the figures and the
    explanation are worked out from them when asked for: a bulk check mostly counts outcomes,
    and an outcome that holds few objects keeps 100,000 of them cheap. Immutable: a named
    tuple, which is made several times quicker than a frozen dataclass.
    """

    policy: str
    version: str
    on: dt.date
    outcome: OutcomeKind
    missing: tuple[str, ...]
    verdicts: tuple[Verdict, ...]
    reasons: tuple[str | None, ...]
    not_applicable: tuple[str, ...]
    source: Policy
    facts: Facts

    def __repr__(self) -> str:
        return (
            f"Outcome({self.policy} on {self.on}: {self.outcome}, rules={self.rules}, "
            f"exclusions={self.exclusions}, missing={self.missing})"
        )

    @property
    def situation(self) -> Situation:
        """The facts as the rules read them on the day."""
        return self.source.situation(self.facts, self.source.parameters_on(self.on))

    @property
    def findings(self) -> tuple[Finding, ...]:
        """What each rule says, in the policy's order."""
        rules = self.source.spec.rules
        count = len(rules)
        return tuple(
            Finding(rule, verdict, reason, rule.id in self.not_applicable)
            for rule, verdict, reason in zip(
                rules, self.verdicts[:count], self.reasons[:count], strict=True
            )
        )

    @property
    def exclusion_findings(self) -> tuple[Finding, ...]:
        """What each exclusion says, in the policy's order."""
        count = len(self.source.spec.rules)
        return tuple(
            Finding(exclusion, verdict, reason)
            for exclusion, verdict, reason in zip(
                self.source.spec.exclusions,
                self.verdicts[count:],
                self.reasons[count:],
                strict=True,
            )
        )

    @property
    def rules(self) -> tuple[str, ...]:
        """The ids of the rules that hold."""
        return _ids(self.findings, State.HOLDS)

    @property
    def review(self) -> tuple[str, ...]:
        """The ids of the rules an officer must judge, when no rule holds outright."""
        if self.outcome != "needs_review" or self.rules:
            return ()
        return _ids(self.findings, State.JUDGEMENT)

    @property
    def exclusions(self) -> tuple[str, ...]:
        """The ids of the exclusions that hold."""
        return _ids(self.exclusion_findings, State.HOLDS)

    @property
    def parameters(self) -> Mapping[str, tuple[Decimal, dt.date]]:
        """Each parameter's value used, with the day it took effect."""
        return self.source.parameters_on(self.on).dated

    @property
    def figures(self) -> Mapping[str, Decimal]:
        """The amounts in yuan a month: total and disposable income, per person (shown to
        the fen, never rounded across a limit), after necessary expenses, M and k·M."""
        situation = self.situation
        computed, limits = situation.figures, situation.limits
        amounts: dict[str, Decimal] = {}
        if computed.total is not None:
            amounts["total_income"] = computed.total
        if computed.disposable is not None:
            amounts["disposable_income"] = computed.disposable
        per_capita = computed.per_capita()
        if per_capita is not None:
            amounts["per_capita_income"] = shown(per_capita, limits)
        after = computed.after_expenses_per_capita()
        if after is not None:
            amounts["per_capita_after_expenses"] = shown(after, limits)
        standard, multiple = self.source.standards
        values = situation.values
        if standard is not None:
            amounts["minimum_standard"] = values[standard]
            if multiple is not None:
                amounts["minimum_standard_multiple"] = times(values[standard], values[multiple])
        return amounts

    @property
    def explanation(self) -> tuple[Message, ...]:
        """The sentences, headline first, to show with ``t.render``."""
        return sentences(self)

    def to_json(self, t: Translator | None) -> dict[str, object]:
        """The contract as JSON-ready values, with the explanation in ``t``'s locale (left out
        when ``t`` is ``None``)."""
        result: dict[str, object] = {
            "policy": self.policy,
            "version": self.version,
            "on": self.on.isoformat(),
            "outcome": self.outcome,
            "rules": list(self.rules),
            "review": list(self.review),
            "exclusions": list(self.exclusions),
            "missing": list(self.missing),
            "figures": {name: _yuan(value) for name, value in self.figures.items()},
            "parameters": {
                name: dict(value)
                for name, value in self.source.parameters_on(self.on).described.items()
            },
        }
        if t is not None:
            result["explanation"] = [t.render(sentence) for sentence in self.explanation]
        return result


def _ids(findings: tuple[Finding, ...], state: State) -> tuple[str, ...]:
    return tuple(finding.item.id for finding in findings if finding.verdict.state is state)


def _yuan(value: Decimal) -> str:
    return str(value.quantize(CENT)) if value == value.quantize(CENT) else str(value)
