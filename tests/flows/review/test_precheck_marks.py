"""The officer's say on the pre-check, as the card, its screens and the history read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from flows.forms.texts import render_text
from flows.i18n import translator
from flows.policy.stored import read_precheck
from flows.review import HistoryEntry, history_lines
from flows.review.precheck_overrides import (
    heading,
    marks,
    officers_of,
    outcome_screen,
    override_reason_screen,
    precheck_screen,
)
from tests.flows.review.world import SHANGHAI, record

AT = "2019-12-21T09:00:00+08:00"
MARKED = {"by": 4, "reason": "工资单与证明不符", "at": AT}
OVERRIDE = {"outcome": "needs_review", "by": 5, "reason": "已核实", "at": AT}
NAMES = {4: "李明", 5: "孙红"}


def shown(lines: list[Any], locale: str = "en") -> list[str]:
    t = translator(locale)
    return [render_text(line, t) for line in lines]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({"outcome": "eligible"}, []),
        (
            {"outcome": "excluded", "untruthful": MARKED},
            ["⚠️ Answers marked untruthful by 李明: 工资单与证明不符"],
        ),
        (
            {"outcome": "excluded", "untruthful": MARKED, "override": OVERRIDE},
            [
                "⚠️ Answers marked untruthful by 李明: 工资单与证明不符",
                "Computed outcome: excluded",
                "⚖ Overridden by 孙红: for the officer's judgement — 已核实",
            ],
        ),
        # An officer no longer named, and an ID number typed into a reason by mistake.
        (
            {
                "outcome": "eligible",
                "override": {**OVERRIDE, "by": 9, "reason": "ID 220102198503150023"},
            },
            [
                "Computed outcome: eligible",
                "⚖ Overridden by #9: for the officer's judgement — ID 2201**********0023",
            ],
        ),
    ],
)
def test_the_cards_lines_under_the_explanation(stored: dict[str, Any], expected: list[str]) -> None:
    assert shown(marks(read_precheck(stored), NAMES)) == expected


def test_who_is_named_and_the_heading() -> None:
    both = {"outcome": "excluded", "untruthful": MARKED, "override": OVERRIDE}
    assert officers_of(read_precheck(both)) == {4, 5}
    assert officers_of(None) == set()
    eligible = read_precheck({"outcome": "eligible"})
    assert shown([heading(eligible)]) == ["🔎 Pre-check when submitted (advisory):"]
    marked = read_precheck({"outcome": "excluded", "untruthful": MARKED})
    assert shown([heading(marked)], "zh_CN") == ["🔎 认定申报不实后重新预审的结果（仅供参考）："]


def test_the_screens_carry_the_cards_version() -> None:
    view = record()
    data = [
        b.data
        for row in precheck_screen(view, read_precheck({"outcome": "eligible"}), {}).buttons
        for b in row
    ]
    assert data == ["v:unt:7:0", "v:ovr:7:0", "v:card:7:0"]
    marked = precheck_screen(
        view, read_precheck({"outcome": "excluded", "untruthful": MARKED}), NAMES
    )
    assert [b.data for row in marked.buttons for b in row] == ["v:ovr:7:0", "v:card:7:0"]
    chosen = [b.data for row in outcome_screen(view, None).buttons for b in row]
    assert chosen == [
        "v:ovo:7:0:eligible",
        "v:ovo:7:0:needs_review",
        "v:ovo:7:0:not_eligible",
        "v:ovo:7:0:excluded",
        "v:card:7:0",
    ]
    assert shown(list(override_reason_screen(view, "not_eligible").lines), "zh_CN") == [
        "为什么将登记 7 的预审结论改为“不符合资助条件”？请输入原因，将记入处理记录。"
    ]


@pytest.mark.parametrize(
    ("kind", "before", "after", "expected"),
    [
        (
            "marked_untruthful",
            "eligible",
            "excluded",
            "answers marked untruthful, pre-check made again · eligible → excluded",
        ),
        ("precheck_overridden", "excluded", "excluded", "pre-check outcome overridden · excluded"),
        (
            "precheck_overridden",
            None,
            "not_eligible",
            "pre-check outcome overridden · not eligible",
        ),
    ],
)
def test_the_history_names_the_outcomes(
    kind: str, before: str | None, after: str, expected: str
) -> None:
    entry = HistoryEntry(
        at=dt.datetime(2019, 12, 21, 9, 0, tzinfo=SHANGHAI),
        kind=kind,
        actor="李明",
        from_state=before,
        to_state=after,
        reason="已核实",
    )
    (line,) = shown(history_lines([entry]))
    assert line == f"Dec 21, 09:00 · 李明 · {expected} · reason: 已核实"
