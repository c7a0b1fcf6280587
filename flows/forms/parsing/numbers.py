"""Whole numbers, decimals and money in yuan, as people type them.

Money accepts ``1200``, ``1,200``, ``1200元``, ``￥1200``, ``¥1200``, ``1.2万`` and full-width
digits; it is never negative and has at most two decimals (fen).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from flows.forms.parsing.normalize import compact, has_emoji, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"empty", "not_a_number", "negative", "too_precise", "range"})
_NUMBER: Final = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_TEN_THOUSAND: Final = Decimal(10000)
_CURRENCY_SIGNS: Final = ("¥", "RMB", "CNY")
_YUAN_WORDS: Final = ("元", "块", "yuan", "RMB", "CNY")
# Counting words people add after a number: 4人, 4口, 6个月, 2套, 85平方米.
_UNIT_SUFFIX: Final = re.compile(r"(人|口|个月|月|个|岁|套|平方米|平米|㎡|m2|m²)$")


def parse_integer(text: str, minimum: Decimal, maximum: Decimal | None) -> int:
    """A whole number within the range; a trailing counting word (``4人``) is allowed."""
    amount = _number(_UNIT_SUFFIX.sub("", _plain(text)))
    if amount != amount.to_integral_value():
        raise InvalidAnswer("not_a_number", Message(N_("Please send a whole number.")))
    _within(amount, minimum, maximum)
    return int(amount)


def parse_decimal(text: str, minimum: Decimal, maximum: Decimal | None, places: int) -> str:
    """A number with at most ``places`` decimals, canonical as its plain string (``85.5``)."""
    amount = _number(_UNIT_SUFFIX.sub("", _plain(text)))
    _places(amount, places)
    _within(amount, minimum, maximum)
    return format(amount.normalize(), "f")


def parse_money(text: str, maximum: Decimal | None) -> str:
    """An amount in yuan, canonical with two decimals: ``"1200.00"``."""
    kept = _plain(text)
    for sign in _CURRENCY_SIGNS:
        kept = kept.removeprefix(sign)
    for word in _YUAN_WORDS:
        kept = kept.removesuffix(word)
    scale = Decimal(1)
    if kept.endswith("万"):
        kept, scale = kept[:-1], _TEN_THOUSAND
    amount = _number(kept) * scale
    _places(amount, 2)
    _within(amount, Decimal(0), maximum)
    return str(amount.quantize(Decimal("0.01")))


def _plain(text: str) -> str:
    require_content(text)
    kept = compact(text)
    if has_emoji(kept):
        raise InvalidAnswer("not_a_number", Message(N_("Please send digits only, no emoji.")))
    return kept


def _number(kept: str) -> Decimal:
    if not _NUMBER.match(kept):
        raise InvalidAnswer("not_a_number", Message(N_("This is not a number I can read.")))
    amount = Decimal(kept.replace(",", ""))
    if amount < 0:
        raise InvalidAnswer("negative", Message(N_("The number cannot be negative.")))
    return amount


def _places(amount: Decimal, places: int) -> None:
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise InvalidAnswer(
            "too_precise",
            Message(N_("At most {places} digits after the decimal point."), {"places": places}),
        )


def _within(amount: Decimal, minimum: Decimal, maximum: Decimal | None) -> None:
    if amount < minimum or (maximum is not None and amount > maximum):
        if maximum is None:
            message = Message(
                N_("The number must be at least {minimum}."), {"minimum": str(minimum)}
            )
        else:
            message = Message(
                N_("The number must be from {minimum} to {maximum}."),
                {"minimum": str(minimum), "maximum": str(maximum)},
            )
        raise InvalidAnswer("range", message)
