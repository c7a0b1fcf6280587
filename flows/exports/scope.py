"""Which units an export or the statistics cover, and whether full numbers may be shown."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from flows.access import (
    Action,
    Actor,
    Level,
    RecordTarget,
    Refusal,
    Role,
    UnitTarget,
    may,
    sees_full_numbers,
)


class Selection(StrEnum):
    """Which records an export takes: approved so far, granted aid, or every submitted one."""

    APPROVED = "approved"
    GRANTED = "granted"
    ALL = "all"


# A unit's scope: a set of unit ids, or None for every unit.
Units = frozenset[int] | None


def whole_scope(actor: Actor) -> Units:
    """Every unit the actor acts on (None: all of them)."""
    return None if actor.scope.everywhere else actor.scope.units


def whole_target(actor: Actor) -> UnitTarget:
    """The actor's whole scope as an access target."""
    return UnitTarget(None if actor.scope.everywhere else actor.unit_id)


def export_units(actor: Actor, unit_id: int | None) -> Units | Refusal:
    """The units an export of ``unit_id`` (None: every unit in scope) covers, or the refusal."""
    refusal = may(
        actor, Action.EXPORT, UnitTarget(unit_id) if unit_id is not None else whole_target(actor)
    )
    if refusal is not None:
        return refusal
    return whole_scope(actor) if unit_id is None else frozenset({unit_id})


def chooses_unit(actor: Actor) -> bool:
    """Whether the officer picks a unit: a unit officer's exports are always their own unit's."""
    return actor.role is not Role.UNIT_OFFICER


def full_numbers(actor: Actor, units: Collection[int] | None) -> bool:
    """Whether every record of ``units`` (None: all) may show full ID and card numbers.

    The access matrix decides per record; the records that reach a table are submitted, and
    what decides is whose unit they are in, so one target per unit stands for its records.
    """
    chosen = [actor.unit_id] if units is None else sorted(units)
    return bool(chosen) and all(
        unit is not None and sees_full_numbers(actor, _submitted_in(unit)) for unit in chosen
    )


def _submitted_in(unit_id: int) -> RecordTarget:
    return RecordTarget(
        unit_id=unit_id,
        submitted=True,
        waiting_level=None,
        last_level=Level.PROVINCE,
        subject_user_id=None,
        entered_by_user_id=0,
    )
