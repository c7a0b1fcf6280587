"""Officers' roles: who holds one, and taking one back (``songnuan role``).

Granting a role is opening an invitation (:mod:`bot.usecases.invitations`); giving one up for a
worker link is there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.uow import UnitOfWork
from flows.access import OFFICER_LEVELS, Role, after_revocation
from flows.audit import AuditKind, RoleRevoked
from storage.models import Unit
from storage.repositories import audit, units, users

OFFICER_ROLES: Final = tuple(role.value for role in OFFICER_LEVELS)


@dataclass(frozen=True)
class Officer:
    """An officer as a list shows them."""

    telegram_id: int
    role: str
    unit_code: str
    name: str


async def officers(uow: UnitOfWork, unit_code: str | None) -> list[Officer] | None:
    """The officers (of the unit with ``unit_code`` if given), by unit; None when there is no
    unit with that code."""
    unit_id = None
    if unit_code is not None:
        unit = await units.by_code(uow.session, unit_code)
        if unit is None:
            return None
        unit_id = unit.id
    rows = await users.officers_with_units(uow.session, OFFICER_ROLES, unit_id)
    return [
        Officer(user.telegram_id, user.role, unit.code, user.display_name) for user, unit in rows
    ]


async def take_back(
    uow: UnitOfWork, telegram_id: int, *, reason: str, keep_as_worker: bool
) -> str | None:
    """Take an officer's role back, audited with the reason; the role they held, or None when
    the account holds no officer role. They stay a worker of their unit only if asked."""
    session = uow.session
    user = await users.get_by_telegram_id(session, telegram_id)
    if user is None or user.role not in OFFICER_ROLES:
        return None
    before = user.role
    user.role = Role.WORKER
    # What the officer was in the middle of (a reason being typed) is theirs no more.
    user.awaiting = None
    unit = await session.get(Unit, user.unit_id) if user.unit_id else None
    workers_join = unit is not None and unit.kind == "unit"
    user.unit_id = after_revocation(user.unit_id, workers_join, keep_as_worker)
    audit.record(
        session,
        AuditKind.ROLE_REVOKED,
        actor_user_id=None,
        from_state=before,
        to_state=Role.WORKER.value if user.unit_id else None,
        reason=reason,
        details=RoleRevoked(user_id=user.id),
    )
    return before
