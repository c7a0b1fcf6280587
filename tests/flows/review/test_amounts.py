"""Aid amounts typed by officers and offered as a policy's standard amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from flows.access import Reason, Refused
from flows.review import in_words, parse_amount, standard_amounts


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("800", Decimal("800.00")),
        ("1,200.5", Decimal("1200.50")),
        ("¥800", Decimal("800.00")),
        ("￥８００", Decimal("800.00")),
        ("800元", Decimal("800.00")),
        ("0.01", Decimal("0.01")),
        ("1.2万", Decimal("12000.00")),
    ],
)
def test_amounts_as_typed(typed: str, expected: Decimal) -> None:
    amount = parse_amount(typed)
    assert amount == expected
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("0", Reason.AMOUNT_NOT_POSITIVE),
        ("0.00", Reason.AMOUNT_NOT_POSITIVE),
        ("-5", Reason.AMOUNT_INVALID),
        ("12.345", Reason.AMOUNT_INVALID),
        ("eight hundred", Reason.AMOUNT_INVALID),
        ("", Reason.AMOUNT_INVALID),
        ("NaN", Reason.AMOUNT_INVALID),
        ("99999999999", Reason.AMOUNT_TOO_LARGE),
    ],
)
def test_amounts_refused(typed: str, reason: Reason) -> None:
    with pytest.raises(Refused) as refused:
        parse_amount(typed)
    assert refused.value.reason is reason


def test_standard_amounts_are_checked_sorted_and_unique() -> None:
    offered = standard_amounts([Decimal(1000), Decimal("500.0"), Decimal(500), Decimal("800")])
    assert offered == (Decimal("500.00"), Decimal("800.00"), Decimal("1000.00"))
    assert standard_amounts([]) == ()


@pytest.mark.parametrize("bad", [Decimal(0), Decimal("-1"), Decimal("1.001")])
def test_a_bad_standard_amount_is_a_data_error(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="standard amount"):
        standard_amounts([Decimal(500), bad])


@pytest.mark.parametrize(
    ("amount", "capitals", "english"),
    [
        ("800", "捌佰元整", "eight hundred yuan"),
        ("1000.05", "壹仟元零伍分", "one thousand yuan and five fen"),
        ("10010", "壹万零壹拾元整", "ten thousand and ten yuan"),
        ("3000.10", "叁仟元壹角", "three thousand yuan and ten fen"),
        ("0.50", "伍角", "fifty fen"),
        (
            "99999999",
            "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整",
            "ninety-nine million, nine hundred and ninety-nine thousand, nine hundred and "
            "ninety-nine yuan",
        ),
    ],
)
def test_an_amount_in_words(amount: str, capitals: str, english: str) -> None:
    words = in_words(Decimal(amount))
    assert (words.zh_CN, words.en) == (capitals, english)
