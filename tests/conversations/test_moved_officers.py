"""An officer who moves to another unit: what they entered stays with its unit. Access is
decided by scope, never by authorship alone."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.context import Services
from bot.standin.running import StandInBot
from storage.models import AuditEvent, User
from tests.auxil.scenario import UNIT_OFFICER, seed
from tests.conversations.registration import LABELS, fill_jilin

OUT_OF_SCOPE = "This record belongs to a unit outside your responsibility."


async def test_an_officer_who_moved_no_longer_sees_what_they_entered(
    services: Services, standin: StandInBot
) -> None:
    scenario = await seed(services)
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await fill_jilin(officer, "en", on_behalf=True)
    await officer.press(LABELS["en"]["submit"])
    await officer.press(officer.last.buttons[0].text)
    await officer.send("/queue")
    card = officer.last
    assert card.text.startswith("📋 Record 1 · 国库处工会小组")

    # The officer moves to the budget office's union.
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(User)
            .where(User.telegram_id == UNIT_OFFICER)
            .values(unit_id=scenario.unit_ids["budget"])
        )

    await officer.send("/history 1")
    assert officer.last.text == OUT_OF_SCOPE
    mark = officer.mark
    for button in ("🔓 Full numbers", "📎 Documents", "🕘 History"):
        await officer.press(button, card)
        assert officer.last.text == OUT_OF_SCOPE
    sent = [message for message in officer.bot_messages if message.message_id > mark]
    assert all(message.photo is None and message.document is None for message in sent)
    assert "220102198503150023" not in card.text
    async with services.sessions() as session:
        viewed = await session.scalars(
            select(AuditEvent.kind).where(
                AuditEvent.kind.in_(("sensitive_viewed", "documents_viewed"))
            )
        )
        assert viewed.all() == []


async def test_a_draft_entered_for_a_worker_stays_with_its_unit(
    services: Services, standin: StandInBot
) -> None:
    scenario = await seed(services)
    officer = standin.user(UNIT_OFFICER, "李明", "en")
    await officer.send("/enter")
    await officer.send("张丽")
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(User)
            .where(User.telegram_id == UNIT_OFFICER)
            .values(unit_id=scenario.unit_ids["budget"])
        )
    await officer.send("/enter")
    # Not the treasury's draft: a registration for the budget office starts afresh.
    assert officer.last.text.splitlines()[1:3] == ["Question 1 of 25–30", "Name of the worker"]
