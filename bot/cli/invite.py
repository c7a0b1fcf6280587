"""``songnuan invite officer|worker|revoke|list``: invitation deep links, no passwords."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from bot.settings import Settings
from storage.models import Invitation
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
            "invitation_created",
            details={"invitation_id": invitation.id, "role": role, "by": "command line"},
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
            "invitation_revoked",
            details={"invitation_id": invitation.id, "by": "command line"},
        )
        await session.commit()

    run_in_database(settings, main)
    print(f"revoked {args.code}")
    return 0
