"""``songnuan campaign create|list|show|update``: campaigns and their deadlines."""

from __future__ import annotations

import argparse
import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from storage.models import Campaign
from storage.repositories import audit, campaigns, units

DEFAULT_LEVELS = "unit,department,province"
LEVELS = ("unit", "department", "province")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``campaign`` command."""
    parser = subparsers.add_parser("campaign", help="campaigns, their forms and deadlines")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a campaign")
    create.add_argument("code", help="short unique code, e.g. jilin-2020")
    create.add_argument("--name", required=True)
    create.add_argument("--form", required=True, help="form id, e.g. jilin-2020")
    create.add_argument("--policy", required=True, help="policy id, e.g. jilin-2020")
    create.add_argument("--units", required=True, help="comma-separated unit codes in scope")
    _add_times(create, required=True)
    create.add_argument("--levels", default=DEFAULT_LEVELS, help="review chain, lowest first")
    create.set_defaults(handler=_create)
    actions.add_parser("list", help="list campaigns").set_defaults(handler=_list)
    show = actions.add_parser("show", help="show one campaign")
    show.add_argument("code")
    show.set_defaults(handler=_show)
    update = actions.add_parser("update", help="change a campaign's name or deadlines")
    update.add_argument("code")
    update.add_argument("--name")
    _add_times(update, required=False)
    update.add_argument("--reason", help="why a deadline moves (audited)")
    update.set_defaults(handler=_update)


def _add_times(parser: argparse.ArgumentParser, *, required: bool) -> None:
    for name in ("intake-opens", "intake-closes", "review-closes"):
        parser.add_argument(
            f"--{name}", required=required, help="local time, e.g. 2019-12-28T16:00"
        )
    parser.add_argument(
        "--milestone",
        action="append",
        default=[],
        metavar="NAME=TIME",
        help="a further dated milestone to remind, e.g. '纸质材料报送=2019-12-31T17:00'",
    )


def parse_local(value: str, zone: ZoneInfo) -> dt.datetime:
    """An ISO time, read in the installation's time zone unless it names its own offset."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        fail(f"{value!r} is not a time: expected e.g. 2019-12-28T16:00")
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _milestones(values: list[str], zone: ZoneInfo) -> list[dict[str, str]]:
    milestones = []
    for value in values:
        name, separator, moment = value.partition("=")
        if not separator or not name.strip():
            fail(f"--milestone {value!r}: expected NAME=TIME")
        milestones.append({"name": name.strip(), "at": parse_local(moment, zone).isoformat()})
    return milestones


def _check_order(campaign: Campaign) -> None:
    if not campaign.intake_opens < campaign.intake_closes <= campaign.review_closes:
        fail("the times must be in order: intake opens < intake closes <= review closes")


def _create(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    zone = settings.zone
    levels = [level.strip() for level in args.levels.split(",") if level.strip()]
    if not levels or any(level not in LEVELS for level in levels):
        fail(f"--levels: expected a comma-separated subset of {', '.join(LEVELS)}")

    async def main(session: AsyncSession) -> None:
        if await campaigns.by_code(session, args.code):
            fail(f"a campaign with code {args.code!r} exists already")
        unit_ids = []
        for code in args.units.split(","):
            unit = await units.by_code(session, code.strip())
            if unit is None:
                fail(f"no unit with code {code.strip()!r} (see `songnuan unit list`)")
            unit_ids.append(unit.id)
        campaign = Campaign(
            code=args.code,
            name=args.name,
            form_id=args.form,
            policy_id=args.policy,
            intake_opens=parse_local(args.intake_opens, zone),
            intake_closes=parse_local(args.intake_closes, zone),
            review_closes=parse_local(args.review_closes, zone),
            levels=levels,
            milestones=_milestones(args.milestone, zone),
        )
        _check_order(campaign)
        session.add(campaign)
        await session.flush()
        await campaigns.add_units(session, campaign, unit_ids)
        audit.record(session, "campaign_created", campaign_id=campaign.id)

    run_in_database(settings, main)
    print(f"created campaign {args.code}")
    return 0


def _list(_args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(session: AsyncSession) -> None:
        for campaign in await campaigns.all_campaigns(session):
            closes = campaign.intake_closes.astimezone(settings.zone)
            print(f"{campaign.code}  {campaign.name}  intake closes {closes:%Y-%m-%d %H:%M}")

    run_in_database(settings, main)
    return 0


def _show(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(session: AsyncSession) -> None:
        campaign = await _campaign(session, args.code)
        zone = settings.zone
        print(f"code           {campaign.code}")
        print(f"name           {campaign.name}")
        print(f"form, policy   {campaign.form_id}, {campaign.policy_id}")
        print(f"review levels  {' → '.join(campaign.levels)}")
        for label, moment in (
            ("intake opens", campaign.intake_opens),
            ("intake closes", campaign.intake_closes),
            ("review closes", campaign.review_closes),
        ):
            print(f"{label:<15}{moment.astimezone(zone):%Y-%m-%d %H:%M %Z}")
        for milestone in campaign.milestones:
            at = dt.datetime.fromisoformat(milestone["at"]).astimezone(zone)
            print(f"milestone      {milestone['name']}: {at:%Y-%m-%d %H:%M %Z}")
        scope = await campaigns.unit_ids(session, campaign.id)
        names = [unit.code for unit in await units.all_units(session) if unit.id in scope]
        print(f"units          {', '.join(names)}")

    run_in_database(settings, main)
    return 0


def _update(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    zone = settings.zone

    async def main(session: AsyncSession) -> None:
        campaign = await _campaign(session, args.code)
        changes: dict[str, str] = {}
        if args.name:
            campaign.name = args.name
            changes["name"] = args.name
        if args.intake_opens:
            campaign.intake_opens = parse_local(args.intake_opens, zone)
            changes["intake_opens"] = campaign.intake_opens.isoformat()
        deadlines = {
            field: parse_local(value, zone)
            for field in campaigns.DEADLINES
            if (value := getattr(args, field))
        }
        if deadlines and not args.reason:
            fail("moving a deadline needs --reason")
        # Moving both: the registration first unless that would pass the review's current close.
        intake = deadlines.get("intake_closes")
        intake_first = intake is None or intake <= campaign.review_closes
        order = ("intake_closes", "review_closes") if intake_first else campaigns.DEADLINES[::-1]
        for field in (name for name in order if name in deadlines):
            try:
                campaigns.move_deadline(
                    session, campaign, field, deadlines[field], reason=args.reason,
                    actor_user_id=None,
                )  # fmt: skip
            except campaigns.DeadlineError:
                fail("the times must be in order: intake opens < intake closes <= review closes")
            changes[field] = deadlines[field].isoformat()
        if args.milestone:
            campaign.milestones = _milestones(args.milestone, zone)
            changes["milestones"] = ", ".join(m["name"] for m in campaign.milestones)
        if not changes:
            fail("nothing to change: give --name, a time or --milestone")
        _check_order(campaign)
        audit.record(
            session,
            "campaign_updated",
            campaign_id=campaign.id,
            reason=args.reason,
            details=changes,
        )

    run_in_database(settings, main)
    print(f"updated campaign {args.code}")
    return 0


async def _campaign(session: AsyncSession, code: str) -> Campaign:
    campaign = await campaigns.by_code(session, code)
    if campaign is None:
        fail(f"no campaign with code {code!r} (see `songnuan campaign list`)")
    return campaign
