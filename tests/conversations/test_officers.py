"""Officers through the stand-in: invited, they review the queue, approve, return (the worker
corrects and resubmits) and reject; a record climbs three levels and gets an amount; every
worker hears of each decision in their own language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from storage.models import AuditEvent, Invitation, Registration, User
from storage.repositories import invitations, units
from tests.auxil.scenario import (
    DEPARTMENT_OFFICER,
    PROVINCE_OFFICER,
    UNIT_OFFICER,
    WORKER,
    seed,
)
from tests.conversations.registration import PHONE_LANGUAGE, RESIDENT_ID, fill_jilin

LOCALES = ["zh_CN", "en"]
NEW_OFFICER = 30001
JOINERS = (10011, 10012)
OTHER_IDS = ("220102198804120020", "220102198609230048")
UNIT = "国库处工会小组"

SUBMIT = {"zh_CN": ("📨 提交", "✅ 确认提交"), "en": ("📨 Submit", "✅ Confirm and submit")}
CARD_BUTTONS = {
    "zh_CN": [
        ["✅ 通过", "↩️ 退回修改", "❌ 不予通过"],
        ["⚖ 预审"],
        ["🕘 处理记录", "📎 证明材料", "🔓 完整号码"],
    ],
    "en": [
        ["✅ Approve", "↩️ Return", "❌ Reject"],
        ["⚖ Pre-check"],
        ["🕘 History", "📎 Documents", "🔓 Full numbers"],
    ],
}
AFTER_BUTTONS = {
    "zh_CN": [["🕘 处理记录", "📎 证明材料", "🔓 完整号码"]],
    "en": [["🕘 History", "📎 Documents", "🔓 Full numbers"]],
}
NEXT = {"zh_CN": "⏭ 下一条", "en": "⏭ Next"}
BACK = {"zh_CN": "◀ 返回登记", "en": "◀ Back to the record"}
DONE = {"zh_CN": "✔️ 完成", "en": "✔️ Done"}
LEVELS = {
    "zh_CN": ("单位工会", "主管厅局工会", "省直工会"),
    "en": ("the unit's union", "the supervising department's union", "the provincial union"),
}
BOUND = {
    "zh_CN": "您已成为{unit}的基层单位工会干部。"
    "发送 /queue 查看待您审核的登记，发送 /help 查看全部功能。",
    "en": "You are now registered as union officer of the unit for {unit}. Send /queue to see "
    "the records waiting for you, /help for everything else.",
}


def waiting(locale: str, level: int, count: int) -> str:
    """The queue's first message."""
    name = LEVELS[locale][level]
    if locale == "en":
        return f"📥 Waiting for your review ({name}): {count}"
    return f"📥 待您审核（{name}）：{count} 份"


def card_head(locale: str, record_id: int, level: int) -> list[str]:
    """The first two lines of a card waiting at ``level``."""
    name = LEVELS[locale][level]
    if locale == "en":
        return [f"📋 Record {record_id} · {UNIT}", f"Waiting for review by {name}."]
    return [f"📋 登记 {record_id} · {UNIT}", f"等待{name}审核。"]


async def invite_officer(
    services: Services,
    standin: StandInBot,
    telegram_id: int,
    locale: str,
    *,
    role: str = "unit_officer",
    unit_code: str = "treasury",
) -> SimulatedUser:
    """An officer bound by a one-time invitation, as ``songnuan invite officer`` makes it."""
    async with services.sessions() as session, session.begin():
        unit = await units.by_code(session, unit_code)
        assert unit is not None
        invitation = invitations.create(
            session,
            role=role,
            unit_id=unit.id,
            expires_at=services.clock.now() + dt.timedelta(days=7),
            max_uses=1,
            created_by_user_id=None,
        )
        code = invitation.code
    officer = standin.user(telegram_id, "孙红", PHONE_LANGUAGE[locale])
    await officer.send(f"/start {code}")
    return officer


async def submit(
    worker: SimulatedUser, locale: str, resident_id: str = RESIDENT_ID, **answers: str
) -> None:
    """The whole Jilin form, the pre-check, and the confirmed submission."""
    await fill_jilin(worker, locale, resident_id=resident_id, **answers)
    await worker.press(SUBMIT[locale][0])
    await worker.press(SUBMIT[locale][1])


async def join_link(officer: SimulatedUser) -> str:
    """A join link made with /invite, as its deep-link code."""
    await officer.send("/invite")
    link = officer.last.text.splitlines()[1]
    assert link.startswith("https://t.me/songnuan_bot?start=")
    return link.rsplit("=", 1)[1]


async def states(services: Services) -> dict[int, tuple[str, str | None]]:
    """Each record's state and level."""
    async with services.sessions() as session:
        rows = await session.execute(
            select(Registration.id, Registration.state, Registration.level)
        )
        return {row.id: (row.state, row.level) for row in rows}


@pytest.mark.parametrize("locale", LOCALES)
async def test_an_invited_officer_approves_returns_and_rejects(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    officer = await invite_officer(services, standin, NEW_OFFICER, locale)
    assert officer.last.text == BOUND[locale].format(unit=UNIT)
    # The officer's chat got its own menu with the officers' commands.
    menu = standin.server.menu_of(NEW_OFFICER)
    assert menu[-6:] == ["queue", "history", "invite", "stats", "export", "enter"]
    # Workers keep the workers' menu.
    assert "queue" not in standin.server.menu_of(WORKER)

    # Two more workers join the unit through the officer's link; three records come in.
    code = await join_link(officer)
    workers = [standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale])]
    for telegram_id in JOINERS:
        joiner = standin.user(telegram_id, "王芳", PHONE_LANGUAGE[locale])
        await joiner.send(f"/start {code}")
        workers.append(joiner)
    for worker, resident_id in zip(workers, (RESIDENT_ID, *OTHER_IDS), strict=True):
        await submit(worker, locale, resident_id)

    await officer.send("/queue")
    assert officer.texts[-2] == waiting(locale, 0, 3)
    card = officer.last
    assert card.text.splitlines()[:2] == card_head(locale, 1, 0)
    assert card.button_labels == [*CARD_BUTTONS[locale], [NEXT[locale]]]

    # Approve: the card changes in place, the worker is told.
    await officer.press(CARD_BUTTONS[locale][0][0])
    assert officer.last is card and card.edits == 1
    assert card.text.splitlines()[1] == (
        "Waiting for review by the supervising department's union."
        if locale == "en"
        else "等待主管厅局工会审核。"
    )
    assert card.text.splitlines()[-1] == (
        "✅ Approved; passed on to the supervising department's union."
        if locale == "en"
        else "✅ 已审核通过，报送主管厅局工会。"
    )
    assert card.button_labels == [*AFTER_BUTTONS[locale], [NEXT[locale]]]
    assert workers[0].last.text == (
        "Good news: the unit's union approved your registration and passed it on to the "
        "supervising department's union."
        if locale == "en"
        else "好消息：单位工会已审核通过您的登记，并报送主管厅局工会。"
    )

    # Next: record 2, returned for its phone number and work unit, with a typed reason.
    await officer.press(NEXT[locale], card)
    second = officer.last
    assert second.text.splitlines()[:2] == card_head(locale, 2, 0)
    await officer.press(CARD_BUTTONS[locale][0][1], second)
    listed = second.text.splitlines()
    assert listed[:4] == [
        "Return record 2: press the numbers of the answers to correct, then Done."
        if locale == "en"
        else "退回登记 2：请按需要修改的项目编号，然后按“完成”。",
        *(
            ["1. Name of the worker", "2. Resident ID number", "3. Work unit"]
            if locale == "en"
            else ["1. 困难职工姓名", "2. 身份证号码", "3. 所在单位"]
        ),
    ]
    assert len(listed) == 1 + 28
    numbers = [str(number) for number in range(1, 29)]
    assert second.button_labels == [
        *(numbers[start : start + 6] for start in range(0, 28, 6)),
        [BACK[locale]],
        [NEXT[locale]],
    ]
    await officer.press("5", second)
    await officer.press("3", second)
    assert second.text.splitlines()[3:6] == (
        ["✅ 3. Work unit", "4. Position", "✅ 5. Phone number"]
        if locale == "en"
        else ["✅ 3. 所在单位", "4. 职务", "✅ 5. 联系电话"]
    )
    assert second.button_labels[0] == ["1", "2", "✅ 3", "4", "✅ 5", "6"]
    await officer.press(DONE[locale], second)
    assert second.text == (
        "Why is record 2 returned? Please type the reason; the worker will read it."
        if locale == "en"
        else "登记 2 为什么退回？请输入原因，职工会看到。"
    )
    assert second.button_labels == [[BACK[locale]], [NEXT[locale]]]
    reason = "电话号码无法接通，请核对。"
    await officer.send(reason)
    assert second.text.splitlines()[-1] == (
        "↩️ Returned for correction." if locale == "en" else "↩️ 已退回修改。"
    )
    assert officer.last.text == (
        "Record 2: ↩️ Returned for correction." if locale == "en" else "登记 2：↩️ 已退回修改。"
    )
    assert officer.last.button_labels == [[NEXT[locale]]]
    assert workers[1].last.text == (
        f"Your registration was returned for correction by the unit's union. Reason: {reason}\n"
        "Please correct: Work unit, Phone number\n"
        "Send /register to make the corrections and submit again."
        if locale == "en"
        else f"单位工会退回了您的登记，请修改。原因：{reason}\n"
        "需修改：所在单位、联系电话\n"
        "请发送 /register 进行修改并重新提交。"
    )
    assert (await states(services))[2] == ("returned", "unit")
    # The reason stays where the worker looks, also if the notice was missed.
    await workers[1].send("/status")
    assert workers[1].last.text.splitlines()[-1] == (
        f"Returned for correction: {reason}" if locale == "en" else f"退回修改的原因：{reason}"
    )

    # The worker corrects only the flagged answers and resubmits.
    await workers[1].send("/register")
    asked = workers[1].last.text.splitlines()
    assert asked[0] == (
        f"Returned for correction: {reason}" if locale == "en" else f"退回修改的原因：{reason}"
    )
    assert asked[1:3] == (
        ["Question 1 of 2", "Work unit"] if locale == "en" else ["第 1 题，共 2 题", "所在单位"]
    )
    await workers[1].press(workers[1].last.button_labels[0][0])  # keeps the work unit
    asked = workers[1].texts[-2].splitlines()  # the last one offers to share the phone's number
    assert asked[:2] == (
        ["Question 2 of 2", "Phone number"] if locale == "en" else ["第 2 题，共 2 题", "联系电话"]
    )
    await workers[1].send("139 0431 9999")
    await workers[1].press(SUBMIT[locale][0])
    await workers[1].press(SUBMIT[locale][1])
    assert (await states(services))[2] == ("resubmitted", "unit")

    # It is back in the same queue, marked as a resubmission with what changed.
    await officer.send("/queue")
    assert officer.texts[-2] == waiting(locale, 0, 2)
    again = officer.last
    assert again.text.splitlines()[:3] == [
        *card_head(locale, 2, 0),
        "🔁 Corrected and resubmitted. Changed: Phone number"
        if locale == "en"
        else "🔁 已修改并重新提交。修改了：联系电话",
    ]
    await officer.press(CARD_BUTTONS[locale][0][0], again)
    assert again.text.splitlines()[-1] == (
        "✅ Approved; passed on to the supervising department's union."
        if locale == "en"
        else "✅ 已审核通过，报送主管厅局工会。"
    )

    # Record 3 is rejected with a reason.
    await officer.press(NEXT[locale], again)
    third = officer.last
    assert third.text.splitlines()[:2] == card_head(locale, 3, 0)
    assert third.button_labels == CARD_BUTTONS[locale]  # the last one waiting: no "Next"
    await officer.press(CARD_BUTTONS[locale][0][2], third)
    assert third.text == (
        "Why is record 3 rejected? Please type the reason; the worker will read it."
        if locale == "en"
        else "登记 3 为什么不予通过？请输入原因，职工会看到。"
    )
    await officer.send("家庭人均收入超过标准。")
    assert third.text.splitlines()[-1] == ("❌ Rejected." if locale == "en" else "❌ 未通过。")
    assert workers[2].last.text == (
        "We are sorry: the unit's union did not accept your registration. "
        "Reason: 家庭人均收入超过标准。\n"
        "If you have questions about it, please talk to your unit's union officer."
        if locale == "en"
        else "很抱歉，单位工会未通过您的登记。原因：家庭人均收入超过标准。\n"
        "如有疑问，请与本单位工会联系。"
    )
    assert await states(services) == {
        1: ("approved", "department"),
        2: ("approved", "department"),
        3: ("rejected", "unit"),
    }
    await workers[2].send("/status")
    assert workers[2].last.text.splitlines()[-3:] == (
        [
            "Your registration was not accepted.",
            "Reason: 家庭人均收入超过标准。",
            "If you have questions about it, please talk to your unit's union officer.",
        ]
        if locale == "en"
        else [
            "您的登记未获通过。",
            "原因：家庭人均收入超过标准。",
            "如有疑问，请与本单位工会联系。",
        ]
    )
    await officer.send("/queue")
    assert officer.last.text == (
        "📭 Nothing is waiting for your review (the unit's union)."
        if locale == "en"
        else "📭 目前没有待您审核的登记（单位工会）。"
    )


async def approve_first(officer: SimulatedUser, locale: str) -> None:
    """/queue, then Approve on the oldest card."""
    await officer.send("/queue")
    await officer.press(CARD_BUTTONS[locale][0][0], officer.last)


@pytest.mark.parametrize("locale", LOCALES)
async def test_a_record_goes_through_three_levels_and_gets_an_amount(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    language = PHONE_LANGUAGE[locale]
    worker = standin.user(WORKER, "张丽", language)
    await submit(worker, locale)
    await approve_first(standin.user(UNIT_OFFICER, "李明", language), locale)

    department = standin.user(DEPARTMENT_OFFICER, "周涛", language)
    await department.send("/queue")
    assert department.texts[-2] == waiting(locale, 1, 1)
    card = department.last
    assert card.text.splitlines()[:2] == card_head(locale, 1, 1)
    # Full numbers are for the person's own unit and the province: no such button here.
    assert card.button_labels == [*CARD_BUTTONS[locale][:2], AFTER_BUTTONS[locale][0][:2]]
    await department.press(CARD_BUTTONS[locale][0][0], card)
    assert card.text.splitlines()[-1] == (
        "✅ Approved; passed on to the provincial union."
        if locale == "en"
        else "✅ 已审核通过，报送省直工会。"
    )

    province = standin.user(PROVINCE_OFFICER, "吴刚", language)
    await province.send("/queue")
    card = province.last
    assert card.text.splitlines()[:2] == card_head(locale, 1, 2)
    await province.press(CARD_BUTTONS[locale][0][0], card)
    assert card.text == (
        "Record 1: please type the aid amount in yuan, for example 1000."
        if locale == "en"
        else "登记 1：请输入帮扶金额（元），例如 1000。"
    )
    assert card.button_labels == [[BACK[locale]]]  # the Jilin policy has no standard amounts
    again = (
        "Please type it again, or press “◀ Back to the record” on the card."
        if locale == "en"
        else "请重新输入，或在登记卡片上点“◀ 返回登记”。"
    )
    await province.send("0")
    assert province.last.text == "\n".join(
        [
            "The aid amount must be more than zero." if locale == "en" else "帮扶金额必须大于零。",
            again,
        ]
    )
    await province.send("800.005")
    assert province.last.text.splitlines()[1] == again
    assert (await states(services))[1] == ("approved", "province")
    await province.send("¥800")
    money = "CN¥800.00" if locale == "en" else "¥800.00"
    outcome = (
        f"✅ Approved; aid granted: {money}."
        if locale == "en"
        else f"✅ 已审核通过，帮扶金额：{money}。"
    )
    assert card.text.splitlines()[-2:] == [
        f"Aid amount: {money}" if locale == "en" else f"帮扶金额：{money}",
        outcome,
    ]
    assert province.last.text == (
        f"Record 1: {outcome}" if locale == "en" else f"登记 1：{outcome}"
    )

    assert worker.texts[-3:] == (
        [
            "Good news: the unit's union approved your registration and passed it on to the "
            "supervising department's union.",
            "Good news: the supervising department's union approved your registration and "
            "passed it on to the provincial union.",
            f"Your registration was approved. Aid granted: {money}.",
        ]
        if locale == "en"
        else [
            "好消息：单位工会已审核通过您的登记，并报送主管厅局工会。",
            "好消息：主管厅局工会已审核通过您的登记，并报送省直工会。",
            f"您的登记已审核通过。帮扶金额：{money}。",
        ]
    )
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None
        assert (record.state, record.level, record.aid_amount) == (
            "aid_granted",
            "province",
            Decimal("800.00"),
        )


async def test_standard_amounts_are_buttons(
    services: Services, standin: StandInBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A policy with standard amounts offers them; one press grants the aid."""
    monkeypatch.setattr(
        "bot.handlers.decisions.aid_amounts",
        lambda campaign: (Decimal("500"), Decimal("800"), Decimal("1000"), Decimal("1500")),
    )
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await submit(worker, "en")
    for telegram_id in (UNIT_OFFICER, DEPARTMENT_OFFICER):
        await approve_first(standin.user(telegram_id, "李明", "en"), "en")
    province = standin.user(PROVINCE_OFFICER, "吴刚", "en")
    await approve_first(province, "en")
    assert province.last.button_labels == [
        ["CN¥500.00", "CN¥800.00", "CN¥1,000.00"],
        ["CN¥1,500.00"],
        ["◀ Back to the record"],
    ]
    await province.press("CN¥1,000.00")
    assert province.last.text.splitlines()[-1] == "✅ Approved; aid granted: CN¥1,000.00."
    assert worker.last.text == "Your registration was approved. Aid granted: CN¥1,000.00."


async def test_two_officers_approving_at_once_one_wins(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en")
    first = standin.user(UNIT_OFFICER, "李明", "en")
    second = await invite_officer(services, standin, NEW_OFFICER, "en")
    cards = []
    for officer in (first, second):
        await officer.send("/queue")
        cards.append(officer.last)

    # Both press Approve before the bot handles either press.
    for officer, card in zip((first, second), cards, strict=True):
        button = next(b for b in card.buttons if b.text == "✅ Approve")
        await standin.server.user_presses(officer.chat, card, button)
    await standin.settle()

    outcomes = [card.text.splitlines()[-1] for card in cards]
    won = outcomes.index("✅ Approved; passed on to the supervising department's union.")
    winner, loser = (first, second) if won == 0 else (second, first)
    name = "李明" if winner is first else "孙红"
    assert loser.last.text == (
        f"This record was already decided by {name}: it is now approved by the level below, "
        "waiting for review."
    )
    # The loser's card shows the record as it is now, without decision buttons.
    stale = cards[1 - won]
    assert stale.text.splitlines()[1] == (
        "Waiting for review by the supervising department's union."
    )
    assert stale.button_labels == [["🕘 History", "📎 Documents", "🔓 Full numbers"]]
    async with services.sessions() as session:
        kinds = (await session.scalars(select(AuditEvent.kind))).all()
        assert kinds.count("approved") == 1
    assert (await states(services))[1] == ("approved", "department")


async def test_history_on_the_card_and_by_number(services: Services, standin: StandInBot) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await submit(worker, "en")
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/queue")
    card = officer.last
    await officer.press("↩️ Return", card)
    await officer.press("5", card)
    await officer.press("✔️ Done", card)
    await officer.send("The number 13904311234 does not answer")
    await worker.send("/register")
    await worker.send("139 0431 9999")
    await worker.press("📨 Submit")
    await worker.press("✅ Confirm and submit")

    await officer.press("🕘 History", card)
    lines = card.text.splitlines()
    assert lines[0] == "History of record 1:"
    # Each line starts with the moment; what follows is exact.
    assert [line.split(" · ", 1)[1] for line in lines[1:]] == [
        "张丽 · consent to the processing of personal data given",
        "张丽 · submitted · draft → submitted, waiting for review · the unit's union",
        "李明 · returned for correction · submitted, waiting for review → returned for "
        "correction · the unit's union · answers: Phone number · reason: The number "
        "1390***1234 does not answer",
        "张丽 · corrected and resubmitted · returned for correction → corrected and "
        "resubmitted, waiting for review · the unit's union · changed: Phone number",
    ]
    assert card.button_labels == [["◀ Back to the record"]]
    await officer.press("◀ Back to the record", card)
    assert card.text.splitlines()[2] == "🔁 Corrected and resubmitted. Changed: Phone number"

    # The same by number, for the officer and for the worker whose record it is.
    for person in (officer, worker):
        await person.send("/history 1")
        assert person.last.text == card_text_before(lines)
    await officer.send("/history")
    assert officer.last.text == "Send /history and the record number, for example: /history 12"
    await officer.send("/history 99")
    assert officer.last.text == "There is no record 99."


def card_text_before(lines: list[str]) -> str:
    """The history as it was shown on the card."""
    return "\n".join(lines)


async def test_full_numbers_and_documents_are_shown_and_audited(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await submit(worker, "en")
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/queue")
    card = officer.last
    assert "2. Resident ID number: 2201**********0023" in card.text.splitlines()
    await officer.press("🔓 Full numbers", card)
    shown = card.text.splitlines()
    assert "2. Resident ID number: 220102198503150023" in shown
    assert "17. ICBC bank card number: 6222024200123456784" in shown
    assert card.button_labels == [
        ["✅ Approve", "↩️ Return", "❌ Reject"],
        ["⚖ Pre-check"],
        ["🕘 History", "📎 Documents"],
    ]

    mark = officer.mark
    await officer.press("📎 Documents", card)
    sent = [message for message in officer.bot_messages if message.message_id > mark]
    assert [message.text for message in sent] == [
        "Record 1 · Resident ID card and ICBC card (copied on one page)",
        "Record 1 · Minimum living allowance certificate",
        "Record 1 · Hospital diagnosis of the serious illness (1–2 pages)",
    ]
    assert [message.photo is not None for message in sent] == [True, True, False]
    assert sent[2].document is not None and sent[2].document["file_name"] == "诊断.pdf"
    contents = [
        standin.server.files[(m.photo or m.document or {})["file_id"]].content for m in sent
    ]
    assert contents == [
        b"\xff\xd8 id card and bank card",
        b"\xff\xd8 minimum living certificate",
        b"%PDF-1.4 diagnosis",
    ]
    async with services.sessions() as session:
        viewed = (
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.kind.in_(("sensitive_viewed", "documents_viewed")))
                .order_by(AuditEvent.id)
            )
        ).all()
        assert [(e.kind, e.actor_user_id, e.registration_id) for e in viewed] == [
            ("sensitive_viewed", 4, 1),
            ("documents_viewed", 4, 1),
        ]
        assert viewed[1].details == {"documents": 3}


async def test_documents_whose_file_ids_telegram_no_longer_knows_come_from_the_kept_copies(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en")
    # A new bot token (or a fresh stand-in) knows none of the file ids the record holds.
    standin.server.files.clear()
    # One copy is gone too: that document is reported, not silently left out.
    for kept in (services.settings.data_dir / "documents" / "1").glob("doc_minimum_living-*"):
        kept.unlink()
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/queue")
    mark = officer.mark
    await officer.press("📎 Documents", officer.last)
    sent = [message for message in officer.bot_messages if message.message_id > mark]
    assert [message.text for message in sent] == [
        "Record 1 · Resident ID card and ICBC card (copied on one page)",
        "“Minimum living allowance certificate” could not be fetched from Telegram, and no copy "
        "of it is kept here. Please ask the worker to send it again.",
        "Record 1 · Hospital diagnosis of the serious illness (1–2 pages)",
    ]
    contents = [
        standin.server.files[(m.photo or m.document or {})["file_id"]].content
        for m in (sent[0], sent[2])
    ]
    assert contents == [b"\xff\xd8 id card and bank card", b"%PDF-1.4 diagnosis"]
    assert sent[2].document is not None
    assert sent[2].document["file_name"] == "诊断.pdf"


ANYWAY = {
    "en": (
        "The pre-check of record 1 says: excluded. Approve it all the same?",
        [["✅ Approve all the same"], ["◀ Back to the record"]],
    ),
    "zh_CN": (
        "登记 1 的预审结论为：属排除情形，不予资助。仍要审核通过吗？",
        [["✅ 仍然通过"], ["◀ 返回登记"]],
    ),
}


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
async def test_approving_against_the_precheck_asks_first(
    services: Services, standin: StandInBot, locale: str
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", PHONE_LANGUAGE[locale]), locale, owns_shop="yes")
    officer = standin.user(UNIT_OFFICER, "李明", PHONE_LANGUAGE[locale])
    await officer.send("/queue")
    card = officer.last
    await officer.press(CARD_BUTTONS[locale][0][0], card)
    question, buttons = ANYWAY[locale]
    assert card.text == question
    assert card.button_labels == buttons
    assert (await states(services))[1] == ("submitted", "unit")
    await officer.press(buttons[1][0], card)  # back: nothing decided
    assert card.button_labels[0] == CARD_BUTTONS[locale][0]
    await officer.press(CARD_BUTTONS[locale][0][0], card)
    await officer.press(buttons[0][0], card)
    # Not without a reason: it is asked for, and kept in the history.
    assert card.text == (
        "Why is record 1 approved although the pre-check says: excluded? Please type the reason; "
        "it is kept in the record's history."
        if locale == "en"
        else "登记 1 的预审结论为：属排除情形，不予资助，为什么仍然通过？"
        "请输入原因，将记入处理记录。"
    )
    assert (await states(services))[1] == ("submitted", "unit")
    await officer.send("店铺已于去年注销")
    assert (await states(services))[1] == ("approved", "department")
    await officer.send("/history 1")
    assert officer.last.text.splitlines()[-1].split(" · ", 2)[2] == (
        "approved · submitted, waiting for review → approved by the level below, waiting for "
        "review · the supervising department's union · against the pre-check: excluded · "
        "reason: 店铺已于去年注销"
        if locale == "en"
        else "审核通过 · 已提交，等待审核 → 下级已审核通过，等待审核 · 主管厅局工会 · "
        "不顾预审结论：属排除情形，不予资助 · 原因：店铺已于去年注销"
    )


async def test_a_typed_reason_survives_a_restart_and_cancel_decides_nothing(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "zh-hans"), "zh_CN")
    officer = standin.user(UNIT_OFFICER, "李明", "zh-hans")
    await officer.send("/queue")
    card = officer.last
    await officer.press("❌ 不予通过", card)
    await officer.send("/cancel")
    assert officer.last.text == "已停止：登记 1 未作任何决定。"
    assert card.button_labels == CARD_BUTTONS["zh_CN"]
    async with services.sessions() as session:
        user = await session.scalar(select(User).where(User.telegram_id == UNIT_OFFICER))
        assert user is not None and user.awaiting is None
    await officer.press("❌ 不予通过", card)

    # A new process, with nothing in memory, reads the reason the old one asked for.
    async with StandInBot(services, server=standin.server) as restarted:
        officer.settle = restarted.settle
        await officer.send("不符合条件。")
    assert card.text.splitlines()[-1] == "❌ 未通过。"
    assert (await states(services))[1] == ("rejected", "unit")


async def test_a_reason_that_is_too_long_is_asked_again(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en")
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/queue")
    await officer.press("❌ Reject", officer.last)
    await officer.send("x" * 501)
    assert officer.last.text == (
        "The reason is too long: at most 500 characters.\n"
        "Please type it again, or press “◀ Back to the record” on the card."
    )
    assert (await states(services))[1] == ("submitted", "unit")
    await officer.send("Not eligible.")
    assert (await states(services))[1] == ("rejected", "unit")


async def test_join_links_many_uses_withdrawn_and_expired(
    services: Services, standin: StandInBot, clock: ManualClock
) -> None:
    await seed(services)
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    code = await join_link(officer)
    assert officer.last.text == "\n".join(
        [
            "🔗 Join link for the workers of 国库处工会小组, valid until Dec 27, 10:00 for any "
            "number of workers:",
            f"https://t.me/songnuan_bot?start={code}",
            "Whoever opens it joins 国库处工会小组 as a worker: send it only to your unit's "
            f"members. To withdraw it: /invite revoke {code}",
        ]
    )
    assert officer.last.button_labels == [["🚫 Withdraw this link"]]
    for telegram_id in JOINERS:
        joiner = standin.user(telegram_id, "王芳", "en")
        await joiner.send(f"/start {code}")
        assert joiner.last.text == (
            "Welcome! You have joined 国库处工会小组. Send /register to start your registration."
        )
    link_message = officer.last
    await officer.press("🚫 Withdraw this link", link_message)
    assert officer.last.text == (
        "The join link for 国库处工会小组 is withdrawn: it no longer lets anyone join."
    )
    assert link_message.button_labels == []
    late = standin.user(10013, "刘洋", "en")
    await late.send(f"/start {code}")
    assert late.last.text == (
        "This invitation link was withdrawn. Please ask your union officer for a new one."
    )

    second = await join_link(officer)
    await officer.send(f"/invite revoke {second}")
    assert officer.last.text.startswith("The join link for 国库处工会小组 is withdrawn")
    await officer.send(f"/invite revoke {second}")
    assert officer.last.text == "This join link was withdrawn already."
    await officer.send("/invite revoke nothing")
    assert officer.last.text == "There is no invitation link with this code."

    third = await join_link(officer)
    clock.advance(dt.timedelta(days=7))
    await late.send(f"/start {third}")
    assert late.last.text == (
        "This invitation link has expired. Please ask your union officer for a new one."
    )
    async with services.sessions() as session:
        joined = (await session.scalars(select(User).where(User.telegram_id.in_(JOINERS)))).all()
        assert [(user.role, user.unit_id) for user in joined] == [("worker", 4), ("worker", 4)]
        stranger = await session.scalar(select(User).where(User.telegram_id == 10013))
        assert stranger is not None and stranger.unit_id is None
        links = (await session.scalars(select(Invitation).order_by(Invitation.id))).all()
        assert [(link.uses, link.revoked_at is not None) for link in links] == [
            (2, True),
            (0, True),
            (0, False),
        ]
        kinds = (await session.scalars(select(AuditEvent.kind))).all()
        assert kinds.count("invitation_created") == 3
        assert kinds.count("invitation_revoked") == 2


async def test_officers_above_a_unit_name_the_unit(services: Services, standin: StandInBot) -> None:
    await seed(services)
    department = standin.user(DEPARTMENT_OFFICER, "周涛", "en")
    await department.send("/invite")
    assert department.last.text == "\n".join(
        [
            "Workers join a unit. Send /invite and the code of one of these units:",
            "treasury · 国库处工会小组",
            "budget · 预算处工会小组",
        ]
    )
    await department.send("/invite budget")
    assert department.last.text.startswith("🔗 Join link for the workers of 预算处工会小组")
    await department.send("/invite finance")
    assert department.last.text == "省财政厅工会 is not a unit that workers join."
    await department.send("/invite nowhere")
    assert department.last.text == "There is no unit with the code nowhere."

    # An officer's one-time invitation is withdrawn only from the command line.
    async with services.sessions() as session, session.begin():
        unit = await units.by_code(session, "budget")
        assert unit is not None
        officer_link = invitations.create(
            session,
            role="unit_officer",
            unit_id=unit.id,
            expires_at=services.clock.now() + dt.timedelta(days=7),
            max_uses=1,
            created_by_user_id=None,
        )
        code = officer_link.code
    await department.send(f"/invite revoke {code}")
    assert department.last.text == (
        "This is an officer's invitation; it can be withdrawn only with the command line."
    )


async def test_a_worker_who_blocked_the_bot_does_not_undo_the_decision(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await submit(worker, "en")
    worker.block_bot()
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await approve_first(officer, "en")
    assert officer.last.text.splitlines()[-1] == (
        "✅ Approved; passed on to the supervising department's union."
    )
    assert (await states(services))[1] == ("approved", "department")
    async with services.sessions() as session:
        user = await session.scalar(select(User).where(User.telegram_id == WORKER))
        assert user is not None and user.blocked_at is not None


async def test_the_id_copy_is_withheld_from_officers_not_entitled_to_full_numbers(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await submit(worker, "en")
    await approve_first(standin.user(UNIT_OFFICER, "李明", "en"), "en")
    department = standin.user(DEPARTMENT_OFFICER, "周涛", "en")
    await department.send("/queue")
    card = department.last
    mark = department.mark
    await department.press("📎 Documents", card)
    sent = [message for message in department.bot_messages if message.message_id > mark]
    assert [message.text for message in sent] == [
        "The copy of the ID and bank card shows the full numbers, so it is shown only to the "
        "union officers of the worker's own unit and of the provincial union.",
        "Record 1 · Minimum living allowance certificate",
        "Record 1 · Hospital diagnosis of the serious illness (1–2 pages)",
    ]
