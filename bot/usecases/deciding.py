"""An officer decides a record: approve (with the aid amount at the last level), return for
correction, reject, correct the amount granted or withdraw it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.usecases.cards import Card, open_card
from flows.access import Actor
from flows.i18n import DEFAULT_ZONE
from flows.review import Decision, Transition
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import review


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
    transition = await review.decide(
        session, vault, registration, decision, officer, now, seen_version=seen_version, zone=zone
    )
    card = await open_card(session, vault, registration, officer, zone=zone)
    waiting = await review.waiting(session, officer, now=now, limit=0)
    return Decided(transition, card, waiting.count)
