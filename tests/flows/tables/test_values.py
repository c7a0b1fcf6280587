"""How canonical answers are shown: masks, phones, Chinese dates, ages at the campaign's date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from flows.tables.fills import age_at, birth_date
from flows.tables.values import DATE_ZH, YUAN, CellValue, date_zh, mask, phone_display


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("22010419800101123X", "2201**********123X"),
        ("6222020700012345678", "6222***********5678"),
        ("12345678", "12345678"),
    ],
)
def test_mask_keeps_first_and_last_four(number: str, masked: str) -> None:
    assert mask(number) == masked


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+8613812345678", "13812345678"),
        ("+8643182701100", "0431-82701100"),
        ("+861065902430", "010-65902430"),
        ("+862165902430", "021-65902430"),
        ("+8637165902430", "0371-65902430"),
        ("+85291234567", "+85291234567"),
    ],
)
def test_phones_are_shown_as_dialled_in_china(e164: str, shown: str) -> None:
    assert phone_display(e164) == shown


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(1980, 1, 10), dt.date(2017, 1, 10), 37),
        (dt.date(1980, 1, 11), dt.date(2017, 1, 10), 36),
        (dt.date(1980, 2, 29), dt.date(2017, 2, 28), 36),
    ],
)
def test_age_counts_whole_years(birth: dt.date, day: dt.date, age: int) -> None:
    assert age_at(birth, day) == age


@pytest.mark.parametrize(
    ("answers", "born"),
    [
        ({"birth_date": "1980-01-10", "resident_id": "220104196001110035"}, dt.date(1980, 1, 10)),
        ({"resident_id": "220104196001110035"}, dt.date(1960, 1, 11)),
        ({"name": "王芳"}, None),
    ],
)
def test_birth_date_is_answered_or_read_from_the_id(
    answers: dict[str, object], born: dt.date | None
) -> None:
    assert birth_date(answers) == born


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (CellValue(Decimal("1500"), YUAN), "1500.00"),
        (CellValue(dt.date(2017, 1, 10), DATE_ZH), "2017年1月10日"),
        (CellValue(37), "37"),
        (CellValue(None), ""),
    ],
)
def test_cell_text_is_what_the_paper_shows(cell: CellValue, text: str) -> None:
    assert cell.text() == text


def test_chinese_dates_have_no_leading_zeros() -> None:
    assert date_zh(dt.date(2019, 12, 8)) == "2019年12月8日"
