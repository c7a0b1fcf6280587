"""Typed answers are cut to what can be seen before they are read."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.forms import load_form
from flows.forms.parsing import InvalidAnswer
from flows.forms.parsing.normalize import NOTHING_VISIBLE, one_line, visible

TODAY = dt.date(2019, 12, 20)
FORM = load_form("jilin-2020")


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("张\x00丽\x07", "张丽"),
        ("\u202e张丽\u202c", "张丽"),
        ("\ufeff张\u200b丽\u200d", "张丽"),
        ("长春市\x1b[31m朝阳区\x1b[0m", "长春市朝阳区"),
        ("\ud800张丽\udfff", "张丽"),
        ("a\r\nb\u2028c\td", "a\nb\nc d"),
        ("爱人患病，女儿上学。", "爱人患病，女儿上学。"),
        ("e\u0301", "é"),
        ("\u3164", ""),
    ],
)
def test_what_can_be_seen(typed: str, seen: str) -> None:
    assert visible(typed) == seen


def test_an_answer_fills_one_line() -> None:
    assert one_line(visible("长春市\n\n 朝阳区\r\n1号")) == "长春市 朝阳区 1号"


@pytest.mark.parametrize("typed", ["\u200b\u200b", "\ufeff", "\u202e\u202d", "\x1b\x00", "\u3164"])
def test_a_name_of_nothing_visible_is_refused(typed: str) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        FORM.field("name").parse(typed, TODAY)
    assert refused.value.code == "empty"
    assert refused.value.message == NOTHING_VISIBLE


def test_numbers_fold_full_width_and_text_keeps_chinese_punctuation() -> None:
    assert FORM.field("household_size").parse("３\u200b", TODAY) == 3
    assert FORM.field("address").parse("长春市，\x1b1号", TODAY) == "长春市，1号"
