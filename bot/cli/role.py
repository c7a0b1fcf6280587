"""``songnuan role list|revoke``: who holds which role, and taking a role back."""

from __future__ import annotations

import argparse

from bot.cli.common import fail, run_use_case, settings_or_exit
from bot.uow import UnitOfWork
from bot.usecases import roles


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

    async def work(uow: UnitOfWork) -> list[str]:
        found = await roles.officers(uow, args.unit)
        if found is None:
            fail(f"no unit with code {args.unit!r} (see `songnuan unit list`)")
        return [
            f"{row.telegram_id:>12}  {row.role:<18}  {row.unit_code:<16}  {row.name}"
            for row in found
        ]

    lines = run_use_case(settings, work)
    if not lines:
        print("no officers")
        return 0
    print(f"{'telegram id':>12}  {'role':<18}  {'unit':<16}  name")
    print("\n".join(lines))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def work(uow: UnitOfWork) -> str:
        before = await roles.take_back(
            uow, args.telegram_id, reason=args.reason, keep_as_worker=args.keep_as_worker
        )
        if before is None:
            fail(f"{args.telegram_id} holds no officer role (see `songnuan role list`)")
        return before

    before = run_use_case(settings, work)
    print(f"{args.telegram_id}: {before} taken back")
    return 0
