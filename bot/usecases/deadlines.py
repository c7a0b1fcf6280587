"""Moving a campaign's deadlines, from the bot (/deadline) and the command line alike.

The order the times must keep is :func:`flows.campaigns.check_move`'s; a reason is on record
for every move (:func:`flows.review.check_reason` reads what an officer typed).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from bot.uow import UnitOfWork
from flows.access import Action, Actor, may
from flows.campaigns import DeadlineError, check_move, move_order
from storage.models import Campaign
from storage.repositories import campaigns


class MoveRefused(enum.Enum):
    """Why no deadline moved."""

    GONE = "gone"  # the campaign is gone, or the officer may no longer move its deadlines
    OUT_OF_ORDER = "out_of_order"  # the times would be out of order


@dataclass(frozen=True)
class Extension:
    """A deadline and the moment it would move to."""

    campaign_id: int
    deadline: str
    before: dt.datetime
    moment: dt.datetime


@dataclass(frozen=True)
class Moved:
    """A deadline that moved: the campaign's name, which one, from when to when."""

    campaign_name: str
    deadline: str
    before: dt.datetime
    moment: dt.datetime


async def under_way(uow: UnitOfWork, now: dt.datetime) -> Campaign | None:
    """The campaign whose deadlines a provincial officer moves: any one under way.

    The province's own unit is in no campaign's scope: any campaign under way is theirs.
    """
    return await campaigns.current_for_unit(uow.session, None, now)


async def extension(
    uow: UnitOfWork, actor: Actor, campaign_id: int, deadline: str, days: int
) -> Extension | MoveRefused:
    """Where ``deadline`` would be ``days`` later, if the actor may still move it."""
    campaign = await _campaign(uow, actor, campaign_id)
    if campaign is None:
        return MoveRefused.GONE
    before: dt.datetime = getattr(campaign, deadline)
    return Extension(campaign.id, deadline, before, before + dt.timedelta(days=days))


async def move_deadlines(
    uow: UnitOfWork,
    campaign_id: int,
    moves: Mapping[str, dt.datetime],
    *,
    reason: str,
    actor: Actor | None,
) -> list[Moved] | MoveRefused:
    """Move each deadline in ``moves``, audited with the reason; what moved, or why nothing did.

    ``actor`` None is the command line. Several deadlines move one at a time in an order that
    keeps the times valid in between; when one would break the order the caller rolls back.
    """
    campaign = await _campaign(uow, actor, campaign_id)
    if campaign is None:
        return MoveRefused.GONE
    moved = []
    for deadline in move_order(campaign, moves):
        moment = moves[deadline]
        try:
            check_move(campaign, deadline, moment)
        except DeadlineError:
            return MoveRefused.OUT_OF_ORDER
        before = campaigns.move_deadline(
            uow.session,
            campaign,
            deadline,
            moment,
            reason=reason,
            actor_user_id=actor.user_id if actor is not None else None,
        )
        moved.append(Moved(campaign.name, deadline, before, moment))
    return moved


async def _campaign(uow: UnitOfWork, actor: Actor | None, campaign_id: int) -> Campaign | None:
    # Asked again at every step: the role may have been taken away in between.
    if actor is not None and may(actor, Action.MOVE_DEADLINE) is not None:
        return None
    return await uow.session.get(Campaign, campaign_id)
