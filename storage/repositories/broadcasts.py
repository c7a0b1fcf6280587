"""Broadcasts: a message to everyone in a scope, with one delivery row per recipient.

At least once. The rows are written with the broadcast, all ``pending``. Each is claimed
(``sending``, with a lease until ``sending_until``) and committed right before its message goes,
and marked after (sent with its Telegram message id, blocked or failed). A broadcast interrupted
by a crash resumes with the rows still pending, and takes over the rows left ``sending`` once
their lease ran out: those few (the messages in flight at the crash) may arrive twice, none is
lost. The broadcast is finished only when no row is pending or sending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Role
from flows.reminders.scope import Scope, ScopeError
from storage.models import Broadcast, BroadcastDelivery, Unit, User
from storage.repositories.reminders import OFFICER_LEVELS, Recipient, subtree

PENDING: Final = "pending"
SENDING: Final = "sending"
SENT: Final = "sent"
BLOCKED: Final = "blocked"
FAILED: Final = "failed"
CLAIM_LEASE: Final = dt.timedelta(minutes=2)  # longer than one send, 429s waited out included


async def recipients(session: AsyncSession, scope: Scope) -> list[Recipient]:
    """Everyone in the scope who has not blocked the bot (muting reminders does not apply)."""
    query = select(User).where(User.blocked_at.is_(None))
    if scope.audience == "workers":
        query = query.where(User.role == Role.WORKER)
    else:
        query = query.where(User.role.in_(list(OFFICER_LEVELS)))
    if scope.code is not None:
        unit = await session.scalar(select(Unit).where(Unit.code == scope.code))
        if unit is None or unit.kind != scope.kind:
            raise ScopeError(f"no {scope.kind} with code {scope.code!r}")
        result = await session.execute(select(Unit.id, Unit.parent_id))
        units = subtree(unit.id, {unit_id: parent_id for unit_id, parent_id in result})
        query = query.where(User.unit_id.in_(units))
    return [Recipient.of(user) for user in await session.scalars(query.order_by(User.id))]


async def create(
    session: AsyncSession,
    *,
    scope: Scope,
    text: str,
    created_by_user_id: int | None,
    to: Sequence[Recipient],
    now: dt.datetime,
) -> Broadcast:
    """A broadcast with a pending delivery for each recipient; written with the caller's commit."""
    broadcast = Broadcast(
        created_by_user_id=created_by_user_id, scope=scope, text=text, created_at=now
    )
    session.add(broadcast)
    await session.flush()
    session.add_all(
        BroadcastDelivery(broadcast_id=broadcast.id, user_id=recipient.user_id, status=PENDING)
        for recipient in to
    )
    await session.flush()
    return broadcast


async def get(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    """The broadcast with this id."""
    return await session.get(Broadcast, broadcast_id)


async def every(session: AsyncSession) -> Sequence[Broadcast]:
    """Every broadcast, newest first."""
    return (await session.scalars(select(Broadcast).order_by(Broadcast.id.desc()))).all()


async def unfinished(session: AsyncSession) -> Sequence[Broadcast]:
    """Broadcasts with deliveries still to make, oldest first."""
    result = await session.scalars(
        select(Broadcast).where(Broadcast.finished_at.is_(None)).order_by(Broadcast.id)
    )
    return result.all()


def _to_send(now: dt.datetime) -> ColumnElement[bool]:
    """Rows still to send at ``now``: pending, or claimed by a sender whose lease ran out."""
    return or_(
        BroadcastDelivery.status == PENDING,
        and_(
            BroadcastDelivery.status == SENDING,
            or_(
                BroadcastDelivery.sending_until.is_(None),
                BroadcastDelivery.sending_until <= now,
            ),
        ),
    )


async def pending(
    session: AsyncSession, broadcast_id: int, now: dt.datetime, limit: int | None = None
) -> list[Recipient]:
    """The recipients still to send to at ``now`` (up to ``limit``); blocked ones left out.

    Rows claimed by a sender that died (``sending`` past their lease) are among them.
    """
    result = await session.scalars(
        select(User)
        .join(BroadcastDelivery, BroadcastDelivery.user_id == User.id)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            _to_send(now),
            User.blocked_at.is_(None),
        )
        .order_by(User.id)
        .limit(limit)
    )
    return [Recipient.of(user) for user in result]


async def claim(
    session: AsyncSession,
    broadcast_id: int,
    user_id: int,
    now: dt.datetime,
    lease: dt.timedelta = CLAIM_LEASE,
) -> bool:
    """Take one delivery for sending until ``now + lease``; False if it is not to send now."""
    result = await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.user_id == user_id,
            _to_send(now),
        )
        .values(status=SENDING, sending_until=now + lease)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def release(session: AsyncSession, broadcast_id: int, user_id: int) -> None:
    """Put back a claimed delivery whose message certainly did not leave."""
    await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.user_id == user_id,
            BroadcastDelivery.status == SENDING,
        )
        .values(status=PENDING, sending_until=None)
    )


async def mark(
    session: AsyncSession,
    broadcast_id: int,
    user_id: int,
    status: str,
    now: dt.datetime,
    message_id: int | None = None,
) -> None:
    """Record how a claimed delivery ended: sent (with its message id), blocked or failed."""
    await session.execute(
        update(BroadcastDelivery)
        .where(BroadcastDelivery.broadcast_id == broadcast_id, BroadcastDelivery.user_id == user_id)
        .values(
            status=status,
            sent_at=now if status == SENT else None,
            message_id=message_id,
            sending_until=None,
        )
    )


async def counts(session: AsyncSession, broadcast_id: int) -> dict[str, int]:
    """How many deliveries are in each status."""
    result = await session.execute(
        select(BroadcastDelivery.status, func.count())
        .where(BroadcastDelivery.broadcast_id == broadcast_id)
        .group_by(BroadcastDelivery.status)
    )
    return {status: count for status, count in result}


async def finish_if_done(session: AsyncSession, broadcast: Broadcast, now: dt.datetime) -> bool:
    """Mark the broadcast finished when no delivery is pending or sending.

    Deliveries to people who blocked the bot meanwhile are marked blocked (nobody sends them).
    True only for the call that finishes it: a broadcast finishes once.
    """
    if broadcast.finished_at is not None:
        return False
    blocked_meanwhile = select(User.id).where(User.blocked_at.is_not(None))
    await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast.id,
            _to_send(now),
            BroadcastDelivery.user_id.in_(blocked_meanwhile),
        )
        .values(status=BLOCKED)
    )
    left = await session.scalar(
        select(func.count())
        .select_from(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast.id,
            BroadcastDelivery.status.in_((PENDING, SENDING)),
        )
    )
    if left:
        return False
    broadcast.finished_at = now
    return True
