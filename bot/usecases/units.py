"""The unit tree (``songnuan unit``): adding, moving, correcting, removing units, and their
telephones. Each raises :class:`~flows.access.units.UnitError` when the tree would break; the
rules are :mod:`flows.access.units`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.uow import UnitOfWork
from flows.access.units import (
    UnitError,
    check_holds,
    check_not_below_itself,
    check_place,
    check_removable,
    kind_under,
)
from flows.audit import AuditKind, UnitChanged, UnitRemoved
from flows.forms.parsing.phone import parse_phone
from storage.models import Unit
from storage.repositories import audit, units


@dataclass(frozen=True)
class UnitRow:
    """A unit to add: its code, name, kind (None: the level below its parent) and parent code."""

    code: str
    name: str
    kind: str | None
    parent: str | None


async def unit_by_code(uow: UnitOfWork, code: str) -> Unit:
    """The unit with this code; raises UnitError if there is none."""
    unit = await units.by_code(uow.session, code)
    if unit is None:
        raise UnitError(f"no unit with code {code!r}")
    return unit


async def add(uow: UnitOfWork, row: UnitRow) -> Unit:
    """Add a unit under its parent, of the kind given or the level below the parent."""
    parent = await unit_by_code(uow, row.parent) if row.parent is not None else None
    kind = row.kind or kind_under(parent)
    check_place(kind, parent)
    if await units.by_code(uow.session, row.code) is not None:
        raise UnitError(f"a unit with code {row.code!r} exists already")
    return await units.add(uow.session, row.code, row.name, kind, parent)


async def tree(uow: UnitOfWork) -> Sequence[Unit]:
    """Every unit (the adapter nests them by parent)."""
    return await units.all_units(uow.session)


async def move(uow: UnitOfWork, code: str, parent_code: str) -> None:
    """Put a unit under another; refuses to break the nesting or make a cycle."""
    unit = await unit_by_code(uow, code)
    parent = await unit_by_code(uow, parent_code)
    check_place(unit.kind, parent, unit.code)
    check_not_below_itself(unit.id, parent.id, units.parents(await units.all_units(uow.session)))
    unit.parent_id = parent.id


async def correct_kind(
    uow: UnitOfWork, code: str, kind: str, parent_code: str | None, *, no_parent: bool
) -> str:
    """Correct a unit's kind, and its place with it when given (``no_parent``: a root); the
    kind it had. The result must fit the tree, its sub-units included (audited)."""
    unit = await unit_by_code(uow, code)
    before = unit.kind
    parent: Unit | None
    if no_parent:
        parent = None
    elif parent_code:
        parent = await unit_by_code(uow, parent_code)
    else:
        parent = await uow.session.get(Unit, unit.parent_id) if unit.parent_id else None
    check_place(kind, parent, unit.code)
    check_holds(kind, unit.code, await units.children(uow.session, unit))
    if parent is not None and parent.id == unit.id:
        raise UnitError("a unit cannot be its own parent")
    unit.kind = kind
    unit.parent_id = parent.id if parent else None
    audit.record(
        uow.session,
        AuditKind.UNIT_CHANGED,
        details=UnitChanged(unit=unit.code, kind=(before, kind)),
    )
    return before


async def remove(uow: UnitOfWork, code: str) -> Unit:
    """Delete a unit made by mistake: only one nothing depends on (no records, people,
    sub-units); its place in campaigns' scope and its unused invitations go with it (audited)."""
    unit = await unit_by_code(uow, code)
    check_removable(unit.code, await units.dependents(uow.session, unit))
    await units.remove(uow.session, unit)
    audit.record(
        uow.session,
        AuditKind.UNIT_REMOVED,
        details=UnitRemoved(unit=unit.code, name=unit.name, kind=unit.kind),
    )
    return unit


async def set_phone(uow: UnitOfWork, code: str, number: str) -> str:
    """The union office's telephone, as stored; raises InvalidAnswer for a number that is none."""
    unit = await unit_by_code(uow, code)
    unit.phone = parse_phone(number)
    return unit.phone
