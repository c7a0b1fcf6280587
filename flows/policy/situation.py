"""What a rule reads: the facts, the figures computed from them, the parameters of the day."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import NamedTuple

from flows.i18n import LocalizedText
from flows.policy.facts import Facts
from flows.policy.income import Figures


class Situation(NamedTuple):
    """One household under one policy on one day: ``labels`` name the parameters, ``names``
    the rules and exclusions."""

    facts: Facts
    figures: Figures
    values: Mapping[str, Decimal]
    labels: Mapping[str, LocalizedText]
    names: Mapping[str, LocalizedText]
    measure: LocalizedText
    limits: tuple[Decimal, ...]
    assumed: Mapping[str, bool]

    def flag(self, fact: str) -> bool | None:
        """A yes/no fact, or the policy's assumption for it when it was not given."""
        value: bool | None = getattr(self.facts, fact)
        return self.assumed.get(fact) if value is None else value
