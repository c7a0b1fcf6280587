"""``songnuan recheck``: records checked again under today's policy files, with the differences.

A record keeps the result it was checked with (policy version, outcome, rules, figures); a
changed policy file never rewrites it. This shows, record by record, what the policy would say
now and what differs, so the union can decide what to do about it.
"""

from __future__ import annotations

import argparse
import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit, vault_of
from bot.usecases.policy_checks import recheck
from flows.policy.stored import differences
from flows.review import State
from storage.models import Registration
from storage.repositories import campaigns, registrations

UNCHECKED_STATES = (State.DRAFT, State.DELETED)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``recheck`` command."""
    parser = subparsers.add_parser(
        "recheck", help="check submitted records again under today's policy files"
    )
    parser.add_argument("--campaign", required=True, help="the campaign's code")
    parser.add_argument("--record", type=int, help="only this record")
    parser.set_defaults(handler=_recheck)


def _recheck(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    vault = vault_of(settings)

    async def work(session: AsyncSession) -> list[str]:
        campaign = await campaigns.by_code(session, args.campaign)
        if campaign is None:
            fail(f"no campaign {args.campaign!r}")
        query = select(Registration).where(
            Registration.campaign_id == campaign.id,
            Registration.state.not_in(UNCHECKED_STATES),
        )
        if args.record is not None:
            query = query.where(Registration.id == args.record)
        lines = []
        now = dt.datetime.now(settings.zone)
        for record in (await session.scalars(query.order_by(Registration.id))).all():
            fresh = await recheck(session, vault, record, now)
            changed = differences(registrations.precheck_of(vault, record), fresh)
            if changed:
                lines.append(f"record {record.id}: differs")
                lines.extend(f"  {line}" for line in changed)
            else:
                lines.append(f"record {record.id}: unchanged ({fresh.outcome})")
        return lines

    lines = run_in_database(settings, work)
    if not lines:
        fail("no submitted records to check" + (f" (record {args.record})" if args.record else ""))
    print("\n".join(lines))
    return 0
