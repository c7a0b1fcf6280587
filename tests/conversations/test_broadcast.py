"""/broadcast: a provincial officer's message, previewed, confirmed, sent to a scope."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.context import Services
from bot.standin import SimulatedUser
from bot.standin.running import StandInBot
from storage.models import AuditEvent, BroadcastDelivery
from tests.auxil.scenario import (
    FAR_WORKER,
    OTHER_WORKER,
    PROVINCE_OFFICER,
    UNIT_OFFICER,
    WORKER,
    seed,
)

MESSAGE = "登记将于12月28日16:00截止，请尽快完成草稿。"


async def received(user: SimulatedUser, text: str, seconds: float = 10) -> bool:
    """Whether ``text`` reaches the user within ``seconds`` (the sending runs beside the chat)."""
    for _ in range(int(seconds * 20)):
        if any(text in shown for shown in user.texts):
            return True
        await asyncio.sleep(0.05)
    return False


async def test_a_provincial_officer_broadcasts_to_a_department(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    workers = {
        telegram_id: standin.user(telegram_id, name, "zh-hans")
        for telegram_id, name in ((WORKER, "张丽"), (OTHER_WORKER, "王强"), (FAR_WORKER, "赵敏"))
    }
    officer = standin.user(PROVINCE_OFFICER, "吴刚", "en")
    await officer.send(f"/broadcast {MESSAGE}")
    assert officer.last.text == (
        f"This is how it will read:\n\n📢 A message from the union:\n\n{MESSAGE}\n\n—\n\nTo whom?"
    )
    assert officer.last.button_labels == [
        ["All workers", "All officers"],
        ["省财政厅工会: workers"],
        ["省交通厅工会: workers"],
        ["✖ Cancel"],
    ]
    await officer.press("省财政厅工会: workers")
    assert officer.last.text.endswith(
        "It will go to 2 people (the workers of 省财政厅工会). Send it now?"
    )
    await officer.press("📢 Send")
    assert officer.last.text.endswith(
        "Sending to 2 people, within Telegram's limits. It goes on after a restart."
    )
    # The workers' phones are set to Chinese: the header comes in Chinese.
    for telegram_id in (WORKER, OTHER_WORKER):
        assert await received(workers[telegram_id], MESSAGE)
    assert workers[WORKER].last.text.endswith(MESSAGE)
    assert not await received(workers[FAR_WORKER], MESSAGE, seconds=0.2)
    report = "Your broadcast is out. Delivered: 2. Not delivered: 0"
    assert await received(officer, report)
    async with services.sessions() as session:
        statuses = (await session.scalars(select(BroadcastDelivery.status))).all()
        assert sorted(statuses) == ["sent", "sent"]
        assert await session.scalar(
            select(AuditEvent.kind).where(AuditEvent.kind == "broadcast_created")
        )


async def test_only_the_province_may_broadcast(services: Services, standin: StandInBot) -> None:
    await seed(services)
    for telegram_id in (WORKER, UNIT_OFFICER):
        someone = standin.user(telegram_id, "李明", "en")
        await someone.send(f"/broadcast {MESSAGE}")
        assert someone.last.text == "Only an officer of the provincial union can send a broadcast."
    async with services.sessions() as session:
        assert (await session.scalars(select(BroadcastDelivery))).all() == []


async def test_cancel_sends_nothing(services: Services, standin: StandInBot) -> None:
    await seed(services)
    officer = standin.user(PROVINCE_OFFICER, "吴刚", "zh-hans")
    await officer.send("/broadcast")
    assert officer.last.text.startswith("请在 /broadcast 后面写上要群发的内容")
    await officer.send(f"/broadcast {MESSAGE}")
    await officer.press("全体职工")
    assert officer.last.text.endswith("将发给 3 人（所有单位的职工）。现在发送吗？")
    await officer.press("✖ 取消")
    assert officer.last.text == "已取消，没有发送任何消息。"
    async with services.sessions() as session:
        assert (await session.scalars(select(BroadcastDelivery))).all() == []
