"""An officer decides a record: approve (with the aid amount at the last level), return for
correction, reject, correct the amount granted or withdraw it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.usecases.cards import Card, open_card
from flows.access import Actor, Refused
from flows.audit import AuditKind
from flows.forms import load_form
from flows.i18n import DEFAULT_ZONE
from flows.registration import RegistrationState, start_correction
from flows.review import Decision, Return, Transition, answer_digests, not_waiting
from flows.review import decide as decide_record
from flows.review.transitions import CARD_OUTDATED
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import registrations, review


@dataclass(frozen=True)
class Decided:
    """The decision stored, the record's card as it is now, and how many records still wait
    for the officer."""

    transition: Transition
    card: Card
    waiting: int


async def decide(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    decision: Decision,
    officer: Actor,
    now: dt.datetime,
    *,
    seen_version: int,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> Decided:
    """Apply the decision once, from the card of ``seen_version``; raises
    :class:`~flows.access.Refused` (not allowed, decided first by someone else, changed
    meanwhile, or a reason or amount to type again)."""
    transition = await apply_decision(
        session, vault, registration, decision, officer, now, seen_version=seen_version, zone=zone
    )
    card = await open_card(session, vault, registration, officer, zone=zone)
    waiting = await review.waiting(session, officer, now=now, limit=0)
    return Decided(transition, card, waiting.count)


async def apply_decision(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    decision: Decision,
    officer: Actor,
    now: dt.datetime,
    *,
    seen_version: int | None = None,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> Transition:
    """Apply an officer's decision, once: raises :class:`~flows.access.Refused` if it is not
    allowed, if another officer decided the record first (saying who), or if the record is no
    longer the ``seen_version`` its card showed (a correction came in meanwhile)."""
    campaign = await review.campaign_of(session, registration)
    field_ids = None
    if isinstance(decision, Return):
        field_ids = frozenset(field.id for field in load_form(campaign.form_id).fields)
    view = await review.record_view(session, registration, campaign, zone=zone, field_ids=field_ids)
    transition = decide_record(view, decision, officer, now)
    if seen_version is not None and seen_version != registration.version:
        raise Refused(CARD_OUTDATED)
    details = transition.details()
    reopened: RegistrationState | None = None
    if transition.kind is AuditKind.RETURNED:
        state = registrations.open_state(vault, registration)
        digests = answer_digests(
            registration.id, state.answers, transition.fields, vault.blind_index
        )
        details = details.model_copy(update={"digests": digests})
        reopened = start_correction(state, transition.fields, transition.reason)
    values = review.placement(transition)
    if transition.amount is not None:
        values["aid_amount"] = transition.amount
    if transition.kind is AuditKind.GRANT_WITHDRAWN:
        values["aid_amount"] = None
    if not await registrations.write_if_unchanged(session, registration, values):
        fresh = await review.record_view(session, registration, campaign, zone=zone)
        raise Refused(not_waiting(fresh))
    if reopened is not None:
        # The record is ours now; reopening the flagged answers bumps the version once more.
        registrations.seal_state(vault, registration, reopened)
    review.record_transition(session, registration, transition, details)
    return transition
