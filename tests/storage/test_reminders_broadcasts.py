"""Broadcasts: recipients by scope, one delivery row each, claimed before sending."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings
from flows.reminders.scope import Scope, ScopeError
from storage.models import BroadcastDelivery
from storage.repositories import broadcasts
from tests.bot.reminders.world import World, build_world
from tests.flows.reminders.times import at


@pytest.fixture
async def world(engine: AsyncEngine, settings: Settings) -> World:
    world = await build_world(engine, settings, at(12, 20))
    await world.person("w1", "worker", "u1")
    await world.person("w2", "worker", "u2")
    await world.person("w3", "worker", "u3")
    await world.person("muted", "worker", "u1", reminders_muted=True)
    await world.person("blocked", "worker", "u1", blocked_at=at(12, 5))
    await world.person("o1", "unit_officer", "u1")
    await world.person("od", "department_officer", "dept")
    return world


@pytest.mark.parametrize(
    ("scope", "audience", "expected"),
    [
        ("unit:u1", "workers", ["w1", "muted"]),
        ("department:dept", "workers", ["w1", "w2", "muted"]),
        ("all", "workers", ["w1", "w2", "w3", "muted"]),
        ("department:dept", "officers", ["o1", "od"]),
        ("unit:u3", "officers", []),
    ],
)
async def test_recipients_by_scope_leave_out_only_who_blocked_the_bot(
    world: World, scope: str, audience: str, expected: list[str]
) -> None:
    async with world.session() as session:
        found = await broadcasts.recipients(session, Scope.parse(scope, audience))
    assert sorted(r.user_id for r in found) == sorted(world.people[name] for name in expected)


@pytest.mark.parametrize(
    ("scope", "audience", "problem"),
    [
        ("unit", "workers", "expected unit:CODE"),
        ("all:x", "workers", "expected unit:CODE"),
        ("city:x", "workers", "expected unit:CODE"),
        ("unit:u1", "everyone", "expected workers or officers"),
    ],
)
def test_a_malformed_scope_is_refused(scope: str, audience: str, problem: str) -> None:
    with pytest.raises(ScopeError, match=problem):
        Scope.parse(scope, audience)


async def test_a_scope_naming_an_unknown_unit_is_refused(world: World) -> None:
    async with world.session() as session:
        with pytest.raises(ScopeError, match="no department with code 'u1'"):
            await broadcasts.recipients(session, Scope.parse("department:u1", "workers"))


async def test_deliveries_are_claimed_once_and_the_broadcast_finishes(world: World) -> None:
    scope = Scope.parse("unit:u1", "workers")
    async with world.session() as session, session.begin():
        to = await broadcasts.recipients(session, scope)
        broadcast = await broadcasts.create(
            session, scope=scope, text="hi", created_by_user_id=None, to=to, now=at(12, 20)
        )
        broadcast_id = broadcast.id
    w1, muted = world.people["w1"], world.people["muted"]
    now = at(12, 20, 0, 1)
    async with world.session() as session, session.begin():
        assert await broadcasts.claim(session, broadcast_id, w1, now)
        assert not await broadcasts.claim(session, broadcast_id, w1, now)
        await broadcasts.mark(session, broadcast_id, w1, broadcasts.SENT, now, message_id=77)
        assert [r.user_id for r in await broadcasts.pending(session, broadcast_id, now)] == [muted]
        assert [b.id for b in await broadcasts.unfinished(session)] == [broadcast_id]
        assert not await broadcasts.finish_if_done(session, broadcast, now)
    async with world.session() as session, session.begin():
        assert await broadcasts.claim(session, broadcast_id, muted, now)
        await broadcasts.release(session, broadcast_id, muted)  # never left: back to pending
        assert await broadcasts.counts(session, broadcast_id) == {"sent": 1, "pending": 1}
        assert await broadcasts.claim(session, broadcast_id, muted, now)
        await broadcasts.mark(session, broadcast_id, muted, broadcasts.BLOCKED, at(12, 20, 0, 2))
        again = await broadcasts.get(session, broadcast_id)
        assert again is not None
        assert await broadcasts.finish_if_done(session, again, at(12, 20, 0, 2))
    async with world.session() as session:
        assert await broadcasts.unfinished(session) == []
        assert broadcast.scope == scope
        assert scope.as_json() == {"kind": "unit", "code": "u1", "audience": "workers"}
        rows = await session.scalars(
            select(BroadcastDelivery.message_id).where(BroadcastDelivery.user_id == w1)
        )
        assert rows.all() == [77]


async def test_a_claim_left_sending_is_claimable_again_only_after_its_lease(world: World) -> None:
    scope = Scope.parse("unit:u1", "workers")
    async with world.session() as session, session.begin():
        to = await broadcasts.recipients(session, scope)
        broadcast = await broadcasts.create(
            session, scope=scope, text="hi", created_by_user_id=None, to=to, now=at(12, 20)
        )
        broadcast_id = broadcast.id
    w1, muted = world.people["w1"], world.people["muted"]
    claimed, expired = at(12, 20, 1), at(12, 20, 1) + broadcasts.CLAIM_LEASE
    async with world.session() as session, session.begin():
        for user_id in (w1, muted):
            assert await broadcasts.claim(session, broadcast_id, user_id, claimed)
    # The process died with both in flight: nothing to send, and not finished either.
    almost = expired - dt.timedelta(seconds=1)
    async with world.session() as session, session.begin():
        assert await broadcasts.pending(session, broadcast_id, almost) == []
        assert not await broadcasts.claim(session, broadcast_id, w1, almost)
        assert not await broadcasts.finish_if_done(session, broadcast, almost)
    async with world.session() as session, session.begin():
        found = await broadcasts.pending(session, broadcast_id, expired)
        assert [r.user_id for r in found] == [w1, muted]
        assert await broadcasts.claim(session, broadcast_id, w1, expired)
        assert not await broadcasts.claim(session, broadcast_id, w1, expired)
