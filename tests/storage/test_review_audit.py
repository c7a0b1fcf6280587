"""The audit trail is append-only in the database itself, and viewing full numbers is on it."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from flows.access import Reason, Refused
from flows.audit import AuditKind
from storage.models import AuditEvent, Registration
from storage.repositories import audit, review
from tests.storage.review_world import IDS, build, submitted


@pytest.mark.parametrize(
    "change",
    [
        update(AuditEvent).values(reason="rewritten"),
        update(AuditEvent).values(actor_user_id=None),
        delete(AuditEvent),
    ],
    ids=["reason", "actor", "delete"],
)
async def test_audit_events_cannot_be_changed_or_deleted(
    engine: AsyncEngine, change: object
) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])

    async with world.sessions() as session:
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
            await session.execute(change)  # type: ignore[call-overload]
        await session.rollback()

    async with world.sessions() as session:
        events = await audit.for_registration(session, record_id)
        assert [(event.kind, event.reason) for event in events] == [("submitted", None)]


async def test_viewing_full_numbers_is_allowed_to_the_unit_and_recorded(
    engine: AsyncEngine,
) -> None:
    world = await build(engine)
    record_id = await submitted(world, "worker", IDS[0])

    async with world.sessions() as session, session.begin():
        registration = await session.get(Registration, record_id)
        assert registration is not None
        await review.view_full_numbers(
            session, registration, await world.actor(session, "treasurer")
        )
        with pytest.raises(Refused) as refused:
            await review.view_full_numbers(
                session, registration, await world.actor(session, "financier")
            )
        assert refused.value.reason is Reason.MASKED_ONLY
        with pytest.raises(Refused) as refused:
            await review.view_full_numbers(
                session, registration, await world.actor(session, "budgeteer")
            )
        assert refused.value.reason is Reason.OUT_OF_SCOPE

    async with world.sessions() as session:
        kinds = await session.scalars(
            select(AuditEvent.actor_user_id).where(AuditEvent.kind == AuditKind.SENSITIVE_VIEWED)
        )
        assert list(kinds) == [world.users["treasurer"]]
