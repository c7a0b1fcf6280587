"""The audit trail is append-only in the database itself."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import AuditEvent
from storage.repositories import audit
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
