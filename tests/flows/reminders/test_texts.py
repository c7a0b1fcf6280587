"""What the reminders say, in both languages, with the deadline in local time."""

from __future__ import annotations

import pytest

from flows.i18n import translator
from flows.reminders import (
    RESUME_DATA,
    Facts,
    Kind,
    ReminderPolicy,
    Slot,
    UnitCounts,
    broadcast_text,
    compose,
    due,
    split_message,
)
from tests.flows.reminders.times import JILIN, SHANGHAI, at

CAMPAIGN = "吉林省直2020送温暖"


def slot_of(kind: Kind, now_args: tuple[int, ...]) -> Slot:
    return next(s for s in due(JILIN, ReminderPolicy(), at(*now_args)) if s.kind is kind)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_CN", ["还有7个问题未回答", "登记将于12月28日 16:00截止（还剩3天）", "继续填写登记"]),
        (
            "en",
            [
                "Questions still to answer: 7.",
                "closes on Dec 28, 16:00 (3 days left)",
                "Continue my registration",
            ],
        ),
    ],
)
def test_a_draft_reminder_tells_what_is_left_and_when_intake_closes(
    locale: str, expected: list[str]
) -> None:
    slot = slot_of(Kind.DRAFT, (12, 25, 16))
    outgoing = compose(
        translator(locale), slot, Facts(CAMPAIGN, questions_left=7), at(12, 25, 16), SHANGHAI
    )
    text = outgoing.texts[0]
    assert CAMPAIGN in text
    for piece in expected[:2]:
        assert piece in text
    assert outgoing.button is not None
    assert outgoing.button.label == expected[2]
    assert outgoing.button.data == RESUME_DATA == "r:resume"


def test_a_draft_with_every_answer_given_is_asked_to_submit() -> None:
    slot = slot_of(Kind.DRAFT, (12, 28, 14))
    text = compose(
        translator("en"), slot, Facts(CAMPAIGN, questions_left=0), at(12, 28, 14), SHANGHAI
    ).texts[0]
    assert "please check your answers and submit" in text
    assert "(2 hours left)" in text


def test_an_unreadable_draft_is_reminded_without_a_count() -> None:
    slot = slot_of(Kind.DRAFT, (12, 28, 14))
    text = compose(translator("en"), slot, Facts(CAMPAIGN), at(12, 28, 14), SHANGHAI).texts[0]
    assert "Questions" not in text and "not finished" in text


def test_a_returned_record_reminder_names_the_resubmission_deadline() -> None:
    slot = slot_of(Kind.RETURNED, (12, 29, 9))
    outgoing = compose(
        translator("zh_CN"), slot, Facts(CAMPAIGN, questions_left=2), at(12, 29, 9), SHANGHAI
    )
    assert "还有2项需要修改" in outgoing.texts[0]
    assert "请在12月31日 17:00前重新提交" in outgoing.texts[0]
    assert outgoing.button is not None and outgoing.button.label == "修改我的登记"


def test_the_officers_digest_counts_what_waits() -> None:
    slot = slot_of(Kind.OFFICER_DIGEST, (12, 10, 9))
    outgoing = compose(translator("en"), slot, Facts(CAMPAIGN, waiting=12), at(12, 10, 9), SHANGHAI)
    assert "waiting for your review in 吉林省直2020送温暖: 12." in outgoing.texts[0]
    assert "/queue" in outgoing.texts[0]
    assert outgoing.button is None


def test_the_provincial_summary_lists_units_and_a_total() -> None:
    slot = slot_of(Kind.PROVINCE_SUMMARY, (12, 10, 18))
    facts = Facts(CAMPAIGN, units=(UnitCounts("一汽", 5, 2, 1), UnitCounts("吉大", 3, 3, 0)))
    (text,) = compose(translator("zh_CN"), slot, facts, at(12, 10, 18), SHANGHAI).texts
    assert "每日汇总（2019年12月10日）" in text
    assert "一汽：已提交5，待审核2，已通过1" in text
    assert "合计：已提交8，待审核5，已通过1" in text


def test_a_milestone_reminder_names_the_milestone() -> None:
    slot = slot_of(Kind.MILESTONE, (12, 30, 12))
    (text,) = compose(translator("en"), slot, Facts(CAMPAIGN), at(12, 30, 12), SHANGHAI).texts
    assert "纸质材料报送 on Dec 31, 12:00 (1 day left)" in text


def test_long_summaries_are_split_between_lines() -> None:
    lines = [f"unit {n:04d}: " + "x" * 90 for n in range(100)]
    messages = split_message(lines, limit=1000)
    assert all(len(message) <= 1000 for message in messages)
    assert "\n".join(messages).split("\n") == lines


def test_a_broadcast_carries_a_header_in_the_readers_language() -> None:
    assert broadcast_text(translator("zh_CN"), "明天上午开会").startswith("📢 工会通知")
    assert broadcast_text(translator("en"), "hi").endswith("\n\nhi")
