"""The tree of union organisations: units under departments under the provincial union."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CampaignUnit, DuplicateAttempt, Invitation, Registration, Unit, User


async def add(session: AsyncSession, code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    """Add a unit under ``parent`` (none for the provincial union); the caller checked that it
    fits the tree (:mod:`flows.access.units`)."""
    unit = Unit(code=code, name=name, kind=kind, parent_id=parent.id if parent else None)
    session.add(unit)
    await session.flush()
    return unit


async def by_code(session: AsyncSession, code: str) -> Unit | None:
    """The unit with this code."""
    return await session.scalar(select(Unit).where(Unit.code == code))


async def all_units(session: AsyncSession) -> Sequence[Unit]:
    """Every unit, in a stable order."""
    return (await session.scalars(select(Unit).order_by(Unit.id))).all()


async def children(session: AsyncSession, unit: Unit) -> Sequence[Unit]:
    """The organisations directly under ``unit``."""
    return (await session.scalars(select(Unit).where(Unit.parent_id == unit.id))).all()


async def dependents(session: AsyncSession, unit: Unit) -> dict[str, int]:
    """How many of each thing depends on ``unit``: sub-units, records, attempts, people, used
    invitations."""
    uses = {
        "sub-unit(s)": select(func.count()).where(Unit.parent_id == unit.id),
        "record(s)": select(func.count()).where(Registration.unit_id == unit.id),
        "attempt(s)": select(func.count()).where(DuplicateAttempt.unit_id == unit.id),
        "person(s)": select(func.count()).where(User.unit_id == unit.id),
        "used invitation(s)": select(func.count()).where(
            Invitation.unit_id == unit.id, Invitation.uses > 0
        ),
    }
    return {what: await session.scalar(query) or 0 for what, query in uses.items()}


async def remove(session: AsyncSession, unit: Unit) -> None:
    """Delete a unit, with its place in campaigns' scope and its unused invitations (the caller
    checked that nothing else depends on it)."""
    await session.execute(delete(CampaignUnit).where(CampaignUnit.unit_id == unit.id))
    await session.execute(delete(Invitation).where(Invitation.unit_id == unit.id))
    await session.delete(unit)
    await session.flush()


def parents(units: Sequence[Unit]) -> dict[int, int | None]:
    """Each unit's parent id, the shape the domain's scope rules take."""
    return {unit.id: unit.parent_id for unit in units}
