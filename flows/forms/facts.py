"""From a form's answers to the policy's facts (the eligibility issue's fixed vocabulary).

A field declares ``fact: <name>``; its kind says what value the answer gives (money and
decimals a ``Decimal``, several choices the options' fact values …). Lists are merged when
several fields feed one fact (Jilin's hardship boxes and further causes both feed
``causes``). Answers to fields that the other
answers make irrelevant are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from flows.forms.conditions import holds
from flows.forms.schema import Form
from flows.policy.facts import FACT_NAMES

# The policy engine owns the vocabulary; a form only says which of its facts a field supplies.
POLICY_FACTS: Final = frozenset(FACT_NAMES)


def facts_from_answers(form: Form, answers: Mapping[str, object]) -> dict[str, object]:
    """The policy facts the answers establish; unanswered facts are absent."""
    facts: dict[str, object] = {}
    for field in form.fields:
        if field.fact is None or answers.get(field.id) is None:
            continue
        if field.when is not None and not holds(field.when, answers):
            continue
        value = field.fact_value(answers[field.id])
        previous = facts.get(field.fact)
        if isinstance(value, list) and isinstance(previous, list):
            facts[field.fact] = previous + [item for item in value if item not in previous]
        else:
            facts[field.fact] = value
    return facts
