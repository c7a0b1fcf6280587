"""The household's facts: the fixed vocabulary the policies read (issue 4's stable contract).

Any fact may be missing (``None``). :func:`parse_facts` takes what a form, a JSON file or a
test supplies and returns :class:`Facts`, or raises :class:`FactError` naming the fact.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Final, NamedTuple, get_args

from flows.i18n import N_, Message
from flows.policy.schema import Cause, Flag

AMOUNTS: Final = (
    "wages",
    "business_income",
    "property_income",
    "transfer_income",
    "income_tax",
    "social_security",
    "necessary_expenses",
)
COUNTS: Final = ("months_at_current_income", "homes_owned", "contract_months")
FLAGS: Final[tuple[str, ...]] = get_args(Flag)
# The contract's order, which is also the order missing facts are listed in.
FACT_NAMES: Final = (
    "household_size",
    *AMOUNTS,
    "months_at_current_income",
    "causes",
    "homes_owned",
    "housing_area_m2",
    *FLAGS,
    "contract_months",
)
CAUSES: Final[tuple[str, ...]] = get_args(Cause)
FACT_LABELS: Final[Mapping[str, str]] = {
    "household_size": N_("household size"),
    "wages": N_("wages"),
    "business_income": N_("net business income"),
    "property_income": N_("property income"),
    "transfer_income": N_("transfer income"),
    "income_tax": N_("income tax"),
    "social_security": N_("personal social-security contributions"),
    "necessary_expenses": N_("necessary expenses"),
    "months_at_current_income": N_("months at the current income"),
    "causes": N_("causes of the hardship"),
    "homes_owned": N_("homes owned"),
    "housing_area_m2": N_("total living area"),
    "owns_shop_or_employs": N_("whether the household owns a shop or employs others"),
    "children_private_school_or_abroad": N_(
        "whether a child is at a high-fee private school or studying abroad at own cost"
    ),
    "uses_ships_or_machinery": N_("whether the household regularly uses ships or machinery"),
    "untruthful": N_("whether income and property were stated truthfully"),
    "party_aided": N_("whether the Party organisation already aids the worker"),
    "enterprise_restructured": N_(
        "whether the enterprise went bankrupt, was restructured or merged"
    ),
    "laid_off_couple": N_("whether both spouses were laid off"),
    "migrant_worker": N_("whether the worker is a migrant worker"),
    "contract_months": N_("length of the labour contract"),
}
CAUSE_LABELS: Final[Mapping[str, str]] = {
    "illness": N_("illness"),
    "serious_illness": N_("serious illness"),
    "schooling": N_("children's schooling"),
    "disability": N_("disability"),
    "single_parent": N_("single parenthood"),
    "disaster": N_("disaster"),
    "accident": N_("accident or injury"),
    "sudden_event": N_("a sudden event"),
    "laid_off": N_("lay-off"),
    "other": N_("other causes"),
}
_FEN: Final = Decimal("0.01")
_TOO_LARGE: Final = Decimal(10) ** 12


class Facts(NamedTuple):
    """What is known of one household; ``None`` where a fact was not given.

    A named tuple: immutable like a frozen dataclass, and several times quicker to make, which
    counts when 100,000 households are checked from one file.
    """

    household_size: int | None = None
    wages: Decimal | None = None
    business_income: Decimal | None = None
    property_income: Decimal | None = None
    transfer_income: Decimal | None = None
    income_tax: Decimal | None = None
    social_security: Decimal | None = None
    necessary_expenses: Decimal | None = None
    months_at_current_income: int | None = None
    causes: frozenset[str] | None = None
    homes_owned: int | None = None
    housing_area_m2: Decimal | None = None
    owns_shop_or_employs: bool | None = None
    children_private_school_or_abroad: bool | None = None
    uses_ships_or_machinery: bool | None = None
    untruthful: bool | None = None
    party_aided: bool | None = None
    enterprise_restructured: bool | None = None
    laid_off_couple: bool | None = None
    migrant_worker: bool | None = None
    contract_months: int | None = None


class FactError(ValueError):
    """One fact's value cannot be used; ``fact`` names it, ``message`` says why."""

    def __init__(self, fact: str, message: Message) -> None:
        super().__init__(f"{fact}: {message.msgid.format(**message.params)}")
        self.fact = fact
        self.message = message


def parse_facts(raw: Mapping[str, object]) -> Facts:
    """Check and convert supplied facts; ``None`` values count as not given."""
    values: dict[str, object] = {}
    for name, value in raw.items():
        if name not in _PARSERS:
            raise FactError(str(name), Message(N_("There is no such fact.")))
        if value is not None:
            values[name] = _PARSERS[name](name, value)
    return Facts(**values)  # type: ignore[arg-type]  # each parser gave its fact's type


def _household_size(name: str, value: object) -> int:
    size = _count(name, value)
    if size < 1:
        raise FactError(name, Message(N_("A household has at least one person.")))
    return size


def _count(name: str, value: object) -> int:
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()):
            raise FactError(name, Message(N_("Expected a whole number.")))
        return int(text)
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise FactError(name, Message(N_("Expected a whole number.")))
    if not isinstance(value, int) and (not _finite(value) or value != int(value)):
        raise FactError(name, Message(N_("Expected a whole number.")))
    if value < 0:
        raise FactError(name, Message(N_("It cannot be negative.")))
    return int(value)


def _finite(value: Decimal | float) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def _amount(name: str, value: object) -> Decimal:
    amount = _decimal(name, value)
    if amount != amount.quantize(_FEN):
        raise FactError(name, Message(N_("An amount in yuan has at most two decimals (fen).")))
    return amount


def _decimal(name: str, value: object) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        try:
            number = Decimal(value if isinstance(value, str | int) else repr(value))
        except InvalidOperation:
            raise FactError(name, Message(N_("Expected a number."))) from None
    else:
        raise FactError(name, Message(N_("Expected a number.")))
    if not number.is_finite():
        raise FactError(name, Message(N_("Expected a number.")))
    if number < 0:
        raise FactError(name, Message(N_("It cannot be negative.")))
    if number >= _TOO_LARGE:  # keeps every sum and product exact in 28 digits, with room
        raise FactError(name, Message(N_("It is too large.")))
    return number


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise FactError(name, Message(N_("Expected true or false.")))
    return value


def _causes(name: str, value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise FactError(name, Message(N_("Expected a list of causes.")))
    for cause in value:
        if cause not in CAUSE_LABELS:
            raise FactError(
                name,
                Message(
                    N_("Unknown cause {cause}; known: {known}."),
                    {"cause": repr(cause), "known": ", ".join(CAUSES)},
                ),
            )
    return frozenset(value)


_PARSERS: Final = {
    "household_size": _household_size,
    **dict.fromkeys(AMOUNTS, _amount),
    **dict.fromkeys(COUNTS, _count),
    "causes": _causes,
    "housing_area_m2": _decimal,
    **dict.fromkeys(FLAGS, _flag),
}
