"""/status and the greeting: the person's current campaign and where their registration stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bot.clock import Clock
from bot.uow import UnitOfWork
from flows.access import Level
from flows.campaigns import CampaignTimes
from flows.forms import load_form
from flows.registration import RegistrationState
from flows.registration.screens.review import problems
from flows.reminders import questions_left
from flows.review import State
from storage.crypto import Vault
from storage.models import Campaign, User
from storage.repositories import campaigns, registrations, review


@dataclass(frozen=True)
class NotStarted:
    """No registration of the person's own in the campaign."""


@dataclass(frozen=True)
class DraftClosed:
    """A draft the intake closed on: it can no longer be finished or submitted."""

    closes: dt.datetime


@dataclass(frozen=True)
class DraftOpen:
    """A draft still open: how many questions are left and whether a cross-check fails."""

    left: int
    has_problems: bool


@dataclass(frozen=True)
class Submitted:
    """A record past its draft: its state, level and amount, and the officer's reason for a
    return or a rejection (as typed; the adapter masks numbers)."""

    state: State
    level: Level | None
    amount: Decimal | None
    returned_because: str | None = None
    rejected_because: str | None = None


Standing = NotStarted | DraftClosed | DraftOpen | Submitted


@dataclass(frozen=True)
class Status:
    """The person's campaign (its name and times) and where their registration stands."""

    campaign_name: str
    times: CampaignTimes
    now: dt.datetime
    standing: Standing


async def current_campaign(uow: UnitOfWork, clock: Clock, user: User) -> Campaign | None:
    """The campaign the person's unit takes part in now (none without a unit)."""
    if user.unit_id is None:
        return None
    return await campaigns.current_for_unit(uow.session, user.unit_id, clock.now())


async def status(uow: UnitOfWork, vault: Vault, clock: Clock, user: User) -> Status | None:
    """The person's campaign and registration; None when there is no campaign for them."""
    campaign = await current_campaign(uow, clock, user)
    if campaign is None:
        return None
    now = clock.now()
    standing = await _standing(uow, vault, now, user, campaign)
    return Status(campaign.name, CampaignTimes.of(campaign), now, standing)


async def _standing(
    uow: UnitOfWork, vault: Vault, now: dt.datetime, user: User, campaign: Campaign
) -> Standing:
    record = await registrations.latest_own(uow.session, campaign.id, user.id)
    if record is None:
        return NotStarted()
    state = State(record.state)
    if state is State.DRAFT and now >= campaign.intake_closes:
        # A draft can no longer be finished or submitted: "send /register to submit" would lie.
        return DraftClosed(campaign.intake_closes)
    if state is State.DRAFT:
        form = load_form(campaign.form_id)
        draft = RegistrationState.model_validate(registrations.open_state(vault, record))
        left = questions_left(form, draft)
        # Every question answered is not yet submittable: the cross-checks must hold too.
        return DraftOpen(left, not left and bool(problems(form, dict(draft.answers))))
    level = Level(record.level) if record.level else None
    if state is State.RETURNED:
        sealed = RegistrationState.model_validate(registrations.open_state(vault, record))
        return Submitted(state, level, record.aid_amount, returned_because=sealed.returned_because)
    if state is State.REJECTED:
        reason = await review.rejection_reason(uow.session, record.id)
        return Submitted(state, level, record.aid_amount, rejected_because=reason)
    return Submitted(state, level, record.aid_amount)
