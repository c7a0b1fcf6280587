"""A scope's numbers, counted from the records the officer may see."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.usecases.deciding import apply_decision
from flows.access import Level, Reason, Refused
from flows.review import Approve, ScopeStats, State
from storage.models import Campaign, Registration
from storage.repositories import stats
from tests.storage.review_world import DURING_REVIEW, IDS, VAULT, World, build, draft, submitted


async def _stats(world: World, name: str) -> ScopeStats:
    async with world.sessions() as session:
        campaign = await session.get(Campaign, world.campaign_id)
        assert campaign is not None
        return await stats.for_scope(session, VAULT, await world.actor(session, name), campaign)


async def test_numbers_by_state_level_and_hardship_within_scope(engine: AsyncEngine) -> None:
    world = await build(engine, levels=["unit"])
    granted = await submitted(world, "worker", IDS[0])
    await submitted(world, "budget_worker", IDS[1])
    await submitted(world, "roads_worker", IDS[2])
    async with world.sessions() as session, session.begin():
        await draft(session, world, "worker2", IDS[3])
        registration = await session.get(Registration, granted)
        assert registration is not None
        officer = await world.actor(session, "treasurer")
        await apply_decision(
            session, VAULT, registration, Approve(Decimal("800")), officer, DURING_REVIEW
        )

    unit = await _stats(world, "treasurer")
    assert unit.by_state == {State.DRAFT: 1, State.AID_GRANTED: 1}
    assert unit.by_hardship == {"low_income": 1, "serious_illness": 1}
    assert unit.granted_total == Decimal("800.00")

    department = await _stats(world, "financier")
    assert department.total == 3
    assert department.waiting_by_level == {Level.UNIT: 1}
    assert department.by_hardship["low_income"] == 2

    province = await _stats(world, "governor")
    assert province.total == 4

    with pytest.raises(Refused) as refused:
        await _stats(world, "worker")
    assert refused.value.reason is Reason.NOT_AN_OFFICER
