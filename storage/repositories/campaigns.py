"""Campaigns: their form, policy, units in scope and deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.audit import AuditKind, DeadlineMoved
from storage.models import Campaign, CampaignUnit, Registration
from storage.repositories import audit


async def by_code(session: AsyncSession, code: str) -> Campaign | None:
    """The campaign with this code."""
    return await session.scalar(select(Campaign).where(Campaign.code == code))


async def all_campaigns(session: AsyncSession) -> Sequence[Campaign]:
    """Every campaign, newest first."""
    return (await session.scalars(select(Campaign).order_by(Campaign.id.desc()))).all()


_UPCOMING = select(Campaign).where(
    Campaign.review_closes > bindparam("now"), Campaign.ended.is_(None)
)
_UPCOMING_FOR_UNIT = (
    _UPCOMING.join(CampaignUnit)
    .where(CampaignUnit.unit_id == bindparam("unit_id"))
    .order_by(Campaign.intake_opens.desc())
    .limit(1)
)
_UPCOMING_ANYWHERE = _UPCOMING.order_by(Campaign.intake_opens.desc()).limit(1)


async def current_for_unit(
    session: AsyncSession, unit_id: int | None, now: dt.datetime
) -> Campaign | None:
    """The campaign a unit's people register in now: open or next to open, latest first."""
    if unit_id is None:
        return await session.scalar(_UPCOMING_ANYWHERE, {"now": now})
    # Built once above: this runs on every answer of a registration.
    return await session.scalar(_UPCOMING_FOR_UNIT, {"now": now, "unit_id": unit_id})


async def add_units(session: AsyncSession, campaign: Campaign, unit_ids: Sequence[int]) -> None:
    """Put units in the campaign's scope."""
    for unit_id in unit_ids:
        session.add(CampaignUnit(campaign_id=campaign.id, unit_id=unit_id))
    await session.flush()


async def set_units(session: AsyncSession, campaign: Campaign, unit_ids: Sequence[int]) -> None:
    """Make ``unit_ids`` the campaign's whole scope."""
    await session.execute(delete(CampaignUnit).where(CampaignUnit.campaign_id == campaign.id))
    await add_units(session, campaign, unit_ids)


async def units_with_records(session: AsyncSession, campaign: Campaign) -> set[int]:
    """The units that have a record (a draft included) in the campaign."""
    result = await session.scalars(
        select(Registration.unit_id).where(Registration.campaign_id == campaign.id).distinct()
    )
    return set(result)


async def overlapping(
    session: AsyncSession,
    unit_ids: Sequence[int],
    opens: dt.datetime,
    closes: dt.datetime,
    *,
    other_than: int | None = None,
) -> list[tuple[Campaign, list[int]]]:
    """The campaigns not ended that share a unit and a moment (intake opens to review closes)
    with the one described, each with the shared units.

    A unit's people and officers have one current campaign: with two at once, one of them
    would be out of everyone's reach.
    """
    query = (
        select(Campaign, CampaignUnit.unit_id)
        .join(CampaignUnit)
        .where(
            CampaignUnit.unit_id.in_(list(unit_ids)),
            Campaign.ended.is_(None),
            Campaign.intake_opens < closes,
            Campaign.review_closes > opens,
        )
        .order_by(Campaign.id, CampaignUnit.unit_id)
    )
    if other_than is not None:
        query = query.where(Campaign.id != other_than)
    found: dict[int, tuple[Campaign, list[int]]] = {}
    for campaign, unit_id in await session.execute(query):
        found.setdefault(campaign.id, (campaign, []))[1].append(unit_id)
    return list(found.values())


ENDINGS = ("closed", "withdrawn")


def end(
    session: AsyncSession,
    campaign: Campaign,
    ending: str,
    now: dt.datetime,
    *,
    reason: str,
    actor_user_id: int | None,
) -> None:
    """Close a campaign early or withdraw one made by mistake, audited with the reason.

    Its records stay (and can be exported); it stops being anyone's current campaign.
    """
    if ending not in ENDINGS:
        raise ValueError(f"not an ending: {ending}")
    campaign.ended = ending
    campaign.ended_at = now
    audit.record(
        session,
        AuditKind(f"campaign_{ending}"),
        actor_user_id=actor_user_id,
        campaign_id=campaign.id,
        reason=reason,
    )


async def unit_ids(session: AsyncSession, campaign_id: int) -> list[int]:
    """The units in a campaign's scope."""
    result = await session.scalars(
        select(CampaignUnit.unit_id).where(CampaignUnit.campaign_id == campaign_id)
    )
    return list(result)


def move_deadline(
    session: AsyncSession,
    campaign: Campaign,
    deadline: str,
    moment: dt.datetime,
    *,
    reason: str,
    actor_user_id: int | None,
) -> dt.datetime:
    """Move ``intake_closes`` or ``review_closes`` to ``moment``, audited; the old time.

    The caller checked the order (:func:`flows.campaigns.check_move`). Every reminder is worked
    out from the campaign's times, so they follow at once.
    """
    before: dt.datetime = getattr(campaign, deadline)
    setattr(campaign, deadline, moment)
    audit.record(
        session,
        AuditKind.DEADLINE_MOVED,
        actor_user_id=actor_user_id,
        campaign_id=campaign.id,
        reason=reason,
        details=DeadlineMoved(deadline=deadline, before=before, after=moment),
    )
    return before
