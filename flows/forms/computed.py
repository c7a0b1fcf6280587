"""Computed values: amounts derived from answers, declared in the form data, never stored.

Jilin's Attachment 3: 家庭可支配收入 = 家庭总收入 − 缴纳所得税 − 个人缴纳的社会保障支出, and the
per-capita figure divides it by the household size. A form declares each value as the sum of
some answers (or earlier computed values), minus others, optionally divided by one::

    computed:
      - {id: household_total_income, label: ..., add: [wages, business_income, ...]}
      - id: per_capita_income
        add: [household_disposable_income]
        divide_by: household_size
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from flows.i18n import LocalizedText


class Computed(BaseModel):
    """One derived amount in yuan."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: LocalizedText
    add: tuple[str, ...]
    subtract: tuple[str, ...] = ()
    divide_by: str | None = None

    def inputs(self) -> tuple[str, ...]:
        """Every answer or computed id this value reads."""
        return self.add + self.subtract + ((self.divide_by,) if self.divide_by else ())


def computed_values(
    declared: Iterable[Computed], answers: Mapping[str, object]
) -> dict[str, Decimal]:
    """Every computed value whose inputs are all known, exact (no rounding: see policy rules).

    Answers are canonical (money as ``"1200.00"``); a division by zero leaves the value out.
    """
    known: dict[str, Decimal] = {}
    for value in declared:
        operands = {name: _amount(name, answers, known) for name in value.inputs()}
        if any(amount is None for amount in operands.values()):
            continue
        total = sum((operands[name] or Decimal(0) for name in value.add), Decimal(0))
        total -= sum((operands[name] or Decimal(0) for name in value.subtract), Decimal(0))
        if value.divide_by is not None:
            divisor = operands[value.divide_by] or Decimal(0)
            if divisor == 0:
                continue
            total /= divisor
        known[value.id] = total
    return known


def _amount(
    name: str, answers: Mapping[str, object], known: Mapping[str, Decimal]
) -> Decimal | None:
    if name in known:
        return known[name]
    raw = answers.get(name)
    if raw is None or isinstance(raw, bool) or not isinstance(raw, int | str):
        return None
    return Decimal(raw)
