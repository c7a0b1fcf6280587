"""``songnuan invite officer|worker|revoke|list``: invitation deep links, no passwords."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from bot.settings import Settings
from flows.audit import AuditKind, InvitationCreated, InvitationRevoked
from storage.models import Invitation, Unit
from storage.repositories import audit, invitations, units

LEVEL_ROLES = {
    "unit": "unit_officer",
    "department": "department_officer",
    "province": "province_officer",
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
    return _invite(args, role=LEVEL_ROLES[args.level], max_uses=1, kind=args.level)


def _worker(args: argparse.Namespace) -> int:
    return _invite(args, role="worker", max_uses=None, kind="unit")


def _invite(args: argparse.Namespace, *, role: str, max_uses: int | None, kind: str) -> int:
    settings = settings_or_exit()
    if args.days < 1:
        fail("--days must be at least 1")

    async def main(session: AsyncSession) -> Invitation:
        unit = await units.by_code(session, args.unit)
        if unit is None:
            fail(f"no unit with code {args.unit!r} (see `songnuan unit list`)")
        if unit.kind != kind:
            fail(f"{args.unit} is a {unit.kind}; a {kind}-level invitation needs a {kind}")
        expires = dt.datetime.now(settings.zone) + dt.timedelta(days=args.days)
        invitation = invitations.create(
            session,
            role=role,
            unit_id=unit.id,
            expires_at=expires,
            max_uses=max_uses,
            created_by_user_id=None,
        )
        await session.flush()
        audit.record(
            session,
            AuditKind.INVITATION_CREATED,
            details=InvitationCreated(invitation_id=invitation.id, role=role, by="command line"),
        )
        return invitation

    invitation = run_in_database(settings, main)
    expires_local = invitation.expires_at.astimezone(settings.zone)
    print(link(settings, invitation.code))
    print(f"role {role}, unit {args.unit}, expires {expires_local:%Y-%m-%d %H:%M %Z}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(session: AsyncSession) -> None:
        invitation = await invitations.by_code(session, args.code)
        if invitation is None:
            fail(f"no invitation with code {args.code!r}")
        invitation.revoked_at = dt.datetime.now(settings.zone)
        audit.record(
            session,
            AuditKind.INVITATION_REVOKED,
            details=InvitationRevoked(invitation_id=invitation.id, by="command line"),
        )
        await session.commit()

    run_in_database(settings, main)
    print(f"revoked {args.code}")
    return 0


def _list(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    now = dt.datetime.now(settings.zone)

    async def main(session: AsyncSession) -> list[str]:
        query = select(Invitation, Unit).join(Unit).order_by(Unit.code, Invitation.id)
        if args.unit:
            unit = await units.by_code(session, args.unit)
            if unit is None:
                fail(f"no unit with code {args.unit!r} (see `songnuan unit list`)")
            query = query.where(Invitation.unit_id == unit.id)
        lines = []
        for invitation, unit in await session.execute(query):
            problem = invitations.problem(invitation, now)
            if problem is not None and not args.all:
                continue
            uses = f"{invitation.uses}/{invitation.max_uses or '∞'}"
            expires = invitation.expires_at.astimezone(settings.zone)
            state = problem.value if problem is not None else "usable"
            lines.append(
                f"{invitation.code}  {invitation.role:<18}  {unit.code:<16}  {uses:>5}  "
                f"{expires:%Y-%m-%d %H:%M}  {state}"
            )
        return lines

    lines = run_in_database(settings, main)
    if not lines:
        print("no invitations" if args.all else "no usable invitations (--all shows the rest)")
        return 0
    print(
        f"{'code':<{len(lines[0].split()[0])}}  {'role':<18}  {'unit':<16}  {'uses':>5}  "
        f"{'expires':<16}  state"
    )
    print("\n".join(lines))
    return 0
