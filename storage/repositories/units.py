"""The tree of union organisations: units under departments under the provincial union."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CampaignUnit, DuplicateAttempt, Invitation, Registration, Unit, User

UNIT_KINDS = ("province", "department", "unit")
# The review chain climbs this tree one level at a time, so each kind has one kind of parent.
PARENT_KIND: dict[str, str | None] = {
    "province": None,
    "department": "province",
    "unit": "department",
}


class UnitError(ValueError):
    """A unit operation that would break the tree; the message says why."""


def kind_under(parent: Unit | None) -> str:
    """The kind a new organisation under ``parent`` has: the next level down the tree."""
    if parent is None:
        return "province"
    for kind, parent_kind in PARENT_KIND.items():
        if parent_kind == parent.kind:
            return kind
    raise UnitError(f"{parent.code} is a unit: nothing goes under a unit")


def check_place(kind: str, parent: Unit | None, code: str = "") -> None:
    """Refuse a kind that does not fit under ``parent`` (province → department → unit)."""
    if kind not in UNIT_KINDS:
        raise UnitError(f"kind must be one of {', '.join(UNIT_KINDS)}")
    wanted = PARENT_KIND[kind]
    name = f"{code} " if code else ""
    if wanted is None and parent is not None:
        raise UnitError(f"{name}is a province: it has no parent ({parent.code} given)")
    if wanted is not None and (parent is None or parent.kind != wanted):
        given = f"{parent.code} is a {parent.kind}" if parent else "none given"
        raise UnitError(f"a {kind} {name}goes under a {wanted} ({given})")


async def add(session: AsyncSession, code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    """Add a unit under ``parent`` (none for the provincial union)."""
    check_place(kind, parent)
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
    """Put ``unit`` under ``new_parent``; refuses to make a cycle or break the nesting."""
    check_place(unit.kind, new_parent, unit.code)
    ancestor = new_parent
    while ancestor is not None:
        if ancestor.id == unit.id:
            raise UnitError("a unit cannot be moved under itself or its own sub-units")
        ancestor = await session.get(Unit, ancestor.parent_id) if ancestor.parent_id else None
    unit.parent_id = new_parent.id if new_parent else None


async def children(session: AsyncSession, unit: Unit) -> Sequence[Unit]:
    """The organisations directly under ``unit``."""
    return (await session.scalars(select(Unit).where(Unit.parent_id == unit.id))).all()


async def set_kind(
    session: AsyncSession, unit: Unit, kind: str, parent: Unit | bool | None = False
) -> None:
    """Correct a unit's kind, and its parent with it when given (``False``: keep the parent).

    Both change in one step, since a wrong kind usually came with a wrong place. The result must
    fit the tree: the kind under its parent, and the unit's children under it.
    """
    if parent is False:
        parent = await session.get(Unit, unit.parent_id) if unit.parent_id else None
    assert parent is None or isinstance(parent, Unit)
    check_place(kind, parent, unit.code)
    for child in await children(session, unit):
        if PARENT_KIND[child.kind] != kind:
            raise UnitError(
                f"{child.code} ({child.kind}) is under {unit.code}: a {kind} cannot hold it; "
                "move it first"
            )
    if parent is not None and parent.id == unit.id:
        raise UnitError("a unit cannot be its own parent")
    unit.kind = kind
    unit.parent_id = parent.id if parent else None


async def remove(session: AsyncSession, unit: Unit) -> None:
    """Delete a unit made by mistake: only one nothing depends on (no records, people, sub-units).

    Its place in campaigns' scope and its unused invitations go with it.
    """
    uses = {
        "sub-unit(s)": select(func.count()).where(Unit.parent_id == unit.id),
        "record(s)": select(func.count()).where(Registration.unit_id == unit.id),
        "attempt(s)": select(func.count()).where(DuplicateAttempt.unit_id == unit.id),
        "person(s)": select(func.count()).where(User.unit_id == unit.id),
        "used invitation(s)": select(func.count()).where(
            Invitation.unit_id == unit.id, Invitation.uses > 0
        ),
    }
    found = [
        f"{count} {what}" for what, query in uses.items() if (count := await session.scalar(query))
    ]
    if found:
        raise UnitError(f"{unit.code} has {', '.join(found)}: it cannot be removed")
    await session.execute(delete(CampaignUnit).where(CampaignUnit.unit_id == unit.id))
    await session.execute(delete(Invitation).where(Invitation.unit_id == unit.id))
    await session.delete(unit)
    await session.flush()


def parents(units: Sequence[Unit]) -> dict[int, int | None]:
    """Each unit's parent id, the shape the domain's scope rules take."""
    return {unit.id: unit.parent_id for unit in units}
