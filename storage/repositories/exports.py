"""What exports and statistics read: the records of a scope by state, streamed, and their counts.

A scope is a set of unit ids, or ``None`` for every unit (the provincial union). Records are
streamed in batches through a server-side cursor (one query, one sort), so a table of 100,000
records never sits in memory; loaded registrations are held weakly by the session and go as
soon as the caller drops a batch.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import AsyncGenerator, Collection, Sequence
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.exports.scope import Selection
from flows.review import State
from storage.models import Campaign, CampaignUnit, Registration, Unit

BATCH_SIZE: Final = 500


# "Register first, then aid": approved at some level (what a unit reports up, also while a
# higher level still reviews it) or granted; the last level's final list is the granted one.
APPROVED_STATES: Final = (State.APPROVED, State.AID_GRANTED)
GRANTED_STATES: Final = (State.AID_GRANTED,)
SUBMITTED_STATES: Final = (
    State.SUBMITTED,
    State.RESUBMITTED,
    State.APPROVED,
    State.RETURNED,
    State.REJECTED,
    State.AID_GRANTED,
)
STATES: Final[dict[Selection, tuple[State, ...]]] = {
    Selection.APPROVED: APPROVED_STATES,
    Selection.GRANTED: GRANTED_STATES,
    Selection.ALL: SUBMITTED_STATES,
}
# Drafts never leave their owner; deleted drafts are only kept for their history.
UNCOUNTED: Final = (State.DELETED,)


def _in_scope(query: Any, campaign_id: int, unit_ids: Collection[int] | None) -> Any:
    query = query.where(Registration.campaign_id == campaign_id)
    if unit_ids is not None:
        query = query.where(Registration.unit_id.in_(sorted(unit_ids)))
    return query


async def count(
    session: AsyncSession,
    campaign_id: int,
    unit_ids: Collection[int] | None,
    selection: Selection,
) -> int:
    """How many records an export of this scope and selection writes."""
    query = _in_scope(select(func.count(Registration.id)), campaign_id, unit_ids)
    total = await session.scalar(query.where(Registration.state.in_(STATES[selection])))
    return int(total or 0)


async def stream(
    session: AsyncSession,
    campaign_id: int,
    unit_ids: Collection[int] | None,
    selection: Selection,
    batch_size: int = BATCH_SIZE,
) -> AsyncGenerator[Sequence[Registration], None]:
    """The records of the scope in batches, by unit, then in the order they were submitted."""
    query = (
        _in_scope(select(Registration), campaign_id, unit_ids)
        .where(Registration.state.in_(STATES[selection]))
        .order_by(Registration.unit_id, Registration.submitted_at, Registration.id)
        .execution_options(yield_per=batch_size)
    )
    result = await session.stream_scalars(query)
    try:
        async for batch in result.partitions():
            yield batch
    finally:
        await result.close()


async def counts_by_unit(
    session: AsyncSession, campaign_id: int, unit_ids: Collection[int] | None
) -> dict[int, dict[str, int]]:
    """Records per unit and state (drafts included, deleted drafts not)."""
    query = _in_scope(
        select(Registration.unit_id, Registration.state, func.count(Registration.id)),
        campaign_id,
        unit_ids,
    )
    rows = await session.execute(
        query.where(Registration.state.not_in(UNCOUNTED)).group_by(
            Registration.unit_id, Registration.state
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for unit_id, state, number in rows.all():
        counts.setdefault(unit_id, {})[state] = int(number)
    return counts


async def submissions_per_day(
    session: AsyncSession,
    campaign_id: int,
    unit_ids: Collection[int] | None,
    zone: ZoneInfo,
) -> list[tuple[dt.date, int]]:
    """How many records were first submitted on each day (in ``zone``), in date order."""
    query = _in_scope(select(Registration.submitted_at), campaign_id, unit_ids).where(
        Registration.submitted_at.is_not(None), Registration.state.not_in(UNCOUNTED)
    )
    days: Counter[dt.date] = Counter()
    # Counted here rather than grouped in SQL: the day depends on the time zone, and SQLite
    # has none. One small column per record, streamed.
    result = await session.stream_scalars(query.execution_options(yield_per=BATCH_SIZE * 10))
    async for submitted in result:
        days[submitted.astimezone(zone).date()] += 1
    return sorted(days.items())


async def campaigns_for(session: AsyncSession, unit_ids: Collection[int] | None) -> list[Campaign]:
    """The campaigns with a unit in the scope, newest first."""
    query = select(Campaign).order_by(Campaign.intake_opens.desc(), Campaign.id.desc())
    if unit_ids is not None:
        covered = select(CampaignUnit.campaign_id).where(CampaignUnit.unit_id.in_(sorted(unit_ids)))
        query = query.where(Campaign.id.in_(covered))
    return list(await session.scalars(query))


async def campaign_units(
    session: AsyncSession, campaign_id: int, unit_ids: Collection[int] | None
) -> list[Unit]:
    """The campaign's units within the scope, in the tree's order (by id)."""
    query = (
        select(Unit)
        .join(CampaignUnit, CampaignUnit.unit_id == Unit.id)
        .where(CampaignUnit.campaign_id == campaign_id)
        .order_by(Unit.id)
    )
    if unit_ids is not None:
        query = query.where(Unit.id.in_(sorted(unit_ids)))
    return list(await session.scalars(query))


async def unit_names(session: AsyncSession) -> dict[int, str]:
    """Every unit's name, by id."""
    return {unit_id: name for unit_id, name in (await session.execute(select(Unit.id, Unit.name)))}
