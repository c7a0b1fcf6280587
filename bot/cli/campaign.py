"""``songnuan campaign create|list|show|update|close|withdraw``: campaigns and their deadlines.

A unit takes part in one campaign at a time: the bot finds a person's campaign by their unit,
so a second campaign open on the same unit at the same time would leave one of the two out of
everyone's reach. Such an overlap is refused here, naming the other campaign, rather than asked
about in the bot: the provincial union plans campaigns, and nobody on a phone can choose well
between two that should not both be open.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from bot.cli.common import clock_of, fail, run_use_case, settings_or_exit
from bot.settings import Settings
from bot.uow import UnitOfWork
from bot.usecases import campaigns
from bot.usecases.campaigns import CampaignChange, CampaignError, NewCampaign, check_pair
from flows.campaigns import DEADLINES
from flows.forms import available_forms
from flows.policy import policy_ids
from storage.repositories import campaigns as stored_campaigns

DEFAULT_LEVELS = "unit,department,province"
ENDED = {"close": "closed", "withdraw": "withdrawn"}
LEVELS = ("unit", "department", "province")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``campaign`` command."""
    parser = subparsers.add_parser("campaign", help="campaigns, their forms and deadlines")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a campaign")
    create.add_argument("code", help="short unique code, e.g. jilin-2020")
    create.add_argument("--name", required=True)
    create.add_argument("--form", required=True, help=f"form id: {', '.join(available_forms())}")
    create.add_argument("--policy", required=True, help=f"policy id: {', '.join(policy_ids())}")
    create.add_argument("--units", required=True, help="comma-separated unit codes in scope")
    _add_times(create, required=True)
    create.add_argument("--levels", default=DEFAULT_LEVELS, help="review chain, lowest first")
    create.set_defaults(handler=_create)
    actions.add_parser("list", help="list campaigns").set_defaults(handler=_list)
    show = actions.add_parser("show", help="show one campaign")
    show.add_argument("code")
    show.set_defaults(handler=_show)
    update = actions.add_parser("update", help="change a campaign's name, units or deadlines")
    update.add_argument("code")
    update.add_argument("--name")
    update.add_argument("--units", help="comma-separated unit codes: the whole new scope (audited)")
    _add_times(update, required=False)
    update.add_argument("--reason", help="why a deadline or the scope changes (audited)")
    update.set_defaults(handler=_update)
    for ending, text in (
        ("close", "stop a campaign early: no more registration or review; records stay"),
        ("withdraw", "withdraw a campaign created by mistake; its records stay on file"),
    ):
        action = actions.add_parser(ending, help=text)
        action.add_argument("code")
        action.add_argument("--reason", required=True, help="why (audited)")
        action.set_defaults(handler=_end, ending=ENDED[ending])


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


def _create(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    zone = settings.zone
    levels = [level.strip() for level in args.levels.split(",") if level.strip()]
    if not levels or any(level not in LEVELS for level in levels):
        fail(f"--levels: expected a comma-separated subset of {', '.join(LEVELS)}")
    new = NewCampaign(
        code=args.code,
        name=args.name,
        form_id=args.form,
        policy_id=args.policy,
        intake_opens=parse_local(args.intake_opens, zone),
        intake_closes=parse_local(args.intake_closes, zone),
        review_closes=parse_local(args.review_closes, zone),
        levels=tuple(levels),
        milestones=tuple(_milestones(args.milestone, zone)),
        unit_codes=args.units,
    )
    _refused_or(lambda: check_pair(args.form, args.policy, new.intake_opens.date()))

    async def main(uow: UnitOfWork) -> None:
        await campaigns.create(uow, new)

    _run(settings, main)
    print(f"created campaign {args.code}")
    return 0


def _list(_args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(uow: UnitOfWork) -> None:
        for campaign in await stored_campaigns.all_campaigns(uow.session):
            closes = campaign.intake_closes.astimezone(settings.zone)
            ended = f"  ({campaign.ended})" if campaign.ended else ""
            print(f"{campaign.code}  {campaign.name}  intake closes {closes:%Y-%m-%d %H:%M}{ended}")

    _run(settings, main)
    return 0


def _show(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(uow: UnitOfWork) -> None:
        campaign = await campaigns.by_code(uow, args.code)
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
        print(f"units          {', '.join(await campaigns.scope_codes(uow, campaign))}")
        if campaign.ended and campaign.ended_at:
            print(f"{campaign.ended:<15}{campaign.ended_at.astimezone(zone):%Y-%m-%d %H:%M %Z}")

    _run(settings, main)
    return 0


def _update(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    zone = settings.zone
    change = CampaignChange(
        name=args.name,
        intake_opens=parse_local(args.intake_opens, zone) if args.intake_opens else None,
        deadlines={
            field: parse_local(value, zone)
            for field in DEADLINES
            if (value := getattr(args, field))
        },
        milestones=tuple(_milestones(args.milestone, zone)) if args.milestone else None,
        unit_codes=args.units,
        reason=args.reason,
    )

    async def main(uow: UnitOfWork) -> None:
        await campaigns.update(uow, args.code, change)

    _run(settings, main)
    print(f"updated campaign {args.code}")
    return 0


def _end(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(uow: UnitOfWork) -> None:
        await campaigns.end(uow, clock_of(settings), args.code, args.ending, reason=args.reason)

    _run(settings, main)
    print(f"{args.ending} campaign {args.code}")
    return 0


def _run(settings: Settings, work: Callable[[UnitOfWork], Awaitable[None]]) -> None:
    """Run a campaign use case; a refusal is one line and exit status 2."""
    _refused_or(lambda: run_use_case(settings, work))


def _refused_or(action: Callable[[], object]) -> None:
    try:
        action()
    except CampaignError as error:
        fail(str(error))
