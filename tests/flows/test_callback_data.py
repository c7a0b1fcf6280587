"""The one strict reader of callback data."""

from __future__ import annotations

import pytest

from flows import callback_data
from flows.registration import callbacks as registration
from flows.review import callbacks as review


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("0", 0),
        ("12", 12),
        (str(callback_data.MAX_ID), callback_data.MAX_ID),
        (str(callback_data.MAX_ID + 1), None),
        ("9" * 30, None),
        ("²", None),
        ("٣", None),
        ("１２", None),
        ("-1", None),
        ("+1", None),
        ("1_000", None),
        (" 1", None),
        ("1\n", None),
        ("", None),
        (None, None),
    ],
)
def test_numbers_are_ascii_digits_within_the_database_range(
    part: str | None, expected: int | None
) -> None:
    assert callback_data.number(part) == expected


def test_parts_are_printable_ascii_of_a_known_count() -> None:
    assert callback_data.parts("v:ok:1:2", "v:", 3, 4) == ("ok", "1", "2")
    assert callback_data.parts("v:ok:1", "v:", 3, 4) is None
    assert callback_data.parts("v:ok:1:2:3:4", "v:", 3, 4) is None
    assert callback_data.parts("v:ok:１:2", "v:", 3, 4) is None
    assert callback_data.parts("v:ok:1:\x00", "v:", 3, 4) is None
    assert callback_data.parts("x:c:1", "v:", 1, 4) is None


def test_the_decoders_refuse_look_alikes() -> None:
    assert review.decode("v:ok:²:1") is None
    assert review.decode("v:ok:12:3:sure") == review.Pressed("ok", 12, 3, "sure")
    assert registration.decode("r:c:name:²") is None
    assert registration.decode("r:c:sex:f") == registration.Callback("c", "sex", "f")


def test_record_numbers_as_typed() -> None:
    assert callback_data.record_number("#12") == 12
    assert callback_data.record_number("12") == 12
    assert callback_data.record_number("0") is None
    assert callback_data.record_number("²") is None
