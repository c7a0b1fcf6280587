"""``songnuan invite officer|worker|revoke|list``: invitation deep links, no passwords."""

from __future__ import annotations

import argparse

from bot.cli.common import clock_of, fail, run_use_case, settings_or_exit
from bot.settings import Settings
from bot.uow import UnitOfWork
from bot.usecases import invitations
from bot.usecases.invitations import Created, Listed, WrongKind
from flows.access import Role
from storage.repositories import invitations as stored_invitations

LEVEL_ROLES = {
    "unit": Role.UNIT_OFFICER,
    "department": Role.DEPARTMENT_OFFICER,
    "province": Role.PROVINCE_OFFICER,
}
DEFAULT_DAYS = 7


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``invite`` command."""
    parser = subparsers.add_parser("invite", help="invitation links for officers and workers")
    actions = parser.add_subparsers(dest="action", required=True)
    officer = actions.add_parser("officer", help="a one-time link that makes an officer")
    officer.add_argument("--unit", required=True, help="code of the unit, department or province")
    officer.add_argument("--level", choices=list(LEVEL_ROLES), default="unit")
    officer.add_argument("--days", type=int, default=DEFAULT_DAYS, help="days until it expires")
    officer.set_defaults(handler=_officer)
    worker = actions.add_parser("worker", help="a join link for a unit's workers, many uses")
    worker.add_argument("--unit", required=True)
    worker.add_argument("--days", type=int, default=DEFAULT_DAYS)
    worker.set_defaults(handler=_worker)
    revoke = actions.add_parser("revoke", help="withdraw an invitation")
    revoke.add_argument("code")
    revoke.set_defaults(handler=_revoke)
    listing = actions.add_parser("list", help="the invitations that can still be used")
    listing.add_argument("--unit", help="only this unit's (code)")
    listing.add_argument(
        "--all", action="store_true", help="also the expired, used-up and revoked ones"
    )
    listing.set_defaults(handler=_list)


def link(settings: Settings, code: str) -> str:
    """The deep link for ``code``, with the bot's username when it is configured."""
    username = settings.bot_username or "<bot username: set SONGNUAN_BOT_USERNAME>"
    return f"https://t.me/{username}?start={code}"


def _officer(args: argparse.Namespace) -> int:
    return _invite(args, LEVEL_ROLES[args.level])


def _worker(args: argparse.Namespace) -> int:
    return _invite(args, Role.WORKER)


def _invite(args: argparse.Namespace, role: Role) -> int:
    settings = settings_or_exit()
    if args.days < 1:
        fail("--days must be at least 1")

    async def main(uow: UnitOfWork) -> Created:
        try:
            created = await invitations.invite_by_command_line(
                uow, clock_of(settings), role, args.unit, days=args.days
            )
        except WrongKind as wrong:
            fail(str(wrong))
        if created is None:
            fail(f"no unit with code {args.unit!r} (see `songnuan unit list`)")
        return created

    created = run_use_case(settings, main)
    expires_local = created.expires_at.astimezone(settings.zone)
    print(link(settings, created.code))
    print(f"role {role}, unit {args.unit}, expires {expires_local:%Y-%m-%d %H:%M %Z}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(uow: UnitOfWork) -> None:
        invitation = await stored_invitations.by_code(uow.session, args.code)
        if invitation is None:
            fail(f"no invitation with code {args.code!r}")
        await invitations.withdraw(uow, clock_of(settings), invitation, None)

    run_use_case(settings, main)
    print(f"revoked {args.code}")
    return 0


def _list(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(uow: UnitOfWork) -> list[Listed]:
        found = await invitations.listed(uow, clock_of(settings), args.unit, every=args.all)
        if found is None:
            fail(f"no unit with code {args.unit!r} (see `songnuan unit list`)")
        return found

    lines = [_line(settings, row) for row in run_use_case(settings, main)]
    if not lines:
        print("no invitations" if args.all else "no usable invitations (--all shows the rest)")
        return 0
    print(
        f"{'code':<{len(lines[0].split()[0])}}  {'role':<18}  {'unit':<16}  {'uses':>5}  "
        f"{'expires':<16}  state"
    )
    print("\n".join(lines))
    return 0


def _line(settings: Settings, row: Listed) -> str:
    uses = f"{row.uses}/{row.max_uses or '∞'}"
    expires = row.expires_at.astimezone(settings.zone)
    state = row.problem.value if row.problem is not None else "usable"
    return (
        f"{row.code}  {row.role:<18}  {row.unit_code:<16}  {uses:>5}  "
        f"{expires:%Y-%m-%d %H:%M}  {state}"
    )
