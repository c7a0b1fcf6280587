"""``songnuan conflicts list|resolve``: one resident ID registered from two units.

Shown by record and unit numbers only; the resident ID itself is known only as a hash.
"""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from storage.models import Campaign, Unit
from storage.repositories import campaigns, conflicts
from storage.repositories.conflicts import ConflictError, Resolution


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``conflicts`` command."""
    parser = subparsers.add_parser(
        "conflicts", help="the same person registered from two units, and their resolution"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="unresolved conflicts, oldest first")
    listing.add_argument("--campaign", help="code of one campaign")
    listing.set_defaults(handler=_list)
    resolve = actions.add_parser("resolve", help="close a conflict")
    resolve.add_argument("id", type=int, help="the conflict's number (see `conflicts list`)")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="the record stays with its unit")
    choice.add_argument(
        "--move", action="store_true", help="move the record to the unit that attempted it"
    )
    resolve.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    resolve.set_defaults(handler=_resolve)


def _list(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def work(session: AsyncSession) -> list[str]:
        campaign_id = None
        if args.campaign:
            campaign = await campaigns.by_code(session, args.campaign)
            if campaign is None:
                fail(f"no campaign with code {args.campaign!r}")
            campaign_id = campaign.id
        lines = []
        for conflict in await conflicts.open_conflicts(session, campaign_id):
            attempt = conflict.attempt
            campaign_row = await session.get(Campaign, attempt.campaign_id)
            code = campaign_row.code if campaign_row else f"#{attempt.campaign_id}"
            when = attempt.attempted_at.astimezone(settings.zone)
            held = "no longer held"
            if conflict.holder is not None:
                holder = conflict.holder
                held = f"held by record {holder.id} of {await _unit(session, holder.unit_id)}"
                held += f" ({holder.state})"
            attempted = await _unit(session, attempt.unit_id)
            lines.append(
                f"{attempt.id}  campaign {code}  attempted from {attempted}"
                f" on {when:%Y-%m-%d %H:%M}  {held}"
            )
        return lines or ["no open conflicts"]

    for line in run_in_database(settings, work):
        print(line)
    return 0


def _resolve(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    resolution = Resolution.MOVE if args.move else Resolution.KEEP

    async def work(session: AsyncSession) -> str:
        try:
            conflict = await conflicts.resolve(
                session,
                args.id,
                resolution,
                reason=args.reason,
                actor_user_id=None,
                now=dt.datetime.now(settings.zone),
            )
        except ConflictError as error:
            fail(str(error))
        holder = conflict.holder
        if resolution is Resolution.MOVE and holder is not None:
            unit = await _unit(session, holder.unit_id)
            return f"conflict {args.id} resolved: record {holder.id} moved to {unit}"
        return f"conflict {args.id} resolved: the record stays where it is"

    print(run_in_database(settings, work))
    return 0


async def _unit(session: AsyncSession, unit_id: int) -> str:
    unit = await session.get(Unit, unit_id)
    return f"unit {unit.code}" if unit else f"unit #{unit_id}"
