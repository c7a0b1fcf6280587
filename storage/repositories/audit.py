"""The append-only audit trail: every change of state and every sensitive action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEvent


def record(
    session: AsyncSession,
    kind: str,
    *,
    actor_user_id: int | None = None,
    registration_id: int | None = None,
    campaign_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event to the trail (it is written with the caller's transaction)."""
    event = AuditEvent(
        kind=kind,
        actor_user_id=actor_user_id,
        registration_id=registration_id,
        campaign_id=campaign_id,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
    )
    session.add(event)
    return event


async def for_registration(session: AsyncSession, registration_id: int) -> Sequence[AuditEvent]:
    """A registration's events, oldest first."""
    result = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.registration_id == registration_id)
        .order_by(AuditEvent.id)
    )
    return result.all()
