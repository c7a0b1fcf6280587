"""The household's income as Jilin's Attachment 3 defines it, and exact comparisons.

家庭总收入 = wages + net business income + property income + transfer income;
家庭可支配收入 = total − income tax − personal social-security contributions.
A policy compares one of the two (its ``income.compares``) per person. Sums and products are
exact (a context that traps on any rounding); only the figures shown are rounded, and so that a
shown figure never lands on the wrong side of the limit it was compared with.
"""

from __future__ import annotations

from decimal import MAX_PREC, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, Inexact
from typing import Final, NamedTuple

from flows.policy.facts import Facts

EXACT: Final = Context(prec=MAX_PREC, traps=[Inexact])
CENT: Final = Decimal("0.01")
_INCOME_PARTS: Final = ("wages", "business_income", "property_income", "transfer_income")
_DEDUCTIONS: Final = ("income_tax", "social_security")
_NOTHING: Final[frozenset[str]] = frozenset()


class Figures(NamedTuple):
    """The amounts computed from the facts; ``None`` where a part is missing."""

    size: int | None
    total: Decimal | None
    disposable: Decimal | None
    measure: Decimal | None
    measure_missing: frozenset[str]
    expenses: Decimal | None

    def per_capita(self) -> Decimal | None:
        """The compared income per person, unrounded (for display only)."""
        if self.measure is None or self.size is None:
            return None
        return self.measure / self.size

    def after_expenses_per_capita(self) -> Decimal | None:
        """(compared income − necessary expenses) per person, unrounded (for display only)."""
        if self.measure is None or self.size is None or self.expenses is None:
            return None
        return EXACT.subtract(self.measure, self.expenses) / self.size


def figures(facts: Facts, compares: str) -> Figures:
    """Total and disposable income, and which one the policy compares."""
    wages, business, property_, transfer = (
        facts.wages,
        facts.business_income,
        facts.property_income,
        facts.transfer_income,
    )
    tax, social = facts.income_tax, facts.social_security
    total = disposable = None
    missing: list[str] = []
    if wages is None or business is None or property_ is None or transfer is None:
        missing += [name for name in _INCOME_PARTS if getattr(facts, name) is None]
    else:
        total = EXACT.add(EXACT.add(wages, business), EXACT.add(property_, transfer))
    if tax is None or social is None:
        if compares == "disposable":
            missing += [name for name in _DEDUCTIONS if getattr(facts, name) is None]
    elif total is not None:
        disposable = EXACT.subtract(total, EXACT.add(tax, social))
    if facts.household_size is None:
        missing.append("household_size")
    return Figures(
        facts.household_size,
        total,
        disposable,
        disposable if compares == "disposable" else total,
        frozenset(missing) if missing else _NOTHING,
        facts.necessary_expenses,
    )


def times(factor: Decimal, by: Decimal | int, size: int = 1) -> Decimal:
    """An exact product: a threshold scaled to the household (M × 2 × size)."""
    product = EXACT.multiply(factor, by)
    return product if size == 1 else EXACT.multiply(product, size)


def shown(value: Decimal, limits: tuple[Decimal, ...] = ()) -> Decimal:
    """``value`` to the fen, rounded towards itself where plain rounding would reach a limit.

    619.996 compared with 620 is shown as 619.99 (below), 620.004 as 620.01 (above).
    """
    rounded = value.quantize(CENT, ROUND_HALF_UP)
    for limit in limits:
        if value < limit <= rounded:
            rounded = value.quantize(CENT, ROUND_FLOOR)
        elif rounded <= limit < value:
            rounded = value.quantize(CENT, ROUND_CEILING)
    return rounded
