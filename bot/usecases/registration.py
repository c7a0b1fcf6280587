"""One turn of the registration: open the draft, step the machine, store, submit.

The turn's effects are written in the unit of work and not committed: the adapter plans the
reply from the returned :class:`Turn` and commits both together (:mod:`bot.outbox`), so that
whatever the bot acknowledges is in the database first. The draft (its sealed state) is the
conversation's only state, so a restart, a crash or a new phone continues exactly where the
person stopped. What happens to an answer is the machine's (:mod:`flows.registration`); which
moves a record may make is the review's (:mod:`flows.review`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.uow import UnitOfWork
from bot.usecases import policy_checks
from bot.usecases.submitting import submit
from flows.access import OFFICER_LEVELS, Actor, Refused
from flows.audit import AuditKind
from flows.campaigns import CampaignTimes, resubmission_deadline, resubmission_open
from flows.forms import Form, load_form
from flows.i18n import Message
from flows.policy import Outcome
from flows.policy.stored import stored_result
from flows.registration import (
    ConsentDeclined,
    ConsentGiven,
    DeleteConfirmed,
    Event,
    Pause,
    RegistrationState,
    SensitiveInputRead,
    Step,
    SubmitConfirmed,
    SubmitRequested,
    UniqueCheck,
    duplicate_found,
    new_state,
    step,
)
from flows.review import State, delete
from storage.crypto import Vault
from storage.models import Campaign, Registration, User
from storage.repositories import audit, conflicts, registrations, review
from storage.repositories.registrations import Whose

OFFICER_ROLES = frozenset(role.value for role in OFFICER_LEVELS)


@dataclass
class Draft:
    """A person's registration in the current campaign, opened for one turn."""

    campaign: Campaign
    form: Form
    registration: Registration | None
    state: RegistrationState


class Stop(enum.Enum):
    """Why a turn changed nothing (nothing to answer)."""

    NO_UNIT = "no_unit"  # not linked to a unit: the invitation link first
    NO_CAMPAIGN = "no_campaign"  # no campaign for the unit now
    OFFICER_NOTHING_OPEN = "officer_nothing_open"  # an officer's stray message
    NOTHING_TO_PAUSE = "nothing_to_pause"
    NO_DRAFT = "no_draft"


@dataclass(frozen=True)
class NotYetOpen:
    """The campaign's registration opens later."""

    campaign_name: str
    opens: dt.datetime


@dataclass(frozen=True)
class Closed:
    """Past the deadline the record answered to: nothing more can be entered or submitted."""

    campaign_name: str
    closes: dt.datetime
    has_draft: bool


@dataclass(frozen=True)
class TurnRefused:
    """The review refused the step's submission; nothing of the turn is kept (rolled back)."""

    message: Message


@dataclass(frozen=True)
class Turn:
    """A step taken and stored (not committed): the form, the state before, the step, the
    pre-checks to show above its screens, and the record (``submitted``: it was submitted)."""

    form: Form
    before: RegistrationState
    step: Step
    prechecks: tuple[Outcome, ...]
    registration_id: int
    submitted: bool


TurnResult = Stop | NotYetOpen | Closed | TurnRefused | Turn


async def take_turn(
    uow: UnitOfWork,
    vault: Vault,
    clock: Clock,
    user: User,
    event: Event,
    *,
    zone: ZoneInfo,
    start: Literal["own", "on_behalf"] | None = None,
) -> TurnResult:
    """Apply ``event`` to the person's current draft.

    ``start`` begins a draft if there is none: the person's own, or (for a unit officer) one
    entered on behalf of a worker of their unit, which records the officer as its author.
    """
    draft = await _open_draft(uow, vault, clock, user, start or "latest")
    nothing_open = not isinstance(draft, Draft) or draft.registration is None
    if nothing_open and not start and not isinstance(event, Pause) and user.role in OFFICER_ROLES:
        # An officer's stray message is seldom meant for a registration of their own.
        return Stop.OFFICER_NOTHING_OPEN
    if not isinstance(draft, Draft):
        return draft
    if draft.registration is None and not start:
        return Stop.NOTHING_TO_PAUSE if isinstance(event, Pause) else Stop.NO_DRAFT
    closed = _closed(draft, clock.now(), event)
    if closed is not None:
        return closed
    now = clock.now()
    today = now.date()
    result = step(draft.form, draft.state, event, today)
    result = await _check_uniqueness(uow, vault, clock, user, draft, result, today)
    registration = _save(uow, vault, clock, user, draft, result, own=start != "on_behalf")
    await uow.session.flush()
    known = await _known_facts(uow, vault, registration, result)
    submitting: list[Registration] = []
    try:
        prechecks = _act(uow, vault, now, user, draft, registration, result, known, submitting)
        for record in submitting:
            await submit(uow.session, vault, record, await _actor(uow, user), now, zone=zone)
    except Refused as refused:
        await uow.rollback()
        return TurnRefused(refused.message)
    submitted = any(isinstance(effect, SubmitConfirmed) for effect in result.effects)
    return Turn(draft.form, draft.state, result, prechecks, registration.id, submitted)


async def _open_draft(
    uow: UnitOfWork, vault: Vault, clock: Clock, user: User, whose: Whose
) -> Draft | Stop | NotYetOpen:
    """The draft ``whose`` it is: /register opens the person's own, /enter the one they enter
    for a worker, and an answer goes on with whichever the person was at last."""
    if user.unit_id is None:
        return Stop.NO_UNIT
    now = clock.now()
    campaign, registration = await registrations.in_current_campaign(
        uow.session, user.unit_id, user.id, now, whose
    )
    if campaign is None:
        return Stop.NO_CAMPAIGN
    if now < campaign.intake_opens:
        return NotYetOpen(campaign.name, campaign.intake_opens)
    form = load_form(campaign.form_id)
    own = whose != "on_behalf"
    if registration is None and own:
        # No draft: the person's record, submitted by them or entered for them by an officer.
        registration = await registrations.own_record(uow.session, campaign.id, user.id)
    if registration is None:
        return Draft(campaign, form, None, new_state(form.id, on_behalf=not own))
    sealed = registrations.open_state(vault, registration)
    return Draft(campaign, form, registration, RegistrationState.model_validate(sealed))


def _closed(draft: Draft, now: dt.datetime, event: Event) -> Closed | None:
    """Past the deadline, every answer is refused by name of the deadline, and so is /register
    at once (it would show a question or a Submit that can no longer be used).

    A record returned for correction answers an officer's request, which may come after the
    intake closed: it can be corrected for as long as the officers can still decide. A
    submitted record is not refused: resuming it only says where it stands.
    """
    if isinstance(event, Pause):
        return None
    if draft.registration is not None and draft.registration.state not in (
        State.DRAFT,
        State.RETURNED,
    ):
        return None
    campaign = draft.campaign
    times = CampaignTimes.of(campaign)
    returned = draft.registration is not None and draft.registration.state is State.RETURNED
    if returned:
        if resubmission_open(times, now):
            return None
        closes = resubmission_deadline(times)
    elif now < campaign.intake_closes:
        return None
    else:
        closes = campaign.intake_closes
    return Closed(campaign.name, closes, draft.registration is not None)


async def _check_uniqueness(
    uow: UnitOfWork,
    vault: Vault,
    clock: Clock,
    user: User,
    draft: Draft,
    result: Step,
    today: dt.date,
) -> Step:
    """One registration per resident ID per campaign, across every unit."""
    for effect in result.effects:
        if not isinstance(effect, UniqueCheck):
            continue
        digest = vault.blind_index(effect.value)
        holder = await registrations.holder_of(uow.session, draft.campaign.id, digest)
        mine = draft.registration is not None and holder is draft.registration
        if holder is not None and not mine:
            # Kept for the province's conflicts list; the person learns nothing about the holder.
            assert user.unit_id is not None
            await conflicts.record_attempt(
                uow.session,
                campaign_id=draft.campaign.id,
                resident_id_hash=digest,
                unit_id=user.unit_id,
                user_id=user.id,
                now=clock.now(),
            )
            found = duplicate_found(
                effect.field_id, await _actor(uow, user), holder.id, holder.unit_id
            )
            refused = step(draft.form, draft.state, found, today)
            # The typed number leaves the chat as every other ID message does.
            removed = tuple(e for e in result.effects if isinstance(e, SensitiveInputRead))
            return Step(refused.state, refused.screens, (*removed, *refused.effects))
    return result


def _save(
    uow: UnitOfWork,
    vault: Vault,
    clock: Clock,
    user: User,
    draft: Draft,
    result: Step,
    own: bool,
) -> Registration:
    """Seal the new state into the draft, creating the draft on its first answer."""
    state = result.state
    registration = draft.registration
    if registration is None:
        assert user.unit_id is not None
        registration = registrations.new_draft(
            uow.session,
            vault,
            campaign_id=draft.campaign.id,
            unit_id=user.unit_id,
            entered_by_user_id=user.id,
            subject_user_id=user.id if own else None,
            state=state,
        )
    else:
        registrations.seal_state(vault, registration, state)
    for effect in result.effects:
        if isinstance(effect, UniqueCheck):
            registration.resident_id_hash = vault.blind_index(effect.value)
    registrations.touch(registration, clock.now())
    return registration


def _act(
    uow: UnitOfWork,
    vault: Vault,
    now: dt.datetime,
    user: User,
    draft: Draft,
    registration: Registration,
    result: Step,
    known: dict[str, object],
    submitting: list[Registration],
) -> tuple[Outcome, ...]:
    """Record what the step did; the pre-checks to show above its screens, records to submit.

    ``known`` holds facts the union established itself (the Party-aided list), which the
    pre-check takes over what the person answered. Raises :class:`~flows.access.Refused` when
    the step would delete a record past its draft.
    """
    shown: list[Outcome] = []
    for effect in result.effects:
        kind: AuditKind | None = None
        if isinstance(effect, ConsentGiven):
            kind = AuditKind.CONSENT_GIVEN
        elif isinstance(effect, ConsentDeclined):
            kind = AuditKind.CONSENT_DECLINED
        elif isinstance(effect, SubmitRequested):
            shown.append(policy_checks.check(draft, result.state.answers, now, known))
        elif isinstance(effect, SubmitConfirmed):
            outcome = policy_checks.check(draft, result.state.answers, now, known)
            checked = stored_result(outcome)
            before = registrations.precheck_of(vault, registration)
            registrations.set_precheck(vault, registration, checked.with_marks_of(before))
            submitting.append(registration)
        elif isinstance(effect, DeleteConfirmed):
            registration.state = delete(registration.state)
            registration.resident_id_hash = None
            kind = AuditKind.DRAFT_DELETED
        if kind is not None:
            audit.record(
                uow.session,
                kind,
                actor_user_id=user.id,
                registration_id=registration.id,
                campaign_id=draft.campaign.id,
            )
    return tuple(shown)


async def _actor(uow: UnitOfWork, user: User) -> Actor:
    return await review.actor_for(uow.session, user)


async def _known_facts(
    uow: UnitOfWork, vault: Vault, registration: Registration, result: Step
) -> dict[str, object]:
    if not any(isinstance(e, SubmitRequested | SubmitConfirmed) for e in result.effects):
        return {}
    return await policy_checks.known_facts(uow.session, vault, registration)
