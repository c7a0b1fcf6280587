"""The aid amount: an unusual amount is confirmed in figures and in words before it is granted;
a granted amount is corrected, or the aid withdrawn, by the provincial union with a reason, and
the worker is told."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from storage.models import AuditEvent, Registration
from tests.auxil.scenario import DEPARTMENT_OFFICER, PROVINCE_OFFICER, UNIT_OFFICER, WORKER, seed
from tests.conversations.registration import PHONE_LANGUAGE
from tests.conversations.test_officers import approve_first, states, submit

CONFIRM = {
    "zh_CN": [
        "⚠️ 登记 1：¥99,999,999.00超过¥3,000.00，高于通常的帮扶金额。",
        "大写：玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整",
        "金额无误吗？请按确认，或重新输入金额。",
    ],
    "en": [
        "⚠️ Record 1: CN¥99,999,999.00 is more than CN¥3,000.00, more than aid usually is.",
        "In words: ninety-nine million, nine hundred and ninety-nine thousand, nine hundred and "
        "ninety-nine yuan",
        "Is this the amount you mean? Confirm it, or type the amount again.",
    ],
}
YES = {"zh_CN": "✅ 确认：¥99,999,999.00", "en": "✅ Yes, CN¥99,999,999.00"}
BACK = {"zh_CN": "◀ 返回登记", "en": "◀ Back to the record"}
AMEND = {
    "zh_CN": ["✏️ 更正金额", "🚫 撤销帮扶"],
    "en": ["✏️ Correct the amount", "🚫 Withdraw the aid"],
}


async def at_the_province(
    services: Services, standin: StandInBot, locale: str
) -> tuple[SimulatedUser, SimulatedUser]:
    """A record approved by the unit and the department; the provincial officer presses
    Approve and is asked for the amount."""
    await seed(services)
    language = PHONE_LANGUAGE[locale]
    worker = standin.user(WORKER, "张丽", language)
    await submit(worker, locale)
    for telegram_id, name in ((UNIT_OFFICER, "李明"), (DEPARTMENT_OFFICER, "周涛")):
        await approve_first(standin.user(telegram_id, name, language), locale)
    await approve_first(standin.user(PROVINCE_OFFICER, "吴刚", language), locale)
    return worker, standin.user(PROVINCE_OFFICER, "吴刚", language)


async def amount_of(services: Services) -> Decimal | None:
    async with services.sessions() as session:
        record = await session.get(Registration, 1)
        assert record is not None
        return record.aid_amount


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_an_unusual_amount_is_repeated_in_words_before_it_is_granted(
    services: Services, standin: StandInBot, locale: str
) -> None:
    worker, province = await at_the_province(services, standin, locale)
    await province.send("99999999")
    assert province.last.text.splitlines() == CONFIRM[locale]
    assert province.last.button_labels == [[YES[locale]], [BACK[locale]]]
    # Nothing is granted until the press, and the worker has heard nothing.
    assert (await states(services))[1] == ("approved", "province")
    assert "99,999,999" not in worker.last.text

    # Typing the meant amount instead grants it at once: it is within the usual.
    await province.send("800")
    assert (await states(services))[1] == ("aid_granted", "province")
    assert await amount_of(services) == Decimal("800.00")


async def test_a_confirmed_unusual_amount_is_granted(
    services: Services, standin: StandInBot
) -> None:
    worker, province = await at_the_province(services, standin, "en")
    await province.send("¥5,000")
    confirmation = province.last
    assert confirmation.text.splitlines()[1] == "In words: five thousand yuan"
    await province.press("✅ Yes, CN¥5,000.00", confirmation)
    assert confirmation.text.splitlines()[-1] == "✅ Approved; aid granted: CN¥5,000.00."
    assert worker.last.text == "Your registration was approved. Aid granted: CN¥5,000.00."
    async with services.sessions() as session:
        granted = await session.scalar(select(AuditEvent).where(AuditEvent.kind == "aid_granted"))
        assert granted is not None and granted.details["amount"] == "5000.00"


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_a_granted_amount_is_corrected_with_a_reason_and_the_worker_told(
    services: Services, standin: StandInBot, locale: str
) -> None:
    worker, province = await at_the_province(services, standin, locale)
    card = province.last
    await province.send("2000")
    # The correction is at hand on the card, right after the grant.
    assert card.button_labels[0] == AMEND[locale]
    await province.press(AMEND[locale][0], card)
    assert card.text == (
        "Record 1 was granted CN¥2,000.00. Please type the correct amount in yuan."
        if locale == "en"
        else "登记 1 的帮扶金额为¥2,000.00。请输入更正后的金额（元）。"
    )
    await province.send("20000")  # a slip again: confirmed first
    assert province.last.text.splitlines()[1] == (
        "In words: twenty thousand yuan" if locale == "en" else "大写：贰万元整"
    )
    await province.send("1200")
    assert province.last.text == (
        "Why is the aid of record 1 changed from CN¥2,000.00 to CN¥1,200.00? Please type the "
        "reason; the worker will read it."
        if locale == "en"
        else "登记 1 的帮扶金额为什么由¥2,000.00改为¥1,200.00？请输入原因，职工会看到。"
    )
    assert await amount_of(services) == Decimal("2000.00")
    await province.send("按标准核定")
    money = "CN¥1,200.00" if locale == "en" else "¥1,200.00"
    assert worker.last.text == (
        f"The aid amount of your registration was changed to {money}. Reason: 按标准核定"
        if locale == "en"
        else f"您的帮扶金额已调整为{money}。原因：按标准核定"
    )
    assert await amount_of(services) == Decimal("1200.00")
    await province.send("/history 1")
    assert province.last.text.splitlines()[-1].split(" · ", 1)[1] == (
        f"吴刚 · aid amount changed · the provincial union · amount {money} · was CN¥2,000.00 · "
        "reason: 按标准核定"
        if locale == "en"
        else f"吴刚 · 调整帮扶金额 · 省直工会 · 金额 {money} · 原为¥2,000.00 · 原因：按标准核定"
    )


async def test_a_grant_is_withdrawn_with_a_reason(services: Services, standin: StandInBot) -> None:
    worker, province = await at_the_province(services, standin, "en")
    await province.send("800")
    # Reached later from the record's history.
    await province.send("/history 1")
    await province.press(BACK["en"], province.last)
    card = province.last
    await province.press("🚫 Withdraw the aid", card)
    assert card.text == (
        "Why is the aid of record 1 (CN¥800.00) withdrawn? The record will be rejected. "
        "Please type the reason; the worker will read it."
    )
    await province.send("已由党组织救助")
    assert card.text.splitlines()[-1] == "🚫 Aid withdrawn; the record is now rejected."
    assert worker.last.text == (
        "The aid granted to your registration was withdrawn by the provincial union. "
        "Reason: 已由党组织救助\n"
        "If you have questions about it, please talk to your unit's union officer."
    )
    assert (await states(services))[1] == ("rejected", "province")
    assert await amount_of(services) is None
    await worker.send("/status")
    assert "Reason: 已由党组织救助" in worker.last.text


async def test_only_the_provincial_union_corrects_a_grant(
    services: Services, standin: StandInBot
) -> None:
    _, province = await at_the_province(services, standin, "en")
    await province.send("800")
    department = standin.user(DEPARTMENT_OFFICER, "周涛", "en")
    await department.send("/history 1")
    await department.press(BACK["en"], department.last)
    assert ["✏️ Correct the amount", "🚫 Withdraw the aid"] not in department.last.button_labels


async def test_approving_against_the_precheck_at_the_last_level_asks_why_then_the_amount(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    await submit(standin.user(WORKER, "张丽", "en"), "en", owns_shop="yes")
    people = ((UNIT_OFFICER, "李明"), (DEPARTMENT_OFFICER, "周涛"), (PROVINCE_OFFICER, "吴刚"))
    for telegram_id, name in people:
        officer = standin.user(telegram_id, name, "en")
        await approve_first(officer, "en")
        await officer.press("✅ Approve all the same", officer.last)
        await officer.send(f"{name}: the shop was closed last year")
    assert officer.last.text == "Record 1: please type the aid amount in yuan, for example 1000."
    await officer.send("800")
    assert (await states(services))[1] == ("aid_granted", "province")
    async with services.sessions() as session:
        events = (
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.kind.in_(("approved", "aid_granted")))
                .order_by(AuditEvent.id)
            )
        ).all()
    assert [(e.kind, e.reason, e.details.get("against_precheck")) for e in events] == [
        ("approved", "李明: the shop was closed last year", "excluded"),
        ("approved", "周涛: the shop was closed last year", "excluded"),
        ("aid_granted", "吴刚: the shop was closed last year", "excluded"),
    ]
