"""The eligibility pre-check: policies as data with dated parameters, rules that explain
themselves (issue 4).

* :mod:`~flows.policy.schema` — the shape of ``flows/policies/<id>.yaml``;
  :mod:`~flows.policy.loading` — files to validated :class:`Policy` objects;
  :mod:`~flows.policy.policy` — parameters as they stand on a day, and the version hash;
* :mod:`~flows.policy.facts` — the household's facts (the stable vocabulary) and their checks;
* :mod:`~flows.policy.income` — total and disposable income, exact comparisons;
* :mod:`~flows.policy.rules`, :mod:`~flows.policy.exclusions` — the rule kinds, as the notices
  word them; :mod:`~flows.policy.truth` — holds / officer's judgement / open / fails;
* :mod:`~flows.policy.engine` — :func:`evaluate`; :mod:`~flows.policy.outcome` — the result;
  :mod:`~flows.policy.explain` — its sentences.

Typical use::

    policy = load_policy("jilin-2020")
    outcome = evaluate(policy, facts_from_answers(form, answers), on=today)
    lines = explain(outcome, translator(locale))        # or outcome.to_json(t)
"""

from __future__ import annotations

from flows.policy.engine import evaluate
from flows.policy.explain import ADVISORY, explain
from flows.policy.facts import CAUSES, FACT_NAMES, FactError, Facts, parse_facts
from flows.policy.finding import Finding
from flows.policy.loading import (
    PolicyFileError,
    UnknownPolicyError,
    load_policy,
    load_policy_file,
    policy_ids,
)
from flows.policy.outcome import OUTCOMES, Outcome, OutcomeKind
from flows.policy.policy import Parameters, Policy, PolicyDateError

__all__ = [
    "ADVISORY",
    "CAUSES",
    "FACT_NAMES",
    "OUTCOMES",
    "FactError",
    "Facts",
    "Finding",
    "Outcome",
    "OutcomeKind",
    "Parameters",
    "Policy",
    "PolicyDateError",
    "PolicyFileError",
    "UnknownPolicyError",
    "evaluate",
    "explain",
    "load_policy",
    "load_policy_file",
    "parse_facts",
    "policy_ids",
]
