"""The officers' workflow in the database: actors, the queue, the record as the review sees it,
its history, and the rows a transition writes (the transitions themselves are run by the use
cases :mod:`bot.usecases.submitting` and :mod:`bot.usecases.deciding`).

Decisions use optimistic concurrency on the registration's ``version``: the new state is
written by one ``UPDATE … WHERE version = <the version the decider saw>``. Of two officers
deciding the same record at once exactly one update matches; the other finds the record moved
on and is told who decided it. On PostgreSQL the second update waits on the first one's row
lock, on SQLite on the database write lock; either way it then sees the committed version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Actor, Level, RecordTarget, actor
from flows.audit import AuditKind, TransitionDetails
from flows.i18n import DEFAULT_ZONE
from flows.review import (
    DECISION_KINDS,
    UNSUBMITTED,
    WAITING,
    HistoryEntry,
    RecordView,
    State,
    Transition,
    actor_text,
    chain,
)
from flows.review.amounts import amount_bound
from storage.models import AuditEvent, Campaign, Registration, Unit, User
from storage.repositories import audit, units


@dataclass(frozen=True)
class Queue:
    """How many records wait for an officer, and the ones asked for (oldest first)."""

    count: int
    records: Sequence[Registration]


async def actor_for(session: AsyncSession, user: User | None) -> Actor:
    """The acting person for a stored account (None: a stranger), with their scope."""
    if user is None:
        return actor(None, None, None, {})
    tree = units.parents(await units.all_units(session))
    return actor(user.id, user.role, user.unit_id, tree)


async def record_view(
    session: AsyncSession,
    registration: Registration,
    campaign: Campaign | None = None,
    *,
    zone: ZoneInfo = DEFAULT_ZONE,
    field_ids: frozenset[str] | None = None,
) -> RecordView:
    """The record as the review domain sees it, naming who made its last decision."""
    campaign = campaign or await campaign_of(session, registration)
    state = registration.state
    decided_by = None
    if state not in UNSUBMITTED:
        decided_by = await last_decider(session, registration.id)
    return RecordView(
        id=registration.id,
        unit_id=registration.unit_id,
        state=state,
        level=Level(registration.level) if registration.level else None,
        levels=chain(campaign.levels),
        subject_user_id=registration.subject_user_id,
        entered_by_user_id=registration.entered_by_user_id,
        intake_opens=campaign.intake_opens,
        intake_closes=campaign.intake_closes,
        review_closes=campaign.review_closes,
        aid_amount=registration.aid_amount,
        version=registration.version,
        decided_by=decided_by,
        field_ids=field_ids,
        zone=zone,
        amount_bound=amount_bound(campaign.policy_id, campaign.intake_opens, zone),
    )


async def target_of(session: AsyncSession, registration: Registration) -> RecordTarget:
    """The record as the access matrix sees it (for cards, history and full numbers)."""
    return (await record_view(session, registration)).target


async def waiting(
    session: AsyncSession,
    officer: Actor,
    *,
    campaign_id: int | None = None,
    now: dt.datetime | None = None,
    offset: int = 0,
    limit: int = 1,
) -> Queue:
    """Records waiting at the officer's level within their scope, oldest submission first.

    Their own registration is left out (someone else decides it); with ``now``, so are
    campaigns whose review has closed.
    """
    if officer.level is None or officer.user_id is None:
        return Queue(0, ())
    conditions: list[Any] = [
        Registration.state.in_([state.value for state in WAITING]),
        Registration.level == officer.level.value,
        or_(
            Registration.subject_user_id.is_(None),
            Registration.subject_user_id != officer.user_id,
        ),
    ]
    if campaign_id is not None:
        conditions.append(Registration.campaign_id == campaign_id)
    if now is not None:
        open_campaigns = select(Campaign.id).where(
            Campaign.review_closes > now, Campaign.ended.is_(None)
        )
        conditions.append(Registration.campaign_id.in_(open_campaigns))
    if not officer.scope.everywhere:
        conditions.append(Registration.unit_id.in_(sorted(officer.scope.units)))
    count = await session.scalar(select(func.count(Registration.id)).where(*conditions))
    rows = await session.scalars(
        select(Registration)
        .where(*conditions)
        .order_by(Registration.submitted_at, Registration.id)
        .offset(offset)
        .limit(limit)
    )
    return Queue(count or 0, rows.all())


async def last_decider(session: AsyncSession, registration_id: int) -> str | None:
    """The name of whoever made the record's last decision, if anyone did."""
    return await session.scalar(
        select(User.display_name)
        .join(AuditEvent, AuditEvent.actor_user_id == User.id)
        .where(
            AuditEvent.registration_id == registration_id,
            AuditEvent.kind.in_([kind.value for kind in DECISION_KINDS]),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


async def rejection_reason(session: AsyncSession, registration_id: int) -> str | None:
    """Why the record was rejected (its last rejection, or the withdrawal of its aid)."""
    event = await session.scalar(
        select(AuditEvent)
        .where(
            AuditEvent.registration_id == registration_id,
            AuditEvent.kind.in_([AuditKind.REJECTED.value, AuditKind.GRANT_WITHDRAWN.value]),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return event.reason if event is not None else None


async def resubmission_changes(
    session: AsyncSession, registration: Registration
) -> tuple[str, ...] | None:
    """For a resubmitted record, the flagged answers its correction changed; else None."""
    if registration.state != State.RESUBMITTED:
        return None
    event = await _last_event(session, registration.id, AuditKind.RESUBMITTED)
    details = audit.details_of(event) if event else None
    if isinstance(details, TransitionDetails) and details.changed is not None:
        return details.changed
    return ()


async def history(
    session: AsyncSession, registration_id: int, *, named: bool = True
) -> list[HistoryEntry]:
    """The record's audit events, oldest first; actors by name, or by account and role."""
    return await audit_entries(session, AuditEvent.registration_id == registration_id, named=named)


async def audit_entries(
    session: AsyncSession, condition: ColumnElement[bool], *, named: bool = True
) -> list[HistoryEntry]:
    """The audit events that meet ``condition``, oldest first, each actor as they were then
    (events from before that was kept show the account as it is now)."""
    rows = await session.execute(
        select(AuditEvent, User, Unit.code)
        .outerjoin(User, AuditEvent.actor_user_id == User.id)
        .outerjoin(Unit, Unit.id == func.coalesce(AuditEvent.actor_unit_id, User.unit_id))
        .where(condition)
        .order_by(AuditEvent.id)
    )
    return [
        HistoryEntry(
            at=event.at,
            kind=event.kind,
            actor=None
            if user is None
            else actor_text(
                user.id,
                event.actor_name or user.display_name,
                event.actor_role or user.role,
                unit_code,
                named=named,
            ),
            from_state=event.from_state,
            to_state=event.to_state,
            reason=event.reason,
            details=audit.details_of(event),
        )
        for event, user, unit_code in rows.all()
    ]


async def campaign_of(session: AsyncSession, registration: Registration) -> Campaign:
    """The campaign a registration belongs to."""
    campaign = await session.get(Campaign, registration.campaign_id)
    if campaign is None:
        raise LookupError(f"registration {registration.id} has no campaign")
    return campaign


def placement(transition: Transition) -> dict[str, Any]:
    """The columns a transition moves the record to: its state and level."""
    level = transition.to_level.value if transition.to_level is not None else None
    return {"state": transition.to_state, "level": level}


def record_transition(
    session: AsyncSession,
    registration: Registration,
    transition: Transition,
    details: TransitionDetails | None = None,
) -> None:
    """Add the transition's audit event (``details``: the transition's own, unless given)."""
    audit.record(
        session,
        AuditKind(transition.kind),
        actor_user_id=transition.actor_user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        from_state=transition.from_state.value,
        to_state=transition.to_state.value,
        reason=transition.reason,
        details=details if details is not None else transition.details(),
    )


async def _last_event(
    session: AsyncSession, registration_id: int, kind: AuditKind
) -> AuditEvent | None:
    return await session.scalar(
        select(AuditEvent)
        .where(AuditEvent.registration_id == registration_id, AuditEvent.kind == kind.value)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


async def return_digests(session: AsyncSession, registration_id: int) -> dict[str, str]:
    """The digests of the flagged answers as they were when the record was last returned."""
    event = await _last_event(session, registration_id, AuditKind.RETURNED)
    details = audit.details_of(event) if event else None
    return dict(details.digests) if isinstance(details, TransitionDetails) else {}
