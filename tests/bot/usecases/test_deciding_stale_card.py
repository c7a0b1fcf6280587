"""A card that went stale while a correction came in decides nothing."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.usecases.deciding import apply_decision
from bot.usecases.submitting import submit
from flows.access import Reason, Refused
from flows.review import Approve, Return
from storage.models import Registration
from tests.storage.review_world import DURING_REVIEW, IDS, VAULT, World, build, submitted


async def _load(world: World, record_id: int) -> Registration:
    async with world.sessions() as session:
        registration = await session.get(Registration, record_id)
        assert registration is not None
        return registration


async def test_a_card_shown_before_a_correction_cannot_approve_the_corrected_record(
    engine: AsyncEngine,
) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])
    stale_version = (await _load(world, record_id)).version

    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        treasurer = await world.actor(session, "treasurer")
        await apply_decision(
            session, VAULT, registration, Return(("phone",), "check it"), treasurer, DURING_REVIEW
        )
    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        worker = await world.actor(session, "worker")
        await submit(session, VAULT, registration, worker, DURING_REVIEW)

    async with world.sessions() as session:
        registration = await session.get(Registration, record_id)
        assert registration is not None and registration.state == "resubmitted"
        colleague = await world.actor(session, "treasurer2")
        with pytest.raises(Refused) as refused:
            await apply_decision(
                session,
                VAULT,
                registration,
                Approve(),
                colleague,
                DURING_REVIEW,
                seen_version=stale_version,
            )
        assert refused.value.reason is Reason.CHANGED_MEANWHILE
        await session.rollback()
        await session.refresh(registration)
        moved = await apply_decision(
            session,
            VAULT,
            registration,
            Approve(),
            colleague,
            DURING_REVIEW,
            seen_version=registration.version,
        )
        assert moved.to_state.value == "approved"
