"""The officer's queue: how many records wait at their level and scope, and one card of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.usecases.cards import Card, open_card
from flows.access import Actor
from flows.i18n import DEFAULT_ZONE
from storage.crypto import Vault
from storage.repositories import review


@dataclass(frozen=True)
class Closed:
    """Records still wait, but their campaign's review has closed: none can be decided."""

    campaign: str
    review_closes: dt.datetime
    count: int


@dataclass(frozen=True)
class QueueCard:
    """How many records wait, and the card at ``offset`` (None: none waits), or why the
    waiting ones cannot be decided."""

    count: int
    offset: int
    card: Card | None
    closed: Closed | None = None


def following(offset: int, count: int) -> int | None:
    """Where "Next" leads from the card at ``offset``: round to the oldest after the last."""
    return (offset + 1) % count if count > 1 else None


async def card_at(
    session: AsyncSession,
    vault: Vault,
    officer: Actor,
    offset: int,
    now: dt.datetime,
    *,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> QueueCard:
    """The queue's count and the card at ``offset`` (from the oldest again if decisions made
    the queue shorter than that)."""
    queue = await review.waiting(session, officer, now=now, offset=offset)
    if not queue.records and queue.count:
        offset = 0
        queue = await review.waiting(session, officer, now=now)
    if not queue.count:
        closed = await _closed_review(session, officer)
        if closed is not None:
            return QueueCard(0, offset, None, closed)
    card = None
    if queue.records:
        card = await open_card(session, vault, queue.records[0], officer, zone=zone)
    return QueueCard(queue.count, offset, card)


async def _closed_review(session: AsyncSession, officer: Actor) -> Closed | None:
    left = await review.waiting(session, officer)
    if not left.records:
        return None
    campaign = await review.campaign_of(session, left.records[0])
    return Closed(campaign.name, campaign.review_closes, left.count)
