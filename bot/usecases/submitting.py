"""A person submits their draft, or resubmits a record returned for correction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Actor, Refused
from flows.audit import AuditKind
from flows.i18n import DEFAULT_ZONE
from flows.review import State, Transition, answer_digests, changed_fields
from flows.review import submit as submit_record
from flows.review.transitions import CHANGED_MEANWHILE
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import party_aided, registrations, review


async def submit(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    person: Actor,
    now: dt.datetime,
    *,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> Transition:
    """Submit a draft, or resubmit a returned record with what its correction changed.

    Raises :class:`~flows.access.Refused` (intake closed, not theirs, submitted already…).
    A resident ID on the Party-aided list is flagged on the record's history.
    """
    campaign = await review.campaign_of(session, registration)
    view = await review.record_view(session, registration, campaign, zone=zone)
    changed: tuple[str, ...] = ()
    if view.state is State.RETURNED:
        before = await review.return_digests(session, registration.id)
        answers = registrations.answers_of(vault, registration)
        changed = changed_fields(
            before, answer_digests(registration.id, answers, before, vault.blind_index)
        )
    transition = submit_record(view, person, now, changed)
    values = review.placement(transition)
    if transition.kind is AuditKind.SUBMITTED:
        values["submitted_at"] = now
    if not await registrations.write_if_unchanged(session, registration, values):
        # Submitted meanwhile (a second tap, another device) raises the right refusal here.
        fresh = await review.record_view(session, registration, campaign, zone=zone)
        submit_record(fresh, person, now)
        raise Refused(CHANGED_MEANWHILE)
    review.record_transition(session, registration, transition)
    if await party_aided.is_listed(session, registration.resident_id_hash):
        await party_aided.flag(session, registration)
    return transition
