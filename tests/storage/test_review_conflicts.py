"""The same resident ID attempted from two units: listed for the province, then resolved."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.usecases.deciding import apply_decision
from flows.review import Approve
from storage.models import Registration
from storage.repositories import audit, conflicts, review
from storage.repositories.conflicts import ConflictError, Resolution
from tests.storage.review_world import (
    DURING_INTAKE,
    DURING_REVIEW,
    IDS,
    VAULT,
    World,
    build,
    submitted,
)


async def _attempt(world: World, unit: str, user: str, number: str) -> int | None:
    async with world.sessions() as session, session.begin():
        attempt = await conflicts.record_attempt(
            session,
            campaign_id=world.campaign_id,
            resident_id_hash=VAULT.blind_index(number),
            unit_id=world.units[unit],
            user_id=world.users[user],
            now=DURING_INTAKE,
        )
        return attempt.id if attempt else None


async def test_attempts_from_another_unit_are_listed_once_and_resolved(engine: AsyncEngine) -> None:
    world = await build(engine)
    holder = await submitted(world, "worker", IDS[0])

    assert await _attempt(world, "treasury", "treasurer", IDS[0]) is None  # same unit
    assert await _attempt(world, "budget", "budgeteer", IDS[1]) is None  # nobody holds it
    first = await _attempt(world, "budget", "budgeteer", IDS[0])
    assert first is not None
    assert await _attempt(world, "budget", "budget_worker", IDS[0]) == first
    second = await _attempt(world, "roads", "roads_worker", IDS[0])
    assert second is not None

    async with world.sessions() as session:
        listed = await conflicts.open_conflicts(session, world.campaign_id)
        assert [(c.attempt.id, c.holder.id if c.holder else None) for c in listed] == [
            (first, holder),
            (second, holder),
        ]

    async with world.sessions() as session, session.begin():
        with pytest.raises(ConflictError, match="reason"):
            await conflicts.resolve(
                session, first, Resolution.KEEP, reason=" ", actor_user_id=None, now=DURING_REVIEW
            )
        await conflicts.resolve(
            session,
            first,
            Resolution.MOVE,
            reason="changed employer in November",
            actor_user_id=world.users["governor"],
            now=DURING_REVIEW,
        )
        await conflicts.resolve(
            session,
            second,
            Resolution.KEEP,
            reason="works at treasury",
            actor_user_id=None,
            now=DURING_REVIEW,
        )
        with pytest.raises(ConflictError, match="resolved already"):
            await conflicts.resolve(
                session,
                second,
                Resolution.KEEP,
                reason="again",
                actor_user_id=None,
                now=DURING_REVIEW,
            )

    async with world.sessions() as session:
        assert await conflicts.open_conflicts(session) == []
        moved = await session.get(Registration, holder)
        assert moved is not None and moved.unit_id == world.units["budget"]
        kinds = [event.kind for event in await audit.for_registration(session, holder)]
        assert kinds == [
            "submitted",
            "duplicate_attempt",
            "duplicate_attempt",
            "unit_changed",
            "conflict_resolved",
            "conflict_resolved",
        ]
        budgeteer = await world.actor(session, "budgeteer")
        assert [r.id for r in (await review.waiting(session, budgeteer)).records] == [holder]


async def test_a_record_decided_beyond_its_unit_does_not_move(engine: AsyncEngine) -> None:
    world = await build(engine)
    holder = await submitted(world, "worker", IDS[0])
    attempt = await _attempt(world, "roads", "roads_worker", IDS[0])
    assert attempt is not None
    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, holder)
        assert registration is not None
        officer = await world.actor(session, "treasurer")
        await apply_decision(session, VAULT, registration, Approve(), officer, DURING_REVIEW)
    async with world.sessions() as session:
        with pytest.raises(ConflictError, match="cannot move"):
            await conflicts.resolve(
                session, attempt, Resolution.MOVE, reason="x", actor_user_id=None, now=DURING_REVIEW
            )
