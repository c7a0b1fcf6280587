"""Officers on the pre-check through the stand-in: one marks the answers untruthful (the
pre-check is made again and excludes the household by X5), another overrides the outcome; each
with a typed reason, shown on the card in place and recorded. Refusals change nothing."""

from __future__ import annotations

from typing import Any, Final

import pytest
from sqlalchemy import select

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.chats import Button, ChatMessage
from bot.standin.running import StandInBot
from flows.policy.stored import StoredPrecheck
from flows.review import callbacks
from storage.models import AuditEvent, Registration, User
from storage.repositories import registrations
from tests.auxil.scenario import (
    DEPARTMENT_OFFICER,
    OTHER_UNIT_OFFICER,
    UNIT_OFFICER,
    WORKER,
    seed,
)
from tests.conversations.registration import PHONE_LANGUAGE
from tests.conversations.test_access import snapshot
from tests.conversations.test_officers import CARD_BUTTONS, NEW_OFFICER, invite_officer, submit

LOCALES = ["zh_CN", "en"]
UNTRUE = "收入证明与工资单不符"
VERIFIED = "工资单已核实"

PRECHECK = {"zh_CN": "⚖ 预审", "en": "⚖ Pre-check"}
MARK = {"zh_CN": "认定申报不实", "en": "Mark the answers untruthful"}
OVERRIDE = {"zh_CN": "更改预审结论", "en": "Override the outcome"}
BACK = {"zh_CN": "◀ 返回登记", "en": "◀ Back to the record"}
OUTCOME_BUTTONS = {
    "zh_CN": ["符合资助条件", "需工会审核判断", "不符合资助条件", "属排除情形，不予资助"],
    "en": ["Eligible", "For the officer's judgement", "Not eligible", "Excluded"],
}
FIRST_SCREEN = {
    "zh_CN": [
        "⚖ 登记 1 的预审结果（仅供参考）。",
        "预审计算结论：符合资助条件",
        "您可以认定申报不实（预审将重新进行），或更改预审结论。两者都须说明原因，并记入处理记录。",
    ],
    "en": [
        "⚖ Pre-check of record 1 (advisory).",
        "Computed outcome: eligible",
        "You may mark the answers untruthful (the pre-check is then made again) or override its "
        "outcome. Either needs a reason, kept in the record's history.",
    ],
}
WHY_UNTRUE = {
    "zh_CN": "为什么认定登记 1 申报不实？请输入原因，将记入处理记录。",
    "en": "Why are the answers of record 1 untruthful? Please type the reason; it is kept in "
    "the record's history.",
}
# The card's pre-check once the answers are marked untruthful: made again, excluded by X5.
MARKED_CARD = {
    "zh_CN": [
        "🔎 认定申报不实后重新预审的结果（仅供参考）：",
        "按吉林省直机关2020年送温暖认定标准，属于排除情形X5（不如实提供家庭收入及财产状况），不予资助。",
        "排除情形X5（不如实提供家庭收入及财产状况）：属于此情形。",
        "不属于其他不予资助情形。",
        f"⚠️ 李明认定申报不实：{UNTRUE}",
    ],
    "en": [
        "🔎 Pre-check, made again when the answers were marked untruthful (advisory):",
        "Under the Jilin 2020 criteria the household is excluded: Exclusion X5 (income or "
        "property not stated truthfully).",
        "Exclusion X5 (income or property not stated truthfully): applies.",
        "None of the other exclusions applies.",
        f"⚠️ Answers marked untruthful by 李明: {UNTRUE}",
    ],
}
MARKED_SAID = {
    "zh_CN": "登记 1：已认定申报不实，预审结论现为：属排除情形，不予资助。",
    "en": "Record 1: the answers are marked untruthful; the pre-check now gives: excluded.",
}
SECOND_SCREEN = {
    "zh_CN": [
        "⚖ 登记 1 的预审结果（仅供参考）。",
        "预审计算结论：属排除情形，不予资助",
        f"⚠️ 李明认定申报不实：{UNTRUE}",
        FIRST_SCREEN["zh_CN"][2],
    ],
    "en": [
        "⚖ Pre-check of record 1 (advisory).",
        "Computed outcome: excluded",
        f"⚠️ Answers marked untruthful by 李明: {UNTRUE}",
        FIRST_SCREEN["en"][2],
    ],
}
WHICH_OUTCOME = {
    "zh_CN": ["登记 1：预审结论应改为哪一项？", "预审计算结论：属排除情形，不予资助"],
    "en": ["Record 1: which outcome should the pre-check give?", "Computed outcome: excluded"],
}
WHY_OVERRIDE = {
    "zh_CN": "为什么将登记 1 的预审结论改为“需工会审核判断”？请输入原因，将记入处理记录。",
    "en": "Why should the pre-check of record 1 give “for the officer's judgement”? Please type "
    "the reason; it is kept in the record's history.",
}
# Under the explanation: the mark, the computed outcome and the override, side by side.
OVERRIDDEN_CARD = {
    "zh_CN": [
        f"⚠️ 李明认定申报不实：{UNTRUE}",
        "预审计算结论：属排除情形，不予资助",
        f"⚖ 孙红已将预审结论改为：需工会审核判断 — {VERIFIED}",
    ],
    "en": [
        f"⚠️ Answers marked untruthful by 李明: {UNTRUE}",
        "Computed outcome: excluded",
        f"⚖ Overridden by 孙红: for the officer's judgement — {VERIFIED}",
    ],
}
OVERRIDDEN_SAID = {
    "zh_CN": "登记 1：预审结论已改为：需工会审核判断。",
    "en": "Record 1: the pre-check's outcome is overridden: for the officer's judgement.",
}
HISTORY = {
    "zh_CN": [
        f"李明 · 认定申报不实，重新预审 · 符合资助条件 → 属排除情形，不予资助 · 原因：{UNTRUE}",
        f"孙红 · 更改预审结论 · 属排除情形，不予资助 → 需工会审核判断 · 原因：{VERIFIED}",
    ],
    "en": [
        "李明 · answers marked untruthful, pre-check made again · eligible → excluded · "
        f"reason: {UNTRUE}",
        "孙红 · pre-check outcome overridden · excluded → for the officer's judgement · "
        f"reason: {VERIFIED}",
    ],
}
CHANGED = "This record has changed since this card was shown; please look at it again."


async def account(services: Services, telegram_id: int) -> int:
    """The account id of a Telegram user."""
    async with services.sessions() as session:
        user_id = await session.scalar(select(User.id).where(User.telegram_id == telegram_id))
        assert user_id is not None
        return user_id


async def stored_precheck(services: Services) -> StoredPrecheck:
    """Record 1's stored pre-check."""
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None
        stored = registrations.precheck_of(services.vault, record)
        assert stored is not None
        return stored


async def precheck_events(services: Services) -> list[tuple[Any, ...]]:
    """The pre-check's audit events: kind, actor, from, to, reason."""
    async with services.sessions() as session:
        events = await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.kind.in_(["marked_untruthful", "precheck_overridden"]))
            .order_by(AuditEvent.id)
        )
        return [
            (e.kind, e.actor_user_id, e.registration_id, e.from_state, e.to_state, e.reason)
            for e in events
        ]


async def queued_card(officer: SimulatedUser) -> ChatMessage:
    """/queue, and the card it shows."""
    await officer.send("/queue")
    return officer.last


@pytest.mark.parametrize("locale", LOCALES)
async def test_one_officer_marks_untruthful_and_another_overrides(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    language = PHONE_LANGUAGE[locale]
    await submit(standin.user(WORKER, "张丽", language), locale)
    first = standin.user(UNIT_OFFICER, "李明", language)
    second = await invite_officer(services, standin, NEW_OFFICER, locale)  # 孙红, same unit

    # 李明 marks the answers untruthful, with a reason.
    card = await queued_card(first)
    assert card.button_labels == CARD_BUTTONS[locale]
    await first.press(PRECHECK[locale], card)
    assert card.text.splitlines() == FIRST_SCREEN[locale]
    assert card.button_labels == [[MARK[locale]], [OVERRIDE[locale]], [BACK[locale]]]
    await first.press(MARK[locale], card)
    assert card.text == WHY_UNTRUE[locale]
    assert card.button_labels == [[BACK[locale]]]
    await first.send(UNTRUE)

    # The card, in place, shows the pre-check made again: excluded by X5, and who said so.
    assert card.edits == 3
    lines = card.text.splitlines()
    heading = lines.index(MARKED_CARD[locale][0])
    assert lines[heading + 1] == MARKED_CARD[locale][1]
    assert lines[-3:] == MARKED_CARD[locale][2:]
    assert card.button_labels == CARD_BUTTONS[locale]
    assert first.last.text == MARKED_SAID[locale]
    precheck = await stored_precheck(services)
    assert precheck.outcome == "excluded" and "X5" in precheck.exclusions
    assert precheck.untruthful is not None
    assert precheck.untruthful.by == await account(services, UNIT_OFFICER)
    assert precheck.untruthful.reason == UNTRUE

    # 孙红 sees the mark, cannot mark again, and overrides the outcome with a reason.
    card = await queued_card(second)
    assert card.text.splitlines()[-1] == MARKED_CARD[locale][-1]
    await second.press(PRECHECK[locale], card)
    assert card.text.splitlines() == SECOND_SCREEN[locale]
    assert card.button_labels == [[OVERRIDE[locale]], [BACK[locale]]]
    await second.press(OVERRIDE[locale], card)
    assert card.text.splitlines() == WHICH_OUTCOME[locale]
    # The outcome the record stands at (excluded, since the mark) is not offered.
    offered = OUTCOME_BUTTONS[locale][:3]
    assert card.button_labels == [[label] for label in offered] + [[BACK[locale]]]
    await second.press(OUTCOME_BUTTONS[locale][1], card)
    assert card.text == WHY_OVERRIDE[locale]
    await second.send(VERIFIED)
    assert card.text.splitlines()[-3:] == OVERRIDDEN_CARD[locale]
    assert MARKED_CARD[locale][1] in card.text.splitlines()  # the computed outcome's headline
    assert card.button_labels == CARD_BUTTONS[locale]
    assert second.last.text == OVERRIDDEN_SAID[locale]

    # Both are stored with the record and audited; the record itself waits as before.
    precheck = await stored_precheck(services)
    assert precheck.outcome == "excluded"
    assert precheck.untruthful is not None and precheck.untruthful.reason == UNTRUE
    assert precheck.override is not None
    assert (precheck.override.outcome, precheck.override.by, precheck.override.reason) == (
        "needs_review",
        await account(services, NEW_OFFICER),
        VERIFIED,
    )
    first_id, second_id = [await account(services, t) for t in (UNIT_OFFICER, NEW_OFFICER)]
    assert await precheck_events(services) == [
        ("marked_untruthful", first_id, 1, "eligible", "excluded", UNTRUE),
        ("precheck_overridden", second_id, 1, "excluded", "needs_review", VERIFIED),
    ]
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None and (record.state, record.level) == ("submitted", "unit")

    # The history names both in words.
    await second.send("/history 1")
    shown = [line.split(" · ", 1)[1] for line in second.last.text.splitlines()[1:]]
    assert shown[-2:] == HISTORY[locale]

    # 李明's card is the one before the override: pressing on it is refused, and it is renewed.
    old = first.bot_messages[-2]
    assert old.text.splitlines()[-1] == MARKED_CARD[locale][-1]
    before = await snapshot(services)
    await first.press(PRECHECK[locale], old)
    assert first.last.text == (
        CHANGED if locale == "en" else "这条登记在显示后已有变动，请重新查看。"
    )
    assert old.text.splitlines()[-3:] == OVERRIDDEN_CARD[locale]
    assert await snapshot(services) == before


async def test_marking_again_keeps_an_earlier_override(
    services: Services, standin: StandInBot
) -> None:
    """An override made first stays on the record when the answers are marked untruthful."""
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en")
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    card = await queued_card(officer)
    await officer.press("⚖ Pre-check", card)
    await officer.press("Override the outcome", card)
    await officer.press("Not eligible", card)
    await officer.send("Second home not declared")
    assert card.text.splitlines()[-2:] == [
        "Computed outcome: eligible",
        "⚖ Overridden by 李明: not eligible — Second home not declared",
    ]
    await officer.press("⚖ Pre-check", card)
    await officer.press("Mark the answers untruthful", card)
    await officer.send(UNTRUE)
    assert card.text.splitlines()[-3:] == [
        f"⚠️ Answers marked untruthful by 李明: {UNTRUE}",
        "Computed outcome: excluded",
        "⚖ Overridden by 李明: not eligible — Second home not declared",
    ]
    precheck = await stored_precheck(services)
    assert precheck.override is not None
    assert (precheck.outcome, precheck.override.outcome) == ("excluded", "not_eligible")
    assert [event[0] for event in await precheck_events(services)] == [
        "precheck_overridden",
        "marked_untruthful",
    ]


async def press_data(standin: StandInBot, user: SimulatedUser, data: str) -> None:
    """A press with made-up callback data (clients can send any), on a message of its own."""
    await standin.application.bot.send_message(user.user_id, "…")
    message = user.last
    await standin.server.user_presses(user.chat, message, Button("?", callback_data=data))
    await standin.settle()


NOT_OFFICER = "Only union officers can do this."
RECORD_OUT = "This record belongs to a unit outside your responsibility."
WRONG_LEVEL = (
    "This record is waiting for the unit's union; you review for the supervising "
    "department's union."
)
PRESSES: Final = (
    (callbacks.PRECHECK, None),
    (callbacks.UNTRUTHFUL, None),
    (callbacks.OVERRIDE, None),
    (callbacks.OVERRIDE_TO, "eligible"),
)


@pytest.mark.parametrize(
    ("telegram_id", "refusal"),
    [
        (WORKER, NOT_OFFICER),  # the worker whose record it is
        (OTHER_UNIT_OFFICER, RECORD_OUT),  # a unit officer of the neighbouring unit
        (DEPARTMENT_OFFICER, WRONG_LEVEL),  # in scope, but the record waits at the unit
    ],
    ids=["worker", "other unit", "department"],
)
async def test_those_who_may_not_decide_are_refused_and_nothing_changes(
    services: Services, standin: StandInBot, telegram_id: int, refusal: str
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en")
    user = standin.user(telegram_id, "某人", "en")
    await user.send("/help")
    before = await snapshot(services)
    for action, argument in PRESSES:
        mark = user.mark
        await press_data(standin, user, callbacks.data(action, 1, 1, argument))
        assert user.texts_after(mark)[-1] == refusal, action
    assert await snapshot(services) == before
    async with services.sessions() as session:
        waits = await session.scalar(select(User.awaiting).where(User.telegram_id == telegram_id))
        assert waits is None  # no reason is awaited: what they type next is no reason


async def test_a_reason_typed_on_a_card_changed_meanwhile_is_refused(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en")
    first = standin.user(UNIT_OFFICER, "李明", "en")
    second = await invite_officer(services, standin, NEW_OFFICER, "en")
    mine, theirs = await queued_card(first), await queued_card(second)

    # 孙红 is asked for the reason of an override; meanwhile 李明 marks the answers untruthful.
    await second.press("⚖ Pre-check", theirs)
    await second.press("Override the outcome", theirs)
    await second.press("Not eligible", theirs)
    await first.press("⚖ Pre-check", mine)
    await first.press("Mark the answers untruthful", mine)
    await first.send(UNTRUE)
    before = await snapshot(services)
    await second.send("Income verified with the employer")
    assert second.last.text == CHANGED
    assert await snapshot(services) == before
    assert "override" not in await stored_precheck(services)
    # 孙红's card shows the record as it is now, and the wait for her reason is over.
    assert theirs.text.splitlines()[-1] == f"⚠️ Answers marked untruthful by 李明: {UNTRUE}"
    await second.send("Income verified with the employer")
    assert await snapshot(services) == before


async def test_cancel_and_a_reason_too_long_change_nothing(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "zh-hans"), "zh_CN")
    officer = standin.user(UNIT_OFFICER, "李明", "zh-hans")
    card = await queued_card(officer)
    before = await snapshot(services)
    for steps in ([MARK["zh_CN"]], [OVERRIDE["zh_CN"], OUTCOME_BUTTONS["zh_CN"][3]]):
        await officer.press(PRECHECK["zh_CN"], card)
        for step in steps:
            await officer.press(step, card)
        await officer.send("/cancel")
        assert officer.last.text == "已停止：登记 1 的预审结果未作更改。"
        assert card.button_labels == CARD_BUTTONS["zh_CN"]
        assert await snapshot(services) == before

    # The chosen outcome waits in the database: a new process reads the reason it asked for.
    await officer.press(PRECHECK["zh_CN"], card)
    await officer.press(OVERRIDE["zh_CN"], card)
    await officer.press(OUTCOME_BUTTONS["zh_CN"][3], card)
    await officer.send("x" * 501)
    assert officer.last.text == (
        "原因过长：最多500个字。\n请重新输入，或在登记卡片上点“◀ 返回登记”。"
    )
    assert await snapshot(services) == before
    async with StandInBot(services, server=standin.server) as restarted:
        officer.settle = restarted.settle
        await officer.send("名下另有商铺")
    assert card.text.splitlines()[-2:] == [
        "预审计算结论：符合资助条件",
        "⚖ 李明已将预审结论改为：属排除情形，不予资助 — 名下另有商铺",
    ]
    overridden = (await stored_precheck(services)).override
    assert overridden is not None and overridden.outcome == "excluded"
