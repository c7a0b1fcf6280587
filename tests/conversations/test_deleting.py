"""A worker deletes a draft through the review's transition; a submitted record stays."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import Services
from bot.standin.running import StandInBot
from storage.models import AuditEvent
from tests.auxil.scenario import WORKER, seed
from tests.conversations.registration import fill_jilin
from tests.conversations.test_officers import states, submit


async def _kinds(services: Services) -> list[str]:
    async with services.sessions() as session:
        return list(await session.scalars(select(AuditEvent.kind).order_by(AuditEvent.id)))


async def test_a_deleted_draft_is_kept_as_deleted_on_the_record(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await fill_jilin(worker, "en")
    await worker.press("🗑 Delete this draft")
    await worker.press("🗑 Yes, delete it")
    assert worker.last.text == "The draft was deleted. Send /register to start again."
    assert (await states(services))[1][0] == "deleted"
    assert (await _kinds(services))[-1] == "draft_deleted"


async def test_an_old_delete_button_does_not_delete_a_submitted_record(
    services: Services, standin: StandInBot
) -> None:
    await seed(services)
    worker = standin.user(WORKER, "张丽", "en")
    await submit(worker, "en")
    assert (await states(services))[1][0] == "submitted"
    await worker.press_data("r:delete")
    await worker.press_data("r:delok")
    assert worker.last.text.startswith(
        "Your registration is submitted, so it can no longer be changed here."
    )
    assert (await states(services))[1][0] == "submitted"
    assert "draft_deleted" not in await _kinds(services)
