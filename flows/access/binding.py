"""What opening an invitation does to an account: the role and unit it binds, or a question.

An officer's scope changes only through an officer invitation (made by the command line, used
once, audited). A worker join link makes its opener a worker of the unit and nothing more: an
officer who opens one keeps their role and unit until they choose to give the role up.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.access.roles import OFFICER_LEVELS, Role


@dataclass(frozen=True)
class Binding:
    """The role and unit an account holds after a binding."""

    role: Role
    unit_id: int


def by_invitation(current: Role, invited: Role, unit_id: int) -> Binding | None:
    """The binding an invitation for ``invited`` at ``unit_id`` makes for someone who is
    ``current`` now; None when an officer opened a worker link and must be asked first."""
    if invited is Role.WORKER and current in OFFICER_LEVELS:
        return None
    return Binding(invited, unit_id)


def replaces_officer_role(
    current: Role, current_unit_id: int | None, invited: Role, unit_id: int
) -> bool:
    """Whether an officer invitation would replace the officer role held now (another role or
    another unit): the officer is asked first, since an account holds one role."""
    return (
        current in OFFICER_LEVELS
        and invited in OFFICER_LEVELS
        and (invited, unit_id) != (current, current_unit_id)
    )


def gives_up_officer_role(current: Role, binding: Binding) -> bool:
    """Whether the binding takes an officer's role away (they chose a worker link)."""
    return binding.role is Role.WORKER and current in OFFICER_LEVELS


def unit_kind_for(role: Role) -> str:
    """The kind of unit an invitation to ``role`` binds to: an officer's own level (a unit, a
    department or the province), a worker's unit."""
    level = OFFICER_LEVELS.get(role)
    return level.value if level is not None else "unit"


def officer_becomes_worker(unit_id: int) -> Binding:
    """An officer who opened a worker link and chose to give the officer role up."""
    return Binding(Role.WORKER, unit_id)


def after_revocation(unit_id: int | None, workers_join: bool, keep_as_worker: bool) -> int | None:
    """The unit an officer whose role is taken back stays a worker of: their own, when asked to
    keep them and it is a unit workers join; else None (the account is unbound)."""
    return unit_id if keep_as_worker and workers_join else None
