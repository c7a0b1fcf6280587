"""The pre-check: a household's facts under a policy on a day give an :class:`Outcome`.

An exclusion that holds makes the outcome ``excluded`` whatever else holds. Otherwise a rule
that holds makes it ``eligible`` — unless an exclusion is still open for want of a fact; a
rule that only an officer can judge, or one open for want of a fact, makes it
``needs_review``; no rule that can still hold makes it ``not_eligible``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from flows.policy import rules as rule_kinds
from flows.policy.facts import FACT_NAMES, Facts, parse_facts
from flows.policy.finding import Finding
from flows.policy.income import figures
from flows.policy.outcome import Outcome, OutcomeKind
from flows.policy.policy import Policy
from flows.policy.situation import Situation
from flows.policy.truth import FAILS, State, Verdict, all_of


def evaluate(policy: Policy, facts: Facts | Mapping[str, object], on: dt.date) -> Outcome:
    """Pre-check one household (raw facts are checked first and may raise ``FactError``)."""
    known = facts if isinstance(facts, Facts) else parse_facts(facts)
    parameters = policy.parameters_on(on)
    spec = policy.spec
    situation = Situation(
        facts=known,
        figures=figures(known, spec.income.compares),
        values=parameters.values,
        labels=policy.labels,
        measure=spec.income.label,
        limits=parameters.limits,
        assumed=policy.assumed,
    )
    findings: dict[str, Finding] = {}
    for rule, judge in policy.rule_plan:
        verdict, reason = judge(rule, situation, findings)
        findings[rule.id] = Finding(rule, verdict, reason)
    for gate_rule in policy.gates:
        gate = rule_kinds.migrant_gate(gate_rule, situation)
        if gate.state is not State.HOLDS:
            for rule_id in gate_rule.meets_any_of:
                findings[rule_id] = _gated(findings[rule_id], gate)
    excluding = tuple(
        [
            Finding(exclusion, *judge(exclusion, situation))
            for exclusion, judge in policy.exclusion_plan
        ]
    )
    judged_rules = tuple(findings.values())
    kind, missing = _decide(judged_rules, excluding)
    return Outcome(
        policy=spec.id,
        version=parameters.version,
        on=on,
        outcome=kind,
        missing=missing,
        findings=judged_rules,
        exclusion_findings=excluding,
        source=policy,
        situation=situation,
    )


def _gated(finding: Finding, gate: Verdict) -> Finding:
    """A rule that counts only where another rule lets it (Henan 4 over 1–3)."""
    if gate.state is State.FAILS:
        if finding.verdict.state is State.FAILS:
            return finding
        return finding._replace(verdict=FAILS, not_applicable=True)
    return finding._replace(verdict=all_of((finding.verdict, gate)))


def _decide(
    rules: tuple[Finding, ...], exclusions: tuple[Finding, ...]
) -> tuple[OutcomeKind, tuple[str, ...]]:
    open_exclusion = False
    for finding in exclusions:
        state = finding.verdict.state
        if state is State.HOLDS:
            return "excluded", ()
        open_exclusion = open_exclusion or state is State.UNKNOWN
    holds = open_rule = False
    for finding in rules:
        state = finding.verdict.state
        holds = holds or state is State.HOLDS
        open_rule = open_rule or state is State.UNKNOWN or state is State.JUDGEMENT
    if holds:
        return ("needs_review", _missing(exclusions)) if open_exclusion else ("eligible", ())
    if open_rule:
        return "needs_review", _missing((*rules, *exclusions))
    return "not_eligible", ()


def _missing(findings: Iterable[Finding]) -> tuple[str, ...]:
    missing: set[str] = set()
    for finding in findings:
        missing |= finding.verdict.missing
    return tuple(name for name in FACT_NAMES if name in missing)
