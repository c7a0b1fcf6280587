"""The queue: what waits at an officer's level within their scope, oldest first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.usecases.deciding import apply_decision
from flows.review import Approve
from storage.models import Registration
from storage.repositories import review
from tests.storage.review_world import (
    DURING_INTAKE,
    DURING_REVIEW,
    IDS,
    REVIEW_CLOSES,
    VAULT,
    World,
    build,
)
from tests.storage.review_world import submitted as make_submitted


async def _queue(world: World, name: str, **kwargs: object) -> tuple[int, list[int]]:
    async with world.sessions() as session:
        officer = await world.actor(session, name)
        queue = await review.waiting(session, officer, limit=10, **kwargs)  # type: ignore[arg-type]
        return queue.count, [record.id for record in queue.records]


async def _approve(world: World, name: str, record_id: int) -> None:
    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        officer = await world.actor(session, name)
        await apply_decision(session, VAULT, registration, Approve(), officer, DURING_REVIEW)


async def test_each_officer_sees_their_level_and_scope_oldest_first(engine: AsyncEngine) -> None:
    world = await build(engine)
    hour = dt.timedelta(hours=1)
    late = await make_submitted(world, "worker", IDS[0], DURING_INTAKE + 2 * hour)
    early = await make_submitted(world, "worker2", IDS[1], DURING_INTAKE)
    budget = await make_submitted(world, "budget_worker", IDS[2], DURING_INTAKE + hour)
    await make_submitted(world, "roads_worker", IDS[3], DURING_INTAKE + hour)

    assert await _queue(world, "treasurer") == (2, [early, late])
    assert await _queue(world, "budgeteer") == (1, [budget])
    assert await _queue(world, "financier") == (0, [])
    assert await _queue(world, "governor") == (0, [])
    assert await _queue(world, "worker") == (0, [])

    await _approve(world, "treasurer", late)
    await _approve(world, "budgeteer", budget)

    assert await _queue(world, "treasurer") == (1, [early])
    assert await _queue(world, "financier") == (2, [budget, late])
    assert await _queue(world, "transporter") == (0, [])
    assert await _queue(world, "governor") == (0, [])  # roads still waits at its unit

    await _approve(world, "financier", late)
    assert await _queue(world, "governor") == (1, [late])
    assert await _queue(world, "financier") == (1, [budget])


async def test_paging_and_a_closed_review(engine: AsyncEngine) -> None:
    world = await build(engine)
    first = await make_submitted(world, "worker", IDS[0], DURING_INTAKE)
    second = await make_submitted(world, "worker2", IDS[1], DURING_INTAKE + dt.timedelta(1))

    async with world.sessions() as session:
        officer = await world.actor(session, "treasurer")
        page = await review.waiting(session, officer, offset=1, limit=1)
        assert (page.count, [record.id for record in page.records]) == (2, [second])
        assert (await review.waiting(session, officer, campaign_id=world.campaign_id)).count == 2
        open_now = await review.waiting(session, officer, now=DURING_REVIEW)
        assert [record.id for record in open_now.records] == [first]
        assert (await review.waiting(session, officer, now=REVIEW_CLOSES)).count == 0


async def test_an_officers_own_registration_is_not_in_their_queue(engine: AsyncEngine) -> None:
    world = await build(engine)
    own = await make_submitted(world, "treasurer", IDS[0])
    assert await _queue(world, "treasurer") == (0, [])
    assert await _queue(world, "treasurer2") == (1, [own])
