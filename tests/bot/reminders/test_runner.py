"""Reminders with a controllable clock: each at its moment, once, through restarts and blocks."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import Services
from bot.reminders import Outcome, run_due_reminders
from bot.settings import Settings
from storage.database import session_factory
from storage.models import ReminderDelivery, User
from storage.repositories import reminders
from storage.repositories.reminders import DeliveryKey
from tests.bot.reminders.world import World, bot_on, build_world
from tests.flows.reminders.times import PAPER, at


class Sleeps:
    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
async def world(engine: AsyncEngine, settings: Settings) -> World:
    world = await build_world(engine, settings, at(12, 21, 15, 59))
    await world.person("zhang", "worker", "u1", locale="zh_CN")
    await world.person("li", "worker", "u2", locale="en")
    await world.registration("zhang", answers={"name": "张丽"}, touched=at(12, 3))
    await world.registration("li", touched=at(12, 4))
    return world


async def run(world: World, now: dt.datetime, **kwargs: object) -> list[str]:
    """One run at ``now`` on a new bot; the kinds sent, in order."""
    world.clock.set(now)
    report = await run_due_reminders(world.services, await bot_on(world.server), **kwargs)  # type: ignore[arg-type]
    return sorted(kind for _, kind, outcome in report.outcomes if outcome is Outcome.SENT)


async def test_each_reminder_fires_at_its_moment_once(world: World) -> None:
    assert await run(world, at(12, 21, 15, 59)) == []
    assert await run(world, at(12, 21, 16)) == ["draft", "draft"]
    assert await run(world, at(12, 21, 16, 1)) == []
    assert await run(world, at(12, 24)) == []
    assert await run(world, at(12, 25, 16)) == ["draft", "draft"]
    zhang, li = world.texts_to("zhang"), world.texts_to("li")
    assert len(zhang) == 2 and len(li) == 2
    assert "还有24个问题未回答" in zhang[0] and "还剩7天" in zhang[0]
    assert "登记将于12月28日 16:00截止（还剩3天）" in zhang[1]
    assert "Questions still to answer: 25." in li[0]
    assert "closes on Dec 28, 16:00 (3 days left)" in li[1]
    reminder = world.server.chats[world.chats["zhang"]].messages[0]
    assert reminder.buttons[0].callback_data == "r:resume"


async def test_a_restart_between_two_reminders_sends_neither_twice(
    world: World, engine: AsyncEngine
) -> None:
    assert await run(world, at(12, 21, 16)) == ["draft", "draft"]
    # A new process: fresh services and connections on the same database, a new bot.
    world.services = Services(
        settings=world.services.settings,
        sessions=session_factory(engine),
        vault=world.services.vault,
        clock=world.clock,
    )
    assert await run(world, at(12, 21, 16, 5)) == []
    assert await run(world, at(12, 25, 16)) == ["draft", "draft"]
    assert len(world.texts_to("zhang")) == 2 and len(world.texts_to("li")) == 2


async def test_a_reminder_claimed_before_a_crash_is_sent_again_once_its_claim_ran_out(
    world: World,
) -> None:
    claimed = at(12, 21, 16)
    async with world.session() as session, session.begin():
        key = DeliveryKey(world.campaign_id, world.people["zhang"], "draft", claimed)
        assert await reminders.claim(session, key, claimed)
    assert await run(world, claimed + reminders.CLAIM_LEASE / 2) == ["draft"]
    assert world.texts_to("zhang") == []  # maybe on its way still: not yet
    assert await run(world, claimed + reminders.CLAIM_LEASE) == ["draft"]
    assert await run(world, claimed + 2 * reminders.CLAIM_LEASE) == []
    (text,) = world.texts_to("zhang")
    assert "还有24个问题未回答" in text
    async with world.session() as session:
        (delivery,) = await reminders.deliveries(session, world.campaign_id, world.people["zhang"])
    reminder = world.server.chats[world.chats["zhang"]].messages[-1]
    assert (delivery.status, delivery.message_id) == ("sent", reminder.message_id)


async def test_a_missed_reminder_is_sent_at_start_while_it_helps(world: World) -> None:
    assert await run(world, at(12, 24, 12)) == ["draft", "draft"]
    (text,) = world.texts_to("li")
    assert "(4 days left)" in text
    async with world.session() as session:
        due_at = await session.scalar(select(ReminderDelivery.due_at).limit(1))
    assert due_at == at(12, 21, 16)


async def test_a_missed_reminder_is_dropped_after_its_deadline(world: World) -> None:
    assert await run(world, at(12, 28, 16)) == []
    assert await run(world, at(12, 29)) == []
    assert world.texts_to("zhang") == world.texts_to("li") == []


async def test_muted_people_get_none_until_they_unmute(world: World) -> None:
    async with world.session() as session, session.begin():
        user = await session.get(User, world.people["zhang"])
        assert user is not None
        await reminders.set_muted(session, user, True)
    assert await run(world, at(12, 21, 16)) == ["draft"]
    assert world.texts_to("zhang") == []
    async with world.session() as session, session.begin():
        user = await session.get(User, world.people["zhang"])
        assert user is not None
        await reminders.set_muted(session, user, False)
    assert await run(world, at(12, 25, 16)) == ["draft", "draft"]
    assert len(world.texts_to("zhang")) == 1


async def test_someone_who_blocked_the_bot_is_marked_and_skipped_from_then_on(
    world: World,
) -> None:
    zhang = world.server.chats[world.chats["zhang"]]
    zhang.blocked_bot = True
    world.clock.set(at(12, 21, 16))
    report = await run_due_reminders(world.services, await bot_on(world.server))
    assert (report.sent, report.blocked) == (1, 1)
    async with world.session() as session:
        user = await session.get(User, world.people["zhang"])
        assert user is not None and user.blocked_at == at(12, 21, 16)
        statuses = {
            d.user_id: d.status for d in await reminders.deliveries(session, world.campaign_id)
        }
    assert statuses[world.people["zhang"]] == "blocked"
    assert await run(world, at(12, 25, 16)) == ["draft"]
    assert zhang.refused == 1  # never tried again


async def test_a_429_is_waited_out_and_the_reminder_sent_once(world: World) -> None:
    world.server.chats[world.chats["li"]].throttle(1, retry_after=2)
    sleeps = Sleeps()
    assert await run(world, at(12, 21, 16), sleep=sleeps) == ["draft", "draft"]
    assert sleeps.seconds == [2.0]
    assert len(world.texts_to("li")) == 1


async def test_a_reminder_held_back_by_flood_limits_goes_out_on_the_next_run(
    world: World,
) -> None:
    world.server.chats[world.chats["li"]].throttle(4)
    sleeps = Sleeps()
    assert await run(world, at(12, 21, 16), sleep=sleeps) == ["draft"]
    assert await run(world, at(12, 21, 16, 1), sleep=sleeps) == ["draft"]
    assert len(world.texts_to("li")) == 1


async def test_extending_the_deadline_moves_the_reminders(world: World) -> None:
    assert await run(world, at(12, 21, 16)) == ["draft", "draft"]
    await world.move_deadlines(
        intake_closes=at(1, 4, 16, year=2020), review_closes=at(1, 8, 17, year=2020)
    )
    assert await run(world, at(12, 25, 16)) == []  # the old 3-day moment
    assert await run(world, at(12, 28, 16)) == ["draft", "draft"]  # the new 7-day one
    assert "closes on Jan 4, 16:00 (7 days left)" in world.texts_to("li")[-1]


async def test_someone_at_their_draft_since_the_moment_is_not_reminded(world: World) -> None:
    registration_id = await world.registration("zhang", touched=at(12, 21, 16, 30))
    assert await run(world, at(12, 21, 16, 31)) == ["draft"]
    assert world.texts_to("zhang") == []
    await world.touch(registration_id, at(12, 22))
    assert await run(world, at(12, 25, 16)) == ["draft", "draft"]


async def test_officers_get_the_digest_the_summary_and_the_milestone(world: World) -> None:
    await world.person("officer", "unit_officer", "u1", locale="en")
    await world.person("province", "province_officer", "prov", locale="zh_CN")
    await world.registration("li", state="submitted", level="unit", unit="u1", submitted=at(12, 5))
    # The first run sends yesterday's digest and summary: each helps until the next one.
    assert await run(world, at(12, 10, 8)) == ["officer_digest", "province_summary"]
    assert await run(world, at(12, 10, 9)) == ["officer_digest"]
    assert (
        "Records waiting for your review in 2020年元旦春节送温暖: 1."
        in world.texts_to("officer")[-1]
    )
    assert await run(world, at(12, 10, 18)) == ["province_summary"]
    assert "国库处 (u1)：已提交1，待审核1，已通过0" in world.texts_to("province")[-1]
    kinds = await run(world, at(12, 30, 12))
    assert kinds.count(f"milestone:{PAPER.key}") == 2  # both officers
    assert any(
        "纸质材料报送 on Dec 31, 12:00 (1 day left)" in text for text in world.texts_to("officer")
    )
