"""Campaigns: their form, policy, units in scope and deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Campaign, CampaignUnit


async def by_code(session: AsyncSession, code: str) -> Campaign | None:
    """The campaign with this code."""
    return await session.scalar(select(Campaign).where(Campaign.code == code))


async def all_campaigns(session: AsyncSession) -> Sequence[Campaign]:
    """Every campaign, newest first."""
    return (await session.scalars(select(Campaign).order_by(Campaign.id.desc()))).all()


async def current_for_unit(
    session: AsyncSession, unit_id: int | None, now: dt.datetime
) -> Campaign | None:
    """The campaign a unit's people register in now: open or next to open, latest first."""
    query = select(Campaign).where(Campaign.review_closes > now)
    if unit_id is not None:
        query = query.join(CampaignUnit).where(CampaignUnit.unit_id == unit_id)
    query = query.order_by(Campaign.intake_opens.desc())
    return (await session.scalars(query)).first()


async def add_units(session: AsyncSession, campaign: Campaign, unit_ids: Sequence[int]) -> None:
    """Put units in the campaign's scope."""
    for unit_id in unit_ids:
        session.add(CampaignUnit(campaign_id=campaign.id, unit_id=unit_id))
    await session.flush()


async def unit_ids(session: AsyncSession, campaign_id: int) -> list[int]:
    """The units in a campaign's scope."""
    result = await session.scalars(
        select(CampaignUnit.unit_id).where(CampaignUnit.campaign_id == campaign_id)
    )
    return list(result)
