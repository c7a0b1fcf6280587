"""Records entered for workers whose officer leaves the unit: they go to another officer of it.

A record entered on someone's behalf (``subject_user_id`` None) can be corrected only by the
officer who entered it, through ``/enter``; the worker has no way to it. When that officer
takes another role or unit, the records of theirs that wait for correction are handed to
another officer of the unit, or, if it has none, wait for the unit's next officer.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from flows.access import Role
from flows.audit import AuditKind, RecordHandedOver
from flows.review import State
from storage.models import Registration, User
from storage.repositories import audit


async def awaiting_correction(session: AsyncSession, user_id: int) -> Sequence[Registration]:
    """The returned records the officer entered for workers, oldest first."""
    rows = await session.scalars(
        select(Registration)
        .where(
            Registration.entered_by_user_id == user_id,
            Registration.subject_user_id.is_(None),
            Registration.state == State.RETURNED,
        )
        .order_by(Registration.id)
    )
    return rows.all()


async def unit_officers(session: AsyncSession, unit_id: int, *, but: int) -> Sequence[User]:
    """The unit's officers other than ``but``, oldest account first."""
    rows = await session.scalars(
        select(User)
        .where(User.role == Role.UNIT_OFFICER, User.unit_id == unit_id, User.id != but)
        .order_by(User.id)
    )
    return rows.all()


async def orphans(session: AsyncSession, unit_id: int) -> Sequence[Registration]:
    """The unit's returned records entered for workers by someone who is no longer an officer
    of the unit (nobody can correct them until an officer takes them)."""
    author = aliased(User)
    rows = await session.scalars(
        select(Registration)
        .join(author, author.id == Registration.entered_by_user_id)
        .where(
            Registration.unit_id == unit_id,
            Registration.subject_user_id.is_(None),
            Registration.state == State.RETURNED,
            ~and_(author.role == Role.UNIT_OFFICER, author.unit_id == unit_id),
        )
        .order_by(Registration.id)
    )
    return rows.all()


def hand_over(session: AsyncSession, registration: Registration, to: User) -> None:
    """Make ``to`` the officer who corrects the record (audited, who from and who to)."""
    before = registration.entered_by_user_id
    registration.entered_by_user_id = to.id
    audit.record(
        session,
        AuditKind.RECORD_HANDED_OVER,
        actor_user_id=to.id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        details=RecordHandedOver(from_user_id=before, to_user_id=to.id),
    )
