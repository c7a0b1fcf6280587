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
from flows.policy.outcome import Outcome, OutcomeKind
from flows.policy.policy import Policy
from flows.policy.truth import FAILS, State, Verdict, all_of


def evaluate(policy: Policy, facts: Facts | Mapping[str, object], on: dt.date) -> Outcome:
    """Pre-check one household (raw facts are checked first and may raise ``FactError``)."""
    known = facts if isinstance(facts, Facts) else parse_facts(facts)
    parameters = policy.parameters_on(on)
    situation = policy.situation(known, parameters)
    verdicts: dict[str, Verdict] = {}
    reasons: list[str | None] = []
    for rule, judge in policy.rule_plan:
        verdict, reason = judge(rule, situation, verdicts)
        verdicts[rule.id] = verdict
        reasons.append(reason)
    not_applicable: tuple[str, ...] = ()
    for gate_rule in policy.gates:
        gate = rule_kinds.migrant_gate(gate_rule, situation)
        if gate.state is not State.HOLDS:
            not_applicable += _gate(verdicts, gate_rule.meets_any_of, gate)
    every = list(verdicts.values())
    for exclusion, applies in policy.exclusion_plan:
        verdict, reason = applies(exclusion, situation)
        every.append(verdict)
        reasons.append(reason)
    kind, missing = _decide(every, len(verdicts))
    # The outcome keeps the facts, verdicts and reasons; findings, figures and sentences are
    # made again from them when asked for. 100,000 outcomes kept in a list then hold few
    # objects, and the garbage collector has that much less to walk.
    return Outcome(
        policy.id,
        parameters.version,
        on,
        kind,
        missing,
        tuple(every),
        tuple(reasons),
        not_applicable,
        policy,
        known,
    )


def _gate(verdicts: dict[str, Verdict], gated: Iterable[str], gate: Verdict) -> tuple[str, ...]:
    """Apply a rule that decides whether others count (Henan 4 over 1–3); the rules it keeps
    from applying."""
    kept_out = []
    for rule_id in gated:
        verdict = verdicts[rule_id]
        if gate.state is State.FAILS:
            if verdict.state is not State.FAILS:
                verdicts[rule_id] = FAILS
                kept_out.append(rule_id)
        else:
            verdicts[rule_id] = all_of((verdict, gate))
    return tuple(kept_out)


def _decide(verdicts: list[Verdict], rule_count: int) -> tuple[OutcomeKind, tuple[str, ...]]:
    """The outcome from the rules' verdicts (the first ``rule_count``) and the exclusions'."""
    exclusions = verdicts[rule_count:]
    exclusion_states = {verdict.state for verdict in exclusions}
    if State.HOLDS in exclusion_states:
        return "excluded", ()
    rule_states = {verdict.state for verdict in verdicts[:rule_count]}
    if State.HOLDS in rule_states:
        if State.UNKNOWN in exclusion_states:
            return "needs_review", _missing(exclusions)
        return "eligible", ()
    if State.UNKNOWN in rule_states or State.JUDGEMENT in rule_states:
        return "needs_review", _missing(verdicts)
    return "not_eligible", ()


def _missing(verdicts: Iterable[Verdict]) -> tuple[str, ...]:
    missing: set[str] = set()
    for verdict in verdicts:
        missing |= verdict.missing
    return tuple(name for name in FACT_NAMES if name in missing)
