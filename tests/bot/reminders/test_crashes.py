"""A sending process killed mid-run, simulated: its work abandoned where it stood, never cleaned up.

A "crashed" run is a task left hanging: its rate limiter holds the messages beyond the window
and its Bot API never answers the ones in flight. Nothing of it runs again (no ``finally``), as
after ``kill -9``, until the test lets it go on to show that a process that lost its turn sends
nothing more. A second run on fresh services (another process) takes over after the lease.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import Services
from bot.reminders import FloodLimiter, resume_broadcasts, run_due_reminders, send_broadcast
from bot.settings import Settings
from bot.standin import StandInRequest
from flows.reminders.scope import Scope
from storage.database import session_factory
from storage.leases import TTL, LeaseBusy
from storage.repositories import broadcasts, reminders
from tests.bot.reminders.world import World, bot_on, build_world
from tests.flows.reminders.times import at

SETTLE = 30.0  # seconds to wait for the simulated process to reach its crash point (a bound only)


class FrozenTime:
    """A rate limiter's clock and sleep: time stands still, so the window stays full, until
    :meth:`thaw`; then each sleep moves time on by what it asked."""

    def __init__(self, frozen: bool = True) -> None:
        self.now = 0.0
        self.thawed = asyncio.Event()
        if not frozen:
            self.thawed.set()
        self.waiting = 0
        self.changed = asyncio.Event()

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        if self.thawed.is_set():
            self.now += seconds
            return
        self.waiting += 1
        self.changed.set()
        await self.thawed.wait()

    def thaw(self) -> None:
        self.now += 10.0
        self.thawed.set()

    async def until_waiting(self, count: int) -> None:
        async def wait() -> None:
            while self.waiting < count:
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), SETTLE)


def limiter(time: FrozenTime) -> FloodLimiter:
    return FloodLimiter(overall=30, per_chat=1, window=1.0, clock=time.clock, sleep=time.sleep)


class Hanging(StandInRequest):
    """The network of a process: the messages to ``hang`` reach Telegram only once
    :attr:`released` is set (never, when the process dies meanwhile)."""

    def __init__(self, world: World, hang: set[int]) -> None:
        super().__init__(world.server)
        self.hang = hang
        self.hanging: list[int] = []
        self.sends = 0
        self.arrived = asyncio.Event()
        self.released = asyncio.Event()

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        data = args[0] if args else kwargs.get("request_data")
        chat = data.parameters.get("chat_id") if data is not None else None
        self.sends += url.endswith("sendMessage")
        if url.endswith("sendMessage") and chat is not None and int(str(chat)) in self.hang:
            self.hanging.append(int(str(chat)))
            self.arrived.set()
            await self.released.wait()
        return await super().do_request(url, method, *args, **kwargs)


def sent(world: World, prefix: str = "w") -> int:
    """How many messages the bot sent to the people whose names start with ``prefix``."""
    return sum(len(world.texts_to(name)) for name in world.chats if name.startswith(prefix))


def another_process(world: World, engine: AsyncEngine) -> Services:
    """Fresh services on the same database: another process, with a lease holder of its own."""
    old = world.services
    return Services(
        settings=old.settings,
        sessions=session_factory(engine),
        vault=old.vault,
        clock=world.clock,
    )


async def abandon(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with pytest.raises(BaseException):  # noqa: B017 - cancelled, or its group's error
        await task


WORKERS = 58


@pytest.fixture
async def drafts(engine: AsyncEngine, settings: Settings) -> World:
    """58 workers with drafts untouched since early December: the 7-day reminder is due for all."""
    world = await build_world(engine, settings, at(12, 21, 16))
    for n in range(WORKERS):
        name = f"w{n:02d}"
        await world.person(name, "worker", "u1", locale="en" if n % 2 else "zh_CN")
        await world.registration(name, touched=at(12, 3))
    return world


async def test_reminders_waiting_for_the_limiter_at_a_crash_go_out_once_after_a_restart(
    drafts: World, engine: AsyncEngine
) -> None:
    world = drafts
    time = FrozenTime()
    first = asyncio.create_task(
        run_due_reminders(world.services, await bot_on(world.server, limiter(time)))
    )
    await time.until_waiting(WORKERS - 30)  # 30 went; 28 wait their turn when the process dies
    assert sent(world) == 30
    async with world.session() as session:
        rows = await reminders.deliveries(session, world.campaign_id)
    # Nothing waiting its turn was claimed (the last sent may not be marked yet: still sending).
    assert len(rows) == 30 and {row.status for row in rows} <= {"sent", "sending"}

    restarted = another_process(world, engine)
    with pytest.raises(LeaseBusy):  # the dead process's turn has not run out yet
        await run_due_reminders(restarted, await bot_on(world.server, limiter(FrozenTime(False))))
    world.clock.advance(TTL)
    after = await bot_on(world.server, limiter(FrozenTime(False)))
    report = await run_due_reminders(restarted, after)
    assert (report.sent, report.skipped) == (28, 0)
    assert [len(world.texts_to(name)) for name in world.chats] == [1] * WORKERS  # everyone once
    assert world.texts_to("w57") == [
        "⏰ Your registration for 2020年元旦春节送温暖 is not finished yet.\n"
        "Questions still to answer: 25.\n"
        "The registration closes on Dec 28, 16:00 (6 days left)."
    ]
    # The first process was only stalled: let it go on. It lost its turn and sends nothing.
    time.thaw()
    stalled = await asyncio.wait_for(first, SETTLE)
    assert (stalled.sent, stalled.skipped) == (30, 28)
    assert sent(world) == WORKERS
    again = await run_due_reminders(restarted, await bot_on(world.server))
    assert (again.sent, sent(world)) == (0, WORKERS)


@pytest.fixture
async def sixty(engine: AsyncEngine, settings: Settings) -> World:
    world = await build_world(engine, settings, at(12, 20, 10))
    await world.person("boss", "province_officer", "prov", locale="en")
    for n in range(60):
        await world.person(f"w{n:02d}", "worker", "u1", locale="zh_CN")
    return world


async def queue(world: World, text: str) -> int:
    scope = Scope.parse("unit:u1", "workers")
    async with world.session() as session, session.begin():
        to = await broadcasts.recipients(session, scope)
        broadcast = await broadcasts.create(
            session,
            scope=scope,
            text=text,
            created_by_user_id=world.people["boss"],
            to=to,
            now=world.clock.now(),
        )
        return broadcast.id


async def test_a_broadcast_killed_mid_way_reaches_everyone_once_and_reports_right(
    sixty: World, engine: AsyncEngine
) -> None:
    world = sixty
    broadcast_id = await queue(world, "周五发放慰问金")
    in_flight, blocked = world.chats["w05"], world.chats["w10"]
    world.server.chats[blocked].blocked_bot = True
    time, network = FrozenTime(), Hanging(world, hang={in_flight})
    first = asyncio.create_task(
        send_broadcast(
            world.services, await bot_on(world.server, limiter(time), network), broadcast_id
        )
    )
    # One second in: 28 delivered, one blocked, one in flight, 29 waiting their turn; dead.
    await time.until_waiting(29)
    assert network.hanging == [in_flight]
    async with world.session() as session:
        counts = await broadcasts.counts(session, broadcast_id)
    assert counts == {"sent": 28, "blocked": 1, "sending": 1, "pending": 30}

    restarted = another_process(world, engine)
    world.clock.advance(TTL)
    await resume_broadcasts(restarted, await bot_on(world.server, limiter(FrozenTime(False))))
    async with world.session() as session:
        counts = await broadcasts.counts(session, broadcast_id)
        assert [b.id for b in await broadcasts.unfinished(session)] == [broadcast_id]
    assert counts == {"sent": 58, "blocked": 1, "sending": 1}  # the one in flight: not yet
    assert world.texts_to("boss") == []  # not finished: no report yet

    world.clock.advance(broadcasts.CLAIM_LEASE)
    await resume_broadcasts(restarted, await bot_on(world.server, limiter(FrozenTime(False))))
    for name, chat in world.chats.items():
        if name.startswith("w"):
            got = world.texts_to(name)
            assert got == ([] if chat == blocked else ["📢 工会通知：\n\n周五发放慰问金"]), name
    assert world.texts_to("boss") == [
        "Your broadcast is out. Delivered: 59. Not delivered: 1 (they have blocked the bot or "
        "could not be reached)."
    ]
    async with world.session() as session:
        assert await broadcasts.counts(session, broadcast_id) == {"sent": 59, "blocked": 1}
        assert await broadcasts.unfinished(session) == []
    await abandon(first)  # dead: its one request in flight never returns


async def test_two_processes_never_send_one_broadcast_at_once(
    sixty: World, engine: AsyncEngine
) -> None:
    world = sixty
    broadcast_id = await queue(world, "开会")
    first_chat = world.chats["w00"]
    network = Hanging(world, hang={first_chat})
    bot = await bot_on(world.server, request=network)
    first = asyncio.create_task(send_broadcast(world.services, bot, broadcast_id, concurrency=1))
    await asyncio.wait_for(network.arrived.wait(), SETTLE)  # the bot is sending
    cli = another_process(world, engine)
    other = Hanging(world, hang=set())
    with pytest.raises(LeaseBusy) as busy:
        await send_broadcast(cli, await bot_on(world.server, request=other), broadcast_id)
    assert busy.value.holding is not None
    assert busy.value.holding.expires_at == world.clock.now() + TTL
    network.released.set()
    report = await asyncio.wait_for(first, SETTLE)
    assert report.sent == 60 and other.sends == 0
    workers = [name for name in world.chats if name.startswith("w")]
    assert [len(world.texts_to(name)) for name in workers] == [1] * len(workers)
    assert len(world.texts_to("boss")) == 1  # the report
    bot = await bot_on(world.server, request=other)
    assert (await send_broadcast(cli, bot, broadcast_id)).sent == 0
    assert other.sends == 0
