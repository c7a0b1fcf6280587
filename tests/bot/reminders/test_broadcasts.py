"""Broadcasts: to everyone in scope, in their language, resumed after a crash without repeats."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders import resume_broadcasts, send_broadcast
from bot.settings import Settings
from bot.standin import StandInRequest
from flows.reminders.scope import Scope
from storage.models import User
from storage.repositories import broadcasts
from tests.bot.reminders.world import World, bot_on, build_world
from tests.flows.reminders.times import at

WORKERS = [f"w{n}" for n in range(6)]


class Crash(BaseException):
    """The process dies mid-broadcast."""


class Crashing(StandInRequest):
    """Sends ``before_crash`` messages, then the process goes down."""

    def __init__(self, world: World, before_crash: int) -> None:
        super().__init__(world.server)
        self.before_crash = before_crash
        self.sent = 0

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("sendMessage"):
            if self.sent == self.before_crash:
                raise Crash
            self.sent += 1
        return await super().do_request(url, *args, **kwargs)


@pytest.fixture
async def world(engine: AsyncEngine, settings: Settings) -> World:
    world = await build_world(engine, settings, at(12, 20, 10))
    for index, name in enumerate(WORKERS):
        await world.person(name, "worker", "u1", locale="en" if index % 2 else "zh_CN")
    return world


async def queue(world: World, text: str = "明天上午九点开会") -> int:
    scope = Scope.parse("unit:u1", "workers")
    async with world.session() as session, session.begin():
        to = await broadcasts.recipients(session, scope)
        broadcast = await broadcasts.create(
            session, scope=scope, text=text, created_by_user_id=None, to=to, now=at(12, 20, 10)
        )
        return broadcast.id


async def test_a_broadcast_reaches_everyone_in_their_language_once(world: World) -> None:
    broadcast_id = await queue(world)
    world.server.chats[world.chats["w3"]].blocked_bot = True
    report = await send_broadcast(world.services, await bot_on(world.server), broadcast_id)
    assert (report.sent, report.blocked) == (5, 1)
    assert world.texts_to("w0") == ["📢 工会通知：\n\n明天上午九点开会"]
    assert world.texts_to("w1") == ["📢 A message from the union:\n\n明天上午九点开会"]
    async with world.session() as session:
        assert await broadcasts.counts(session, broadcast_id) == {"sent": 5, "blocked": 1}
        assert await broadcasts.unfinished(session) == []
        user = await session.get(User, world.people["w3"])
        assert user is not None and user.blocked_at is not None


async def test_an_interrupted_broadcast_resumes_and_retries_the_one_in_flight_later(
    world: World,
) -> None:
    broadcast_id = await queue(world)
    crashing = await bot_on(world.server, request=Crashing(world, before_crash=2))
    with pytest.raises(BaseExceptionGroup):
        await send_broadcast(world.services, crashing, broadcast_id, concurrency=1)
    assert sum(len(world.texts_to(name)) for name in WORKERS) == 2
    restarted = await bot_on(world.server)
    report = await resume_broadcasts(world.services, restarted)
    assert report.sent == 3  # the one in flight at the crash waits for its claim to run out
    async with world.session() as session:
        assert await broadcasts.counts(session, broadcast_id) == {"sent": 5, "sending": 1}
        assert [b.id for b in await broadcasts.unfinished(session)] == [broadcast_id]
    world.clock.advance(broadcasts.CLAIM_LEASE)
    report = await resume_broadcasts(world.services, restarted)
    assert report.sent == 1
    # Each once: the crash lost the one in flight before Telegram had it.
    assert [len(world.texts_to(name)) for name in WORKERS] == [1] * len(WORKERS)
    async with world.session() as session:
        assert await broadcasts.counts(session, broadcast_id) == {"sent": 6}
        assert await broadcasts.unfinished(session) == []


async def test_recipients_held_back_by_flood_limits_are_sent_on_the_next_run(world: World) -> None:
    broadcast_id = await queue(world)
    world.server.chats[world.chats["w2"]].throttle(10)

    async def no_wait(_seconds: float) -> None:
        return None

    bot = await bot_on(world.server)
    first = await send_broadcast(world.services, bot, broadcast_id, sleep=no_wait)
    assert (first.sent, first.later) == (5, 1)
    async with world.session() as session:
        assert [b.id for b in await broadcasts.unfinished(session)] == [broadcast_id]
    world.server.chats[world.chats["w2"]].throttle(0)
    second = await resume_broadcasts(world.services, bot, sleep=no_wait)
    assert second.sent == 1
    assert len(world.texts_to("w2")) == 1


async def test_the_officer_hears_once_when_the_broadcast_is_done(world: World) -> None:
    officer = await world.person("boss", "province_officer", "u1", locale="en")
    scope = Scope.parse("unit:u1", "workers")
    async with world.session() as session, session.begin():
        to = await broadcasts.recipients(session, scope)
        broadcast = await broadcasts.create(
            session, scope=scope, text="开会", created_by_user_id=officer, to=to, now=at(12, 20, 10)
        )
    world.server.chats[world.chats["w2"]].throttle(10)
    world.server.chats[world.chats["w3"]].blocked_bot = True

    async def no_wait(_seconds: float) -> None:
        return None

    bot = await bot_on(world.server)
    await send_broadcast(world.services, bot, broadcast.id, sleep=no_wait)
    assert world.texts_to("boss") == []  # one is still to send
    world.server.chats[world.chats["w2"]].throttle(0)
    for _ in range(2):  # after a restart, say; the second run finds it done already
        await resume_broadcasts(world.services, bot, sleep=no_wait)
    assert world.texts_to("boss") == [
        "Your broadcast is out. Delivered: 5. Not delivered: 1 (they have blocked the bot or "
        "could not be reached)."
    ]
