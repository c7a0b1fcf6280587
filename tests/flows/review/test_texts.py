"""What workers and officers read: notices, outcomes, statuses, history lines, numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from flows.access import Level
from flows.audit import AuditKind, read_details
from flows.forms import load_form
from flows.forms.texts import render_text
from flows.i18n import SUPPORTED_LOCALES, translator
from flows.review import (
    Counted,
    HistoryEntry,
    State,
    Transition,
    answer_digests,
    changed_fields,
    hardship_labels,
    hardship_types,
    history_lines,
    officer_outcome,
    scrub,
    stats_lines,
    status_text,
    tally,
    worker_notice,
)

S, L = State, Level


def moved(kind: AuditKind, to_state: State, to_level: Level, **extra: object) -> Transition:
    return Transition(7, kind, 11, S.SUBMITTED, to_state, L.UNIT, to_level, **extra)  # type: ignore[arg-type]


TRANSITIONS = [
    moved(AuditKind.SUBMITTED, S.SUBMITTED, L.UNIT),
    moved(AuditKind.RESUBMITTED, S.RESUBMITTED, L.UNIT),
    moved(AuditKind.APPROVED, S.APPROVED, L.DEPARTMENT),
    moved(AuditKind.AID_GRANTED, S.AID_GRANTED, L.PROVINCE, amount=Decimal("800.00")),
    moved(AuditKind.AMOUNT_CHANGED, S.AID_GRANTED, L.PROVINCE, amount=Decimal(900), reason="x"),
    moved(AuditKind.RETURNED, S.RETURNED, L.UNIT, fields=("phone",), reason="wrong digits"),
    moved(AuditKind.REJECTED, S.REJECTED, L.UNIT, reason="income too high"),
]


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda moved: moved.kind.value)
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_move_has_a_notice_and_an_outcome(transition: Transition, locale: str) -> None:
    t = translator(locale)
    notice = render_text(worker_notice(transition, {"phone": "联系电话"}), t)
    outcome = t.render(officer_outcome(transition))
    assert notice and outcome and "{" not in notice + outcome
    if transition.reason:
        assert transition.reason in notice
    if transition.kind is AuditKind.RETURNED:
        assert "联系电话" in notice


def test_the_grant_notice_shows_money_in_the_readers_format() -> None:
    granted = TRANSITIONS[3]
    assert "¥800.00" in render_text(worker_notice(granted), translator("zh_CN"))


@pytest.mark.parametrize(
    ("state", "level", "zh"),
    [
        (S.SUBMITTED, L.UNIT, "等待单位工会审核。"),
        (S.APPROVED, L.PROVINCE, "等待省直工会审核。"),
        (S.RETURNED, L.DEPARTMENT, "主管厅局工会已退回修改：请发送 /register 进行修改。"),
        (S.AID_GRANTED, L.PROVINCE, "已确定帮扶"),
        (S.DRAFT, None, "草稿"),
    ],
)
def test_status(state: State, level: Level | None, zh: str) -> None:
    assert translator("zh_CN").render(status_text(state, level)) == zh


def test_status_told_to_an_officer_and_with_the_amount_granted() -> None:
    t = translator("zh_CN")
    assert t.render(status_text(S.RETURNED, L.UNIT, owner=False)) == "单位工会已退回修改。"
    granted = status_text(S.AID_GRANTED, L.PROVINCE, amount=Decimal(800))
    assert t.render(granted) == "您的登记已审核通过。帮扶金额：¥800.00。"


def test_a_notice_masks_numbers_in_the_reason_and_names_the_command() -> None:
    returned = moved(
        AuditKind.RETURNED, S.RETURNED, L.UNIT, fields=("phone",), reason="电话 13911112222 打不通"
    )
    notice = render_text(worker_notice(returned, {"phone": "联系电话"}, "/enter"), translator("en"))
    assert "13911112222" not in notice and "1391***2222" in notice
    assert notice.endswith("Send /enter to make the corrections and submit again.")


def test_history_lines_name_moves_fields_and_scrub_numbers_from_reasons() -> None:
    at = dt.datetime(2019, 12, 20, 2, 30, tzinfo=dt.UTC)
    entries = [
        HistoryEntry(
            at,
            "submitted",
            "王芳",
            "draft",
            "submitted",
            None,
            read_details("submitted", {"to_level": "unit"}),
        ),
        HistoryEntry(
            at,
            "returned",
            "李红",
            "submitted",
            "returned",
            "ID 220102198001011234 is wrong",
            read_details(
                "returned", {"to_level": "unit", "fields": ["phone"], "digests": {"phone": "abc"}}
            ),
        ),
        HistoryEntry(
            at,
            "resubmitted",
            "王芳",
            "returned",
            "resubmitted",
            None,
            read_details("resubmitted", {"changed": []}),
        ),
        HistoryEntry(
            at,
            "aid_granted",
            None,
            "approved",
            "aid_granted",
            None,
            read_details("aid_granted", {"amount": "800.00"}),
        ),
        HistoryEntry(at, "something_new", None),
    ]
    lines = [
        render_text(line, translator("en")) for line in history_lines(entries, {"phone": "Phone"})
    ]
    assert lines[0].startswith("Dec 20, 10:30 · 王芳 · submitted · draft → submitted, waiting")
    assert "answers: Phone" in lines[1] and "2201**********1234" in lines[1]
    assert "220102198001011234" not in "".join(lines) and "abc" not in lines[1]
    assert "changed: nothing" in lines[2]
    assert "system" in lines[3] and "CN¥800.00" in lines[3]
    assert lines[4].endswith("something_new")
    assert render_text(history_lines([])[0], translator("zh_CN")) == "暂无记录。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 13812345678", "call 1381***5678"),
        ("card 6222020200112233445", "card 6222***********3445"),
        ("row 12345 of 2019", "row 12345 of 2019"),
    ],
)
def test_scrub(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_changes_are_found_by_keyed_digest() -> None:
    def digest(value: str) -> str:
        return f"h({value})"

    before = answer_digests(7, {"phone": "+8613812345678", "size": 3}, ("phone", "size"), digest)
    after = answer_digests(7, {"phone": "+8613812345679", "size": 3}, before, digest)
    assert changed_fields(before, after) == ("phone",)
    other_record = answer_digests(8, {"size": 3}, ("size",), digest)
    assert other_record["size"] != before["size"]


def test_hardship_types_and_numbers_of_a_scope() -> None:
    form = load_form("jilin-2020")
    hardship_field = next(field for field in form.fields if field.fact == "causes")
    answers = {hardship_field.id: ["low_income", "serious_illness"], "causes": ["schooling"]}
    types = hardship_types(form, answers)
    assert types == ("low_income", "serious_illness", "schooling")
    stats = tally(
        [
            Counted(S.SUBMITTED, L.UNIT, types),
            Counted(S.APPROVED, L.DEPARTMENT, ("low_income",)),
            Counted(S.AID_GRANTED, L.PROVINCE, ("disaster",), Decimal("800.00")),
            Counted(S.AID_GRANTED, L.PROVINCE, (), Decimal("500.00")),
            Counted(S.DRAFT, None, ("other",)),
            Counted(S.DELETED, None, ("other",)),  # a deleted draft is no record
        ]
    )
    assert stats.total == 5
    assert stats.by_state == {S.DRAFT: 1, S.SUBMITTED: 1, S.APPROVED: 1, S.AID_GRANTED: 2}
    assert stats.waiting_by_level == {L.UNIT: 1, L.DEPARTMENT: 1}
    assert stats.by_hardship["low_income"] == 2 and "other" not in stats.by_hardship
    assert stats.granted_total == Decimal("1300.00")
    shown = [
        render_text(line, translator("zh_CN")) for line in stats_lines(stats, hardship_labels(form))
    ]
    assert "登记数：5" in shown
    assert "  低收入：2" in shown
    assert "已确定帮扶金额合计：¥1,300.00" in shown
