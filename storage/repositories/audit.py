"""The append-only audit trail: every change of state and every sensitive action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from flows.audit import AuditKind, Details, details_json, read_details
from storage.models import AuditEvent, User


def record(
    session: AsyncSession,
    kind: AuditKind,
    *,
    actor_user_id: int | None = None,
    registration_id: int | None = None,
    campaign_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    details: Details | None = None,
) -> AuditEvent:
    """Append an event to the trail (it is written with the caller's transaction).

    The actor's name, role and unit are copied into the event as they stand when it is
    written, so that the history shows the role someone acted in, not the one they hold today.
    """
    event = AuditEvent(
        kind=kind,
        actor_user_id=actor_user_id,
        **(_actor_snapshot(session, actor_user_id) if actor_user_id is not None else {}),
        registration_id=registration_id,
        campaign_id=campaign_id,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details_json(details) if details is not None else {},
    )
    session.add(event)
    return event


def _actor_snapshot(session: AsyncSession, user_id: int) -> dict[str, Any]:
    # The account as this session holds it now (a role just granted counts), else as stored.
    user = session.identity_map.get(identity_key(User, user_id))
    if isinstance(user, User):
        return {
            "actor_name": user.display_name,
            "actor_role": user.role,
            "actor_unit_id": user.unit_id,
        }

    # Not loaded: read by the INSERT itself, without a query of its own.
    def column(attribute: Any) -> Any:
        return select(attribute).where(User.id == user_id).scalar_subquery()

    return {
        "actor_name": column(User.display_name),
        "actor_role": column(User.role),
        "actor_unit_id": column(User.unit_id),
    }


async def for_registration(session: AsyncSession, registration_id: int) -> Sequence[AuditEvent]:
    """A registration's events, oldest first."""
    result = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.registration_id == registration_id)
        .order_by(AuditEvent.id)
    )
    return result.all()


def details_of(event: AuditEvent) -> Details:
    """The event's details, typed by its kind."""
    return read_details(event.kind, event.details)
