"""One turn of the registration: load the draft, step the machine, store, then reply.

The order is the promise made to the person: whatever the bot acknowledges is in the database
first. The draft (its sealed state) is the conversation's only state, so a restart, a crash or
a new phone continues exactly where the person stopped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from telegram import Update

from bot.context import BotContext
from bot.documents import keep_copies
from bot.officers.menus import is_officer
from bot.outbox import commit_and_send
from bot.people import Person
from bot.registration import precheck
from bot.registration.replying import plan_reply, say
from flows.access import Actor, Refused
from flows.audit import AuditKind
from flows.campaigns import CampaignTimes, resubmission_deadline, resubmission_open
from flows.forms import Form, load_form
from flows.i18n import N_
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
from flows.review import State
from storage.models import Campaign, Registration
from storage.repositories import audit, conflicts, registrations, review
from storage.repositories.registrations import Whose

NO_UNIT = N_(
    "You are not linked to a union unit yet. Please open the invitation link your union "
    "officer sent you, then send /register."
)
NO_CAMPAIGN = N_("There is no Send Warmth campaign open for your unit at the moment.")
NOT_YET_OPEN = N_("Registration for {campaign} opens on {opens}. Please come back then.")
CLOSED = N_(
    "Registration for {campaign} closed on {closes}, so nothing more can be entered or "
    "submitted. Your draft is kept; please contact your union officer."
)
CLOSED_NO_DRAFT = N_(
    "Registration for {campaign} closed on {closes}, so no new registration can be started. "
    "If you think you should still register, please contact your union officer."
)
NOTHING_TO_PAUSE = N_("There is nothing to pause. Send /register to start your registration.")


@dataclass
class Draft:
    """A person's registration in the current campaign, opened for one turn."""

    campaign: Campaign
    form: Form
    registration: Registration | None
    state: RegistrationState


async def take_turn(
    update: Update,
    context: BotContext,
    person: Person,
    event: Event,
    *,
    start: Literal["own", "on_behalf"] | None = None,
) -> None:
    """Apply ``event`` to the person's current draft.

    ``start`` begins a draft if there is none: the person's own, or (for a unit officer) one
    entered on behalf of a worker of their unit, which records the officer as its author.
    """
    draft = await _open_draft(context, person, start or "latest")
    nothing_open = isinstance(draft, str) or draft.registration is None
    if nothing_open and not start and not isinstance(event, Pause) and is_officer(person.user.role):
        # An officer's stray message is seldom meant for a registration of their own.
        await context.uow.commit()
        await say(update, person.t(OFFICER_NOTHING_OPEN))
        return
    if isinstance(draft, str):
        await context.uow.commit()
        await say(update, draft)
        return
    if draft.registration is None and not start:
        await context.uow.commit()
        await say(update, person.t(NOTHING_TO_PAUSE if isinstance(event, Pause) else NO_DRAFT))
        return
    closed = _closed_notice(draft, context, person, event)
    if closed is not None:
        await context.uow.commit()
        await say(update, closed)
        return
    now = context.services.clock.now()
    today = now.date()
    result = step(draft.form, draft.state, event, today)
    result = await _check_uniqueness(context, person, draft, result, today)
    registration = _save(context, person, draft, result, own=start != "on_behalf")
    await context.session.flush()
    known = await _known_facts(context, draft, registration, result)
    submitting: list[Registration] = []
    extra = _act(context, person, draft, registration, result, known, submitting)
    for record in submitting:
        try:
            await review.submit(
                context.session, context.services.vault, record, await _actor(context, person), now
            )
        except Refused as refused:
            await context.uow.rollback()
            await say(update, person.t.render(refused.message))
            return
    calls = plan_reply(update, person.t, draft.form, draft.state, result, extra)
    await commit_and_send(context.uow, context.bot, calls)
    if any(isinstance(effect, SubmitConfirmed) for effect in result.effects):
        services = context.services
        await keep_copies(
            context.bot,
            services.vault,
            services.settings.data_dir,
            registration.id,
            draft.form,
            result.state.answers,
        )


NO_DRAFT = N_("You have no registration in progress. Send /register to start one.")
OFFICER_NOTHING_OPEN = N_(
    "Nothing here is waiting for that message. Send /queue for the records waiting for you, or "
    "/help for everything I can do."
)


async def _open_draft(context: BotContext, person: Person, whose: Whose) -> Draft | str:
    """The draft ``whose`` it is: /register opens the person's own, /enter the one they enter
    for a worker, and an answer goes on with whichever the person was at last."""
    user, t = person.user, person.t
    if user.unit_id is None:
        return t(NO_UNIT)
    now = context.services.clock.now()
    campaign, registration = await registrations.in_current_campaign(
        context.session, user.unit_id, user.id, now, whose
    )
    if campaign is None:
        return t(NO_CAMPAIGN)
    if now < campaign.intake_opens:
        return t(NOT_YET_OPEN, campaign=campaign.name, opens=t.moment(campaign.intake_opens))
    form = load_form(campaign.form_id)
    own = whose != "on_behalf"
    if registration is None and own:
        # No draft: the person's record, submitted by them or entered for them by an officer.
        registration = await registrations.own_record(context.session, campaign.id, user.id)
    if registration is None:
        return Draft(campaign, form, None, new_state(form.id, on_behalf=not own))
    state = registrations.open_state(context.services.vault, registration)
    return Draft(campaign, form, registration, state)


def _closed_notice(draft: Draft, context: BotContext, person: Person, event: Event) -> str | None:
    """Past the deadline, every answer is refused by name of the deadline, and so is /register
    at once (it would show a question or a Submit that can no longer be used).

    A record returned for correction answers an officer's request, which may come after the
    intake closed: it can be corrected for as long as the officers can still decide. A
    submitted record is not refused: resuming it only says where it stands.
    """
    if isinstance(event, Pause):
        return None
    if draft.registration is not None and draft.registration.state not in ("draft", "returned"):
        return None
    campaign, now, t = draft.campaign, context.services.clock.now(), person.t
    times = CampaignTimes.of(campaign)
    returned = draft.registration is not None and draft.registration.state == "returned"
    if returned:
        if resubmission_open(times, now):
            return None
        closes = resubmission_deadline(times)
    elif now < campaign.intake_closes:
        return None
    else:
        closes = campaign.intake_closes
    wording = CLOSED if draft.registration is not None else CLOSED_NO_DRAFT
    return t(wording, campaign=campaign.name, closes=t.moment(closes))


async def _check_uniqueness(
    context: BotContext, person: Person, draft: Draft, result: Step, today: dt.date
) -> Step:
    """One registration per resident ID per campaign, across every unit."""
    for effect in result.effects:
        if not isinstance(effect, UniqueCheck):
            continue
        digest = context.services.vault.blind_index(effect.value)
        holder = await registrations.holder_of(context.session, draft.campaign.id, digest)
        mine = draft.registration is not None and holder is draft.registration
        if holder is not None and not mine:
            # Kept for the province's conflicts list; the person learns nothing about the holder.
            assert person.user.unit_id is not None
            await conflicts.record_attempt(
                context.session,
                campaign_id=draft.campaign.id,
                resident_id_hash=digest,
                unit_id=person.user.unit_id,
                user_id=person.user.id,
                now=context.services.clock.now(),
            )
            found = duplicate_found(
                effect.field_id, await _actor(context, person), holder.id, holder.unit_id
            )
            refused = step(draft.form, draft.state, found, today)
            # The typed number leaves the chat as every other ID message does.
            removed = tuple(e for e in result.effects if isinstance(e, SensitiveInputRead))
            return Step(refused.state, refused.screens, (*removed, *refused.effects))
    return result


def _save(
    context: BotContext, person: Person, draft: Draft, result: Step, own: bool
) -> Registration:
    """Seal the new state into the draft, creating the draft on its first answer."""
    state = result.state
    registration = draft.registration
    vault = context.services.vault
    if registration is None:
        assert person.user.unit_id is not None
        registration = registrations.new_draft(
            context.session,
            vault,
            campaign_id=draft.campaign.id,
            unit_id=person.user.unit_id,
            entered_by_user_id=person.user.id,
            subject_user_id=person.user.id if own else None,
            state=state,
        )
    else:
        registrations.seal_state(vault, registration, state)
    for effect in result.effects:
        if isinstance(effect, UniqueCheck):
            registration.resident_id_hash = vault.blind_index(effect.value)
    registrations.touch(registration, context.services.clock.now())
    return registration


def _act(
    context: BotContext,
    person: Person,
    draft: Draft,
    registration: Registration,
    result: Step,
    known: dict[str, object],
    submitting: list[Registration],
) -> list[str]:
    """Record what the step did; texts to show above its screens, records to submit.

    ``known`` holds facts the union established itself (the Party-aided list), which the
    pre-check takes over what the person answered.
    """
    shown: list[str] = []
    now = context.services.clock.now()
    for effect in result.effects:
        kind: AuditKind | None = None
        if isinstance(effect, ConsentGiven):
            kind = AuditKind.CONSENT_GIVEN
        elif isinstance(effect, ConsentDeclined):
            kind = AuditKind.CONSENT_DECLINED
        elif isinstance(effect, SubmitRequested):
            outcome = precheck.check(draft, result.state.answers, now, known)
            shown.append(precheck.screen_text(outcome, person.t))
        elif isinstance(effect, SubmitConfirmed):
            outcome = precheck.check(draft, result.state.answers, now, known)
            checked = stored_result(outcome)
            vault = context.services.vault
            before = registrations.precheck_of(vault, registration)
            registrations.set_precheck(vault, registration, checked.with_marks_of(before))
            submitting.append(registration)
        elif isinstance(effect, DeleteConfirmed):
            registration.state = State.DELETED
            registration.resident_id_hash = None
            kind = AuditKind.DRAFT_DELETED
        if kind is not None:
            audit.record(
                context.session,
                kind,
                actor_user_id=person.user.id,
                registration_id=registration.id,
                campaign_id=draft.campaign.id,
            )
    return shown


async def _actor(context: BotContext, person: Person) -> Actor:
    return await review.actor_for(context.session, person.user)


async def _known_facts(
    context: BotContext, draft: Draft, registration: Registration, result: Step
) -> dict[str, object]:
    if not any(isinstance(e, SubmitRequested | SubmitConfirmed) for e in result.effects):
        return {}
    return await precheck.known_facts(context.session, context.services.vault, registration)


__all__ = ["Draft", "take_turn"]
