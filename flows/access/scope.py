"""Who acts and over which units: the actor and the part of the unit tree they may touch."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flows.access.roles import OFFICER_LEVELS, Level, Role, role_of

# unit id -> parent unit id (None at the root); ``storage.repositories.units.parents`` gives it.
Tree = Mapping[int, int | None]


@dataclass(frozen=True)
class Scope:
    """The units an actor acts on: a set of unit ids, or every unit (the provincial union)."""

    units: frozenset[int] = frozenset()
    everywhere: bool = False

    def covers(self, unit_id: int) -> bool:
        """Whether ``unit_id`` is inside this scope."""
        return self.everywhere or unit_id in self.units


@dataclass(frozen=True)
class Actor:
    """A person acting: their account id, role, own unit and scope."""

    user_id: int | None
    role: Role
    unit_id: int | None
    scope: Scope

    @property
    def level(self) -> Level | None:
        """The review level an officer decides at; None for everyone else."""
        return OFFICER_LEVELS.get(self.role)

    @property
    def is_officer(self) -> bool:
        """Whether the actor is a union officer of any level."""
        return self.role in OFFICER_LEVELS


def descendants(tree: Tree, root: int) -> frozenset[int]:
    """``root`` and every unit below it in the tree."""
    children: dict[int, list[int]] = {}
    for unit, parent in tree.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    found = {root}
    pending = [root]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return frozenset(found)


def actor(user_id: int | None, stored_role: str | None, unit_id: int | None, tree: Tree) -> Actor:
    """The actor for a stored account: unit officers act on their unit, department officers
    on the units under their department, the provincial union on everything."""
    role = role_of(stored_role, unit_id)
    if role is Role.STRANGER or unit_id is None:
        return Actor(user_id, Role.STRANGER, None, Scope())
    if role is Role.PROVINCE_OFFICER:
        return Actor(user_id, role, unit_id, Scope(everywhere=True))
    if role is Role.DEPARTMENT_OFFICER:
        return Actor(user_id, role, unit_id, Scope(descendants(tree, unit_id)))
    return Actor(user_id, role, unit_id, Scope(frozenset({unit_id})))


def stranger(user_id: int | None = None) -> Actor:
    """Someone the bot knows nothing about."""
    return Actor(user_id, Role.STRANGER, None, Scope())
