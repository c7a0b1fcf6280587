"""The tree of union organisations: units under departments under the provincial union."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Unit

UNIT_KINDS = ("province", "department", "unit")


class UnitError(ValueError):
    """A unit operation that would break the tree; the message says why."""


async def add(session: AsyncSession, code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    """Add a unit under ``parent`` (none for the provincial union)."""
    if kind not in UNIT_KINDS:
        raise UnitError(f"kind must be one of {', '.join(UNIT_KINDS)}")
    if await by_code(session, code) is not None:
        raise UnitError(f"a unit with code {code!r} exists already")
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


async def move(session: AsyncSession, unit: Unit, new_parent: Unit | None) -> None:
    """Put ``unit`` under ``new_parent``; refuses to make a cycle."""
    ancestor = new_parent
    while ancestor is not None:
        if ancestor.id == unit.id:
            raise UnitError("a unit cannot be moved under itself or its own sub-units")
        ancestor = await session.get(Unit, ancestor.parent_id) if ancestor.parent_id else None
    unit.parent_id = new_parent.id if new_parent else None


def parents(units: Sequence[Unit]) -> dict[int, int | None]:
    """Each unit's parent id, the shape the domain's scope rules take."""
    return {unit.id: unit.parent_id for unit in units}
