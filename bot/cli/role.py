"""``songnuan role list|revoke``: who holds which role, and taking a role back."""

from __future__ import annotations

import argparse

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from flows.access import Role
from flows.audit import AuditKind, RoleRevoked
from storage.models import Unit, User
from storage.repositories import audit, units, users

OFFICER_ROLES = ("unit_officer", "department_officer", "province_officer")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``role`` command."""
    parser = subparsers.add_parser("role", help="officers' roles: list them, take one back")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="the officers, by unit")
    listing.add_argument("--unit", help="only this unit's (code)")
    listing.set_defaults(handler=_list)
    revoke = actions.add_parser(
        "revoke", help="take an officer's role back (audited); the account is unbound"
    )
    revoke.add_argument("telegram_id", type=int, help="the officer's Telegram id")
    revoke.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    revoke.add_argument(
        "--keep-as-worker",
        action="store_true",
        help="leave the account a worker of the same unit instead of unbinding it",
    )
    revoke.set_defaults(handler=_revoke)


def _list(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> list[str]:
        query = (
            select(User, Unit)
            .join(Unit, User.unit_id == Unit.id)
            .where(User.role.in_(OFFICER_ROLES))
            .order_by(Unit.code, User.telegram_id)
        )
        if args.unit:
            unit = await units.by_code(session, args.unit)
            if unit is None:
                fail(f"no unit with code {args.unit!r} (see `songnuan unit list`)")
            query = query.where(User.unit_id == unit.id)
        rows = (await session.execute(query)).all()
        return [
            f"{user.telegram_id:>12}  {user.role:<18}  {unit.code:<16}  {user.display_name}"
            for user, unit in rows
        ]

    lines = run_in_database(settings, work)
    if not lines:
        print("no officers")
        return 0
    print(f"{'telegram id':>12}  {'role':<18}  {'unit':<16}  name")
    print("\n".join(lines))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> str:
        user = await users.get_by_telegram_id(session, args.telegram_id)
        if user is None or user.role not in OFFICER_ROLES:
            fail(f"{args.telegram_id} holds no officer role (see `songnuan role list`)")
        before = user.role
        user.role = Role.WORKER
        user.awaiting = None
        unit = await session.get(Unit, user.unit_id) if user.unit_id else None
        if not (args.keep_as_worker and unit is not None and unit.kind == "unit"):
            user.unit_id = None
        audit.record(
            session,
            AuditKind.ROLE_REVOKED,
            actor_user_id=None,
            from_state=before,
            to_state="worker" if user.unit_id else None,
            reason=args.reason,
            details=RoleRevoked(user_id=user.id, by="command line"),
        )
        return before

    before = run_in_database(settings, work)
    print(f"{args.telegram_id}: {before} taken back")
    return 0
