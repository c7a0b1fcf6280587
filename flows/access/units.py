"""The shape of the unit tree: province → department → unit, one level at a time.

The review chain climbs this tree one level at a time, so each kind has one kind of parent and
nothing goes under a unit. The command line's ``songnuan unit`` keeps the tree in this shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, Protocol

UNIT_KINDS: Final = ("province", "department", "unit")
PARENT_KIND: Final[Mapping[str, str | None]] = {
    "province": None,
    "department": "province",
    "unit": "department",
}


class UnitError(ValueError):
    """A unit operation that would break the tree; the message says why."""


class Placed(Protocol):
    """A unit as the tree's rules see it (a stored unit has these)."""

    @property
    def code(self) -> str:
        """Its short unique code."""
        ...

    @property
    def kind(self) -> str:
        """province, department or unit."""
        ...


def kind_under(parent: Placed | None) -> str:
    """The kind a new organisation under ``parent`` has: the next level down the tree."""
    if parent is None:
        return "province"
    for kind, parent_kind in PARENT_KIND.items():
        if parent_kind == parent.kind:
            return kind
    raise UnitError(f"{parent.code} is a unit: nothing goes under a unit")


def check_place(kind: str, parent: Placed | None, code: str = "") -> None:
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


def check_holds(kind: str, code: str, children: Iterable[Placed]) -> None:
    """Refuse a kind that cannot hold the unit's present sub-units."""
    for child in children:
        if PARENT_KIND[child.kind] != kind:
            raise UnitError(
                f"{child.code} ({child.kind}) is under {code}: a {kind} cannot hold it; "
                "move it first"
            )


def check_not_below_itself(
    unit_id: int, new_parent_id: int | None, parents: Mapping[int, int | None]
) -> None:
    """Refuse moving a unit under itself or one of its own sub-units (``parents``: each unit's
    parent id)."""
    ancestor = new_parent_id
    while ancestor is not None:
        if ancestor == unit_id:
            raise UnitError("a unit cannot be moved under itself or its own sub-units")
        ancestor = parents.get(ancestor)


def check_removable(code: str, dependents: Mapping[str, int]) -> None:
    """Refuse removing a unit something depends on (``dependents``: how many of each kind)."""
    found = [f"{count} {what}" for what, count in dependents.items() if count]
    if found:
        raise UnitError(f"{code} has {', '.join(found)}: it cannot be removed")
