"""An officer's say over a record's pre-check: the answers marked untruthful (the record is
checked again with that fact), or the outcome overridden by their own judgement; each with its
reason, on the record and audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.usecases.policy_checks import recheck
from flows.access import Refused
from flows.audit import AuditKind
from flows.policy import OUTCOMES
from flows.policy.stored import Mark, Override, StoredPrecheck
from flows.review.transitions import CARD_OUTDATED
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import audit, registrations


async def mark_untruthful(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    officer_user_id: int,
    reason: str,
    now: dt.datetime,
) -> StoredPrecheck:
    """An officer found the answers untrue: checked again with ``untruthful``, on the record.

    Raises :class:`~flows.access.Refused` if the record changed since it was loaded.
    """
    stored = registrations.precheck_of(vault, registration)
    before = stored.outcome if stored is not None else None
    fresh = await recheck(session, vault, registration, now, {"untruthful": True})
    result = fresh.with_marks_of(stored).model_copy(
        update={"untruthful": Mark(by=officer_user_id, reason=reason, at=now)}
    )
    await _store(session, vault, registration, result)
    audit.record(
        session,
        AuditKind.MARKED_UNTRUTHFUL,
        actor_user_id=officer_user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        from_state=before,
        to_state=result.outcome,
        reason=reason,
    )
    return result


async def override(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    officer_user_id: int,
    outcome: str,
    reason: str,
    now: dt.datetime,
) -> None:
    """An officer sets the pre-check's outcome by their own judgement, with the reason.

    Raises :class:`~flows.access.Refused` if the record changed since it was loaded.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    stored = registrations.precheck_of(vault, registration)
    if stored is None:
        raise ValueError(f"record {registration.id} has no pre-check to override")
    before = stored.in_effect()
    judged = Override(outcome=outcome, by=officer_user_id, reason=reason, at=now)
    await _store(session, vault, registration, stored.model_copy(update={"override": judged}))
    audit.record(
        session,
        AuditKind.PRECHECK_OVERRIDDEN,
        actor_user_id=officer_user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        from_state=before,
        to_state=outcome,
        reason=reason,
    )


async def _store(
    session: AsyncSession, vault: Vault, registration: Registration, result: StoredPrecheck
) -> None:
    # Two officers at one record: the one whose card is out of date is told, and writes nothing.
    columns = registrations.precheck_columns(vault, result)
    if not await registrations.write_if_unchanged(session, registration, columns):
        raise Refused(CARD_OUTDATED)
