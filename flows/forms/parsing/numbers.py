"""Whole numbers, decimals and money in yuan, as people type them.

Money accepts ``1200``, ``1,200``, ``1200元``, ``￥1200``, ``¥1200``, ``1.2万`` and full-width
digits; it is never negative and has at most two decimals (fen). Numbers written in Chinese
(``三``, ``四十五``, ``一千二百``, ``1万2``) are read with ``cn2an``.

A count may carry the word of what it counts (``3人``, ``45岁``, ``2 homes``), and only that:
``8个月`` is no age in years, and storing it as 8 would be wrong. A number of months may be
given in years, as people say it: ``2年`` is 24, ``半年`` 6, ``一年半`` and ``1.5年`` 18.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, Literal

from flows.forms.parsing.normalize import compact, has_emoji, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

# What a number counts; the words typed after it (3人, 45岁, 2 homes) must be that thing's.
Counting = Literal["people", "years", "months", "homes", "square_metres"]
PROBLEMS: Final = frozenset({"empty", "not_a_number", "negative", "too_precise", "range", "unit"})
_UNREAD: Final = Message(N_("This is not a number I can read."))
_NONE: Final = frozenset({"没有", "无", "没", "none", "nothing", "nil"})
_NUMBER: Final = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_TEN_THOUSAND: Final = Decimal(10000)
_CURRENCY_SIGNS: Final = ("¥", "RMB", "CNY")
_YUAN_WORDS: Final = ("元", "块", "yuan", "RMB", "CNY")
# The words people put after a count, by what it counts (compared case-folded, without spaces).
COUNTING_WORDS: Final[dict[Counting, tuple[str, ...]]] = {
    "people": ("口人", "个人", "人", "口", "people", "persons", "person"),
    "years": ("周岁", "岁", "年", "years", "year", "yearsold"),
    "months": ("个月", "月", "months", "month"),
    "homes": ("套房", "套", "处", "homes", "home", "houses", "house", "flats", "flat"),
    "square_metres": ("平方米", "平米", "㎡", "m²", "m2", "sqm"),
}
_BY_LENGTH: Final = sorted(
    ((word, counting) for counting, words in COUNTING_WORDS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)
WRONG_COUNT: Final[dict[Counting, str]] = {
    "people": N_("Please give the number of people."),
    "years": N_("Please give the age in whole years; for a child under one, send 0."),
    "months": N_("Please give the number of months."),
    "homes": N_("Please give the number of homes."),
    "square_metres": N_("Please give the area in square metres."),
}
_CHINESE_NUMERAL: Final = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]")


_YEAR_WORDS: Final = ("年", "years", "year")
_HALF_YEAR: Final = frozenset({"半年", "halfayear", "halfyear"})


def parse_integer(
    text: str, minimum: Decimal, maximum: Decimal | None, counts: Counting | None = None
) -> int:
    """A whole number within the range, perhaps followed by what it ``counts`` (``4人``)."""
    kept = _plain(text)
    in_years = _months_in_years(kept) if counts == "months" else None
    amount = in_years if in_years is not None else _number(_without_counting_word(kept, counts))
    if amount != amount.to_integral_value():
        raise InvalidAnswer("not_a_number", Message(N_("Please send a whole number.")))
    _within(amount, minimum, maximum)
    return int(amount)


def parse_decimal(
    text: str,
    minimum: Decimal,
    maximum: Decimal | None,
    places: int,
    counts: Counting | None = None,
) -> str:
    """A number with at most ``places`` decimals, canonical as its plain string (``85.5``)."""
    amount = _number(_without_counting_word(_plain(text), counts))
    _places(amount, places)
    _within(amount, minimum, maximum)
    return format(amount.normalize(), "f")


def _months_in_years(kept: str) -> Decimal | None:
    """Months given in years (``2年`` → 24, ``半年`` → 6, ``一年半`` → 18), or ``None``."""
    folded = kept.casefold()
    if folded in _HALF_YEAR:
        return Decimal(6)
    if folded.endswith("年半") and len(folded) > 2:
        years = _number(folded[:-2]) + Decimal("0.5")
    else:
        word = next((w for w in _YEAR_WORDS if folded.endswith(w) and folded != w), None)
        if word is None:
            return None
        years = _number(folded[: -len(word)])
    months = years * 12
    if months != months.to_integral_value():
        raise InvalidAnswer("not_a_number", Message(N_("Please give the number of months.")))
    return months


def _without_counting_word(kept: str, counts: Counting | None) -> str:
    """The number without the word of what it counts; another thing's word is refused."""
    folded = kept.casefold()
    for word, counting in _BY_LENGTH:
        if folded.endswith(word) and folded != word:
            if counting != counts:
                raise InvalidAnswer("unit", Message(WRONG_COUNT[counts]) if counts else _UNREAD)
            return kept[: -len(word)]
    return kept


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
    if kept.casefold() in _NONE:
        # The hints say "if none, enter 0": people answer "none".
        return Decimal(0)
    if not _NUMBER.match(kept):
        return _chinese_number(kept)
    amount = Decimal(kept.replace(",", ""))
    if amount < 0:
        raise InvalidAnswer("negative", Message(N_("The number cannot be negative.")))
    return amount


def _chinese_number(kept: str) -> Decimal:
    if not _CHINESE_NUMERAL.search(kept):
        raise InvalidAnswer("not_a_number", _UNREAD)
    import cn2an  # a second's start-up of every process otherwise: only for Chinese numerals

    try:
        value = cn2an.cn2an(kept, "smart")
    except ValueError:
        raise InvalidAnswer("not_a_number", _UNREAD) from None
    amount = Decimal(str(value))
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
