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
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import fail, run_in_database, settings_or_exit
from flows.audit import AuditKind, CampaignUpdated
from flows.campaigns.pairing import unasked_facts
from flows.forms import available_forms, load_form
from flows.policy import PolicyDateError, load_policy, policy_ids
from storage.models import Campaign
from storage.repositories import audit, campaigns, units

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


def _check_order(campaign: Campaign) -> None:
    if not campaign.intake_opens < campaign.intake_closes <= campaign.review_closes:
        fail("the times must be in order: intake opens < intake closes <= review closes")


def _check_pair(form_id: str, policy_id: str, on: dt.date) -> None:
    """Refuse an unknown form or policy, or a pair whose form never asks what the policy reads."""
    if form_id not in available_forms():
        fail(f"no form {form_id!r}; known: {', '.join(available_forms())}")
    if policy_id not in policy_ids():
        fail(f"no policy {policy_id!r}; known: {', '.join(policy_ids())}")
    try:
        unasked = _unasked(form_id, policy_id, on)
    except PolicyDateError as error:
        fail(f"policy {policy_id}: {error} (the campaign opens {on:%Y-%m-%d})")
    if unasked:
        fits = [form for form in available_forms() if not _unasked(form, policy_id, on)]
        fail(
            f"form {form_id} does not ask what policy {policy_id} reads ({', '.join(unasked)}); "
            f"forms that fit policy {policy_id}: {', '.join(fits) or 'none'}"
        )


def _unasked(form_id: str, policy_id: str, on: dt.date) -> tuple[str, ...]:
    return unasked_facts(load_form(form_id), load_policy(policy_id), on)


async def _unit_ids(session: AsyncSession, codes: str) -> list[int]:
    unit_ids = []
    for code in (code.strip() for code in codes.split(",") if code.strip()):
        unit = await units.by_code(session, code)
        if unit is None:
            fail(f"no unit with code {code!r} (see `songnuan unit list`)")
        if unit.id not in unit_ids:
            unit_ids.append(unit.id)
    if not unit_ids:
        fail("--units: give at least one unit code")
    return unit_ids


async def _refuse_overlap(session: AsyncSession, campaign: Campaign, unit_ids: list[int]) -> None:
    clashes = await campaigns.overlapping(
        session,
        unit_ids,
        campaign.intake_opens,
        campaign.review_closes,
        other_than=campaign.id,
    )
    if not clashes:
        return
    codes = {unit.id: unit.code for unit in await units.all_units(session)}
    other, shared = clashes[0]
    fail(
        f"campaign {other.code} ({other.name}) is open on {', '.join(codes[i] for i in shared)} "
        "at the same time: a unit takes part in one campaign at a time; change the units or "
        f"the times, or close {other.code} first (`songnuan campaign close {other.code}`)"
    )


def _create(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    zone = settings.zone
    levels = [level.strip() for level in args.levels.split(",") if level.strip()]
    if not levels or any(level not in LEVELS for level in levels):
        fail(f"--levels: expected a comma-separated subset of {', '.join(LEVELS)}")
    _check_pair(args.form, args.policy, parse_local(args.intake_opens, zone).date())

    async def main(session: AsyncSession) -> None:
        if await campaigns.by_code(session, args.code):
            fail(f"a campaign with code {args.code!r} exists already")
        unit_ids = await _unit_ids(session, args.units)
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
        await _refuse_overlap(session, campaign, unit_ids)
        session.add(campaign)
        await session.flush()
        await campaigns.add_units(session, campaign, unit_ids)
        audit.record(session, AuditKind.CAMPAIGN_CREATED, campaign_id=campaign.id)

    run_in_database(settings, main)
    print(f"created campaign {args.code}")
    return 0


def _list(_args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(session: AsyncSession) -> None:
        for campaign in await campaigns.all_campaigns(session):
            closes = campaign.intake_closes.astimezone(settings.zone)
            ended = f"  ({campaign.ended})" if campaign.ended else ""
            print(f"{campaign.code}  {campaign.name}  intake closes {closes:%Y-%m-%d %H:%M}{ended}")

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
        if campaign.ended and campaign.ended_at:
            print(f"{campaign.ended:<15}{campaign.ended_at.astimezone(zone):%Y-%m-%d %H:%M %Z}")

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
        scope = await campaigns.unit_ids(session, campaign.id)
        if args.units:
            scope = await _new_scope(session, campaign, args.units, args.reason)
            changes["units"] = args.units
        if not changes:
            fail("nothing to change: give --name, --units, a time or --milestone")
        _check_order(campaign)
        if campaign.ended is None:
            await _refuse_overlap(session, campaign, scope)
        audit.record(
            session,
            AuditKind.CAMPAIGN_UPDATED,
            campaign_id=campaign.id,
            reason=args.reason,
            details=CampaignUpdated.model_validate(changes),
        )

    run_in_database(settings, main)
    print(f"updated campaign {args.code}")
    return 0


async def _new_scope(
    session: AsyncSession, campaign: Campaign, codes: str, reason: str | None
) -> list[int]:
    """Make the units ``codes`` the campaign's scope; a unit with records in it stays."""
    if not reason:
        fail("changing the units needs --reason")
    scope = await _unit_ids(session, codes)
    kept = await campaigns.units_with_records(session, campaign)
    if dropped := kept - set(scope):
        names = {unit.id: unit.code for unit in await units.all_units(session)}
        fail(
            f"{', '.join(sorted(names[i] for i in dropped))} ha(s) records in {campaign.code}: "
            "a unit with records stays in its campaign"
        )
    await campaigns.set_units(session, campaign, scope)
    return scope


def _end(args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def main(session: AsyncSession) -> None:
        campaign = await _campaign(session, args.code)
        if campaign.ended:
            fail(f"campaign {args.code} is {campaign.ended} already")
        campaigns.end(
            session,
            campaign,
            args.ending,
            dt.datetime.now(settings.zone),
            reason=args.reason,
            actor_user_id=None,
        )

    run_in_database(settings, main)
    print(f"{args.ending} campaign {args.code}")
    return 0


async def _campaign(session: AsyncSession, code: str) -> Campaign:
    campaign = await campaigns.by_code(session, code)
    if campaign is None:
        fail(f"no campaign with code {code!r} (see `songnuan campaign list`)")
    return campaign
