"""Campaigns (``songnuan campaign``): creating one, changing it, closing or withdrawing it.

A unit takes part in one campaign at a time: the bot finds a person's campaign by their unit,
so a second campaign open on the same unit at the same time would leave one of the two out of
everyone's reach. Such an overlap is refused, naming the other campaign. Each function raises
:class:`CampaignError` with a line for the operator; moving deadlines is
:mod:`bot.usecases.deadlines`'s, as in the bot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.uow import UnitOfWork
from bot.usecases import deadlines
from bot.usecases.deadlines import MoveRefused
from flows.audit import AuditKind, CampaignUpdated
from flows.campaigns import in_order
from flows.campaigns.pairing import unasked_facts
from flows.forms import available_forms, load_form
from flows.policy import PolicyDateError, load_policy, policy_ids
from storage.models import Campaign
from storage.repositories import audit, campaigns, units

OUT_OF_ORDER = "the times must be in order: intake opens < intake closes <= review closes"


class CampaignError(ValueError):
    """A campaign change refused; the message says why, in one line."""


@dataclass(frozen=True)
class NewCampaign:
    """A campaign to create, as the operator described it."""

    code: str
    name: str
    form_id: str
    policy_id: str
    intake_opens: dt.datetime
    intake_closes: dt.datetime
    review_closes: dt.datetime
    levels: tuple[str, ...]
    milestones: tuple[Mapping[str, str], ...]
    unit_codes: str  # comma-separated


@dataclass(frozen=True)
class CampaignChange:
    """What to change in a campaign (None or empty: unchanged), and why."""

    name: str | None = None
    intake_opens: dt.datetime | None = None
    deadlines: Mapping[str, dt.datetime] = field(default_factory=dict)
    milestones: tuple[Mapping[str, str], ...] | None = None
    unit_codes: str | None = None  # comma-separated: the whole new scope
    reason: str | None = None


def check_pair(form_id: str, policy_id: str, on: dt.date) -> None:
    """Refuse an unknown form or policy, or a pair whose form never asks what the policy reads."""
    if form_id not in available_forms():
        raise CampaignError(f"no form {form_id!r}; known: {', '.join(available_forms())}")
    if policy_id not in policy_ids():
        raise CampaignError(f"no policy {policy_id!r}; known: {', '.join(policy_ids())}")
    try:
        unasked = _unasked(form_id, policy_id, on)
    except PolicyDateError as error:
        raise CampaignError(
            f"policy {policy_id}: {error} (the campaign opens {on:%Y-%m-%d})"
        ) from None
    if unasked:
        fits = [form for form in available_forms() if not _unasked(form, policy_id, on)]
        raise CampaignError(
            f"form {form_id} does not ask what policy {policy_id} reads ({', '.join(unasked)}); "
            f"forms that fit policy {policy_id}: {', '.join(fits) or 'none'}"
        )


async def create(uow: UnitOfWork, new: NewCampaign) -> Campaign:
    """Create the campaign on its units (audited); its form must fit its policy (checked by
    :func:`check_pair` first) and no unit may be in another campaign at the same time."""
    session = uow.session
    if await campaigns.by_code(session, new.code):
        raise CampaignError(f"a campaign with code {new.code!r} exists already")
    unit_ids = await _unit_ids(uow, new.unit_codes)
    campaign = Campaign(
        code=new.code,
        name=new.name,
        form_id=new.form_id,
        policy_id=new.policy_id,
        intake_opens=new.intake_opens,
        intake_closes=new.intake_closes,
        review_closes=new.review_closes,
        levels=list(new.levels),
        milestones=[dict(milestone) for milestone in new.milestones],
    )
    _check_order(campaign)
    await _refuse_overlap(uow, campaign, unit_ids)
    session.add(campaign)
    await session.flush()
    await campaigns.add_units(session, campaign, unit_ids)
    audit.record(session, AuditKind.CAMPAIGN_CREATED, campaign_id=campaign.id)
    return campaign


async def update(uow: UnitOfWork, code: str, change: CampaignChange) -> None:
    """Change a campaign's name, times, milestones or units (audited, with the reason a
    deadline or the scope needs); a unit with records stays in its campaign."""
    session = uow.session
    campaign = await by_code(uow, code)
    changes: dict[str, str] = {}
    if change.name:
        campaign.name = change.name
        changes["name"] = change.name
    if change.intake_opens:
        campaign.intake_opens = change.intake_opens
        changes["intake_opens"] = campaign.intake_opens.isoformat()
    if change.deadlines and not change.reason:
        raise CampaignError("moving a deadline needs --reason")
    if change.deadlines:
        assert change.reason is not None
        moved = await deadlines.move_deadlines(
            uow, campaign.id, change.deadlines, reason=change.reason, actor=None
        )
        if isinstance(moved, MoveRefused):
            raise CampaignError(OUT_OF_ORDER)
        changes.update((done.deadline, done.moment.isoformat()) for done in moved)
    if change.milestones is not None:
        campaign.milestones = [dict(milestone) for milestone in change.milestones]
        changes["milestones"] = ", ".join(m["name"] for m in campaign.milestones)
    scope = await campaigns.unit_ids(session, campaign.id)
    if change.unit_codes is not None:
        scope = await _new_scope(uow, campaign, change.unit_codes, change.reason)
        changes["units"] = change.unit_codes
    if not changes:
        raise CampaignError("nothing to change: give --name, --units, a time or --milestone")
    _check_order(campaign)
    if campaign.ended is None:
        await _refuse_overlap(uow, campaign, scope)
    audit.record(
        session,
        AuditKind.CAMPAIGN_UPDATED,
        campaign_id=campaign.id,
        reason=change.reason,
        details=CampaignUpdated.model_validate(changes),
    )


async def end(uow: UnitOfWork, clock: Clock, code: str, ending: str, *, reason: str) -> None:
    """Close a campaign early or withdraw one made by mistake (audited); its records stay."""
    campaign = await by_code(uow, code)
    if campaign.ended:
        raise CampaignError(f"campaign {code} is {campaign.ended} already")
    campaigns.end(uow.session, campaign, ending, clock.now(), reason=reason, actor_user_id=None)


async def by_code(uow: UnitOfWork, code: str) -> Campaign:
    """The campaign with this code; raises CampaignError if there is none."""
    campaign = await campaigns.by_code(uow.session, code)
    if campaign is None:
        raise CampaignError(f"no campaign with code {code!r} (see `songnuan campaign list`)")
    return campaign


async def scope_codes(uow: UnitOfWork, campaign: Campaign) -> list[str]:
    """The codes of the units in the campaign's scope."""
    scope = await campaigns.unit_ids(uow.session, campaign.id)
    return [unit.code for unit in await units.all_units(uow.session) if unit.id in scope]


def _check_order(campaign: Campaign) -> None:
    if not in_order(campaign.intake_opens, campaign.intake_closes, campaign.review_closes):
        raise CampaignError(OUT_OF_ORDER)


def _unasked(form_id: str, policy_id: str, on: dt.date) -> tuple[str, ...]:
    return unasked_facts(load_form(form_id), load_policy(policy_id), on)


async def _unit_ids(uow: UnitOfWork, codes: str) -> list[int]:
    unit_ids = []
    for code in (code.strip() for code in codes.split(",") if code.strip()):
        unit = await units.by_code(uow.session, code)
        if unit is None:
            raise CampaignError(f"no unit with code {code!r} (see `songnuan unit list`)")
        if unit.id not in unit_ids:
            unit_ids.append(unit.id)
    if not unit_ids:
        raise CampaignError("--units: give at least one unit code")
    return unit_ids


async def _refuse_overlap(uow: UnitOfWork, campaign: Campaign, unit_ids: list[int]) -> None:
    session = uow.session
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
    raise CampaignError(
        f"campaign {other.code} ({other.name}) is open on {', '.join(codes[i] for i in shared)} "
        "at the same time: a unit takes part in one campaign at a time; change the units or "
        f"the times, or close {other.code} first (`songnuan campaign close {other.code}`)"
    )


async def _new_scope(
    uow: UnitOfWork, campaign: Campaign, codes: str, reason: str | None
) -> list[int]:
    """Make the units ``codes`` the campaign's scope; a unit with records in it stays."""
    session = uow.session
    if not reason:
        raise CampaignError("changing the units needs --reason")
    scope = await _unit_ids(uow, codes)
    kept = await campaigns.units_with_records(session, campaign)
    if dropped := kept - set(scope):
        names = {unit.id: unit.code for unit in await units.all_units(session)}
        raise CampaignError(
            f"{', '.join(sorted(names[i] for i in dropped))} ha(s) records in {campaign.code}: "
            "a unit with records stays in its campaign"
        )
    await campaigns.set_units(session, campaign, scope)
    return scope
