"""Duplicates across units: one registration per resident ID per campaign, and the attempts.

The unique constraint refuses a second registration of the same resident ID in a campaign;
when the attempt comes from another unit than the holder's, it is kept here so that the
provincial union can list and resolve it: keep the holder where it is, or move the holder's
record to the attempting unit (while no unit has decided it yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.audit import AuditKind, ConflictResolved, DuplicateAttempted, UnitChanged
from flows.review import State
from storage.models import DuplicateAttempt, Registration
from storage.repositories import audit, registrations

# A record can move to another unit only before any unit has decided on it.
MOVABLE_STATES = frozenset({State.DRAFT, State.SUBMITTED, State.RESUBMITTED, State.RETURNED})


class Resolution(StrEnum):
    """How a conflict ends."""

    KEEP = "keep"
    MOVE = "move"


class ConflictError(ValueError):
    """A resolution that cannot be applied; the message says why."""


@dataclass(frozen=True)
class Conflict:
    """An attempt and the registration holding the ID (None if it was deleted since)."""

    attempt: DuplicateAttempt
    holder: Registration | None


async def record_attempt(
    session: AsyncSession,
    *,
    campaign_id: int,
    resident_id_hash: str,
    unit_id: int,
    user_id: int | None,
    now: dt.datetime,
) -> DuplicateAttempt | None:
    """Keep an attempt from another unit than the holder's (once per unit while open)."""
    holder = await registrations.holder_of(session, campaign_id, resident_id_hash)
    if holder is None or holder.unit_id == unit_id:
        return None
    existing = await session.scalar(
        select(DuplicateAttempt).where(
            DuplicateAttempt.campaign_id == campaign_id,
            DuplicateAttempt.resident_id_hash == resident_id_hash,
            DuplicateAttempt.unit_id == unit_id,
            DuplicateAttempt.resolved_at.is_(None),
        )
    )
    if existing is not None:
        return existing
    attempt = DuplicateAttempt(
        campaign_id=campaign_id,
        resident_id_hash=resident_id_hash,
        unit_id=unit_id,
        user_id=user_id,
        attempted_at=now,
    )
    session.add(attempt)
    await session.flush()
    audit.record(
        session,
        AuditKind.DUPLICATE_ATTEMPT,
        actor_user_id=user_id,
        registration_id=holder.id,
        campaign_id=campaign_id,
        details=DuplicateAttempted(attempt_id=attempt.id, unit_id=unit_id),
    )
    return attempt


async def open_conflicts(session: AsyncSession, campaign_id: int | None = None) -> list[Conflict]:
    """Unresolved attempts, oldest first, each with the registration holding the ID."""
    query = select(DuplicateAttempt).where(DuplicateAttempt.resolved_at.is_(None))
    if campaign_id is not None:
        query = query.where(DuplicateAttempt.campaign_id == campaign_id)
    attempts = (await session.scalars(query.order_by(DuplicateAttempt.id))).all()
    return [
        Conflict(
            attempt,
            await registrations.holder_of(session, attempt.campaign_id, attempt.resident_id_hash),
        )
        for attempt in attempts
    ]


async def resolve(
    session: AsyncSession,
    attempt_id: int,
    resolution: Resolution,
    *,
    reason: str,
    actor_user_id: int | None,
    now: dt.datetime,
) -> Conflict:
    """Close a conflict: keep the holder, or move the holder's record to the other unit."""
    attempt = await session.get(DuplicateAttempt, attempt_id)
    if attempt is None:
        raise ConflictError(f"no conflict {attempt_id}")
    if attempt.resolved_at is not None:
        raise ConflictError(f"conflict {attempt_id} was resolved already ({attempt.resolution})")
    if not reason.strip():
        raise ConflictError("a resolution needs a reason")
    holder = await registrations.holder_of(session, attempt.campaign_id, attempt.resident_id_hash)
    if resolution is Resolution.MOVE:
        if holder is None:
            raise ConflictError("the registration holding this ID no longer exists")
        if holder.state not in MOVABLE_STATES or holder.level not in (None, "unit"):
            raise ConflictError(
                f"registration {holder.id} was decided beyond its unit already; it cannot move"
            )
        before = holder.unit_id
        holder.unit_id = attempt.unit_id
        audit.record(
            session,
            AuditKind.UNIT_CHANGED,
            actor_user_id=actor_user_id,
            registration_id=holder.id,
            campaign_id=holder.campaign_id,
            reason=reason.strip(),
            details=UnitChanged(from_unit_id=before, to_unit_id=attempt.unit_id),
        )
    attempt.resolved_at = now
    attempt.resolved_by_user_id = actor_user_id
    attempt.resolution = resolution.value
    attempt.reason = reason.strip()
    audit.record(
        session,
        AuditKind.CONFLICT_RESOLVED,
        actor_user_id=actor_user_id,
        registration_id=holder.id if holder else None,
        campaign_id=attempt.campaign_id,
        reason=reason.strip(),
        details=ConflictResolved(attempt_id=attempt.id, resolution=resolution.value),
    )
    await session.flush()
    return Conflict(attempt, holder)
