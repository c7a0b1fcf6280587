"""From a form's answers to the policy's facts (the eligibility issue's fixed vocabulary).

A field declares ``fact: <name>``. Money and decimals become ``Decimal``; several-choices
answers become the options' fact values, merged when several fields feed one fact (Jilin's
hardship boxes and further causes both feed ``causes``). Answers to fields that the other
answers make irrelevant are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from flows.forms.conditions import holds
from flows.forms.schema import Field, Form
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
        value = _fact_value(field, answers[field.id])
        previous = facts.get(field.fact)
        if isinstance(value, list) and isinstance(previous, list):
            facts[field.fact] = previous + [item for item in value if item not in previous]
        else:
            facts[field.fact] = value
    return facts


def _fact_value(field: Field, answer: object) -> object:
    if field.type in ("money", "decimal"):
        return Decimal(str(answer))
    if field.type == "choices" and isinstance(answer, list):
        values: list[str] = []
        for option_id in answer:
            option = field.option(str(option_id))
            for value in option.fact_values() if option else ():
                if value not in values:
                    values.append(value)
        return values
    if field.type == "choice":
        option = field.option(str(answer))
        return option.fact_values()[0] if option and option.fact_values() else None
    return answer
