"""Named leases: one holder at a time across processes, taken over once expired."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import ManualClock
from storage import leases
from storage.database import session_factory, upgrade, writing
from storage.leases import Lease, LeaseBusy

START = dt.datetime(2019, 12, 21, 8, tzinfo=dt.UTC)


@pytest.fixture
async def engine_up(engine: AsyncEngine) -> AsyncEngine:
    await upgrade(engine)
    return engine


async def test_one_holder_until_it_expires_or_releases(engine_up: AsyncEngine) -> None:
    sessions = session_factory(engine_up)
    ttl = dt.timedelta(seconds=60)
    async with writing(sessions) as session:
        assert await leases.acquire(session, "send", "a", START, ttl)
        assert not await leases.acquire(session, "send", "b", START + ttl / 2, ttl)
        assert await leases.acquire(session, "send", "a", START + ttl / 2, ttl)  # renewed
        assert not await leases.acquire(session, "send", "b", START + ttl, ttl)
        assert await leases.holds(session, "send", "a", START + ttl)
        assert await leases.acquire(session, "send", "b", START + ttl * 3 / 2, ttl)  # expired
        assert not await leases.holds(session, "send", "a", START + ttl * 3 / 2)
        await leases.release(session, "send", "a")  # not a's any more: nothing happens
        assert await leases.holding(session, "send") == leases.Holding("b", START + ttl * 5 / 2)
        await leases.release(session, "send", "b")
        assert await leases.acquire(session, "send", "c", START, ttl)


async def test_two_processes_racing_for_a_lease_get_it_once(engine_up: AsyncEngine) -> None:
    async def attempt(holder: str) -> bool:
        async with writing(session_factory(engine_up)) as session:
            return await leases.acquire(session, "send", holder, START)

    for round_ in range(5):
        won = await asyncio.gather(*(attempt(f"{round_}-{n}") for n in range(4)))
        assert sorted(won) == [False, False, False, True]
        async with writing(session_factory(engine_up)) as session:
            found = await leases.holding(session, "send")
            assert found is not None
            await leases.release(session, "send", found.holder)


async def test_a_lease_held_around_work_is_shared_within_the_process(
    engine_up: AsyncEngine,
) -> None:
    clock = ManualClock(START)
    ours = Lease(session_factory(engine_up), "send", now=clock.now, holder="ours")
    theirs = Lease(session_factory(engine_up), "send", now=clock.now, holder="theirs")
    async with ours:
        async with ours:  # the job and a broadcast started in the chat, in one process
            with pytest.raises(LeaseBusy, match="held by ours"):
                await theirs.__aenter__()
        async with writing(ours.sessions) as session:
            assert await ours.still_held(session)
        clock.advance(leases.TTL)  # this process stalled past its turn; another took over
        async with theirs, writing(ours.sessions) as session:
            assert not await ours.still_held(session)
    async with theirs, writing(theirs.sessions) as session:  # released by both: free
        assert await theirs.still_held(session)
