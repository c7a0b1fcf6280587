"""Broadcasts: a message to everyone in a scope, with one delivery row per recipient.

The rows are written with the broadcast, all ``pending``. Each is claimed (``sending``) and
committed before its message is sent and marked after, so a broadcast interrupted by a restart
resumes with the rows still pending and nobody gets a second copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Broadcast, BroadcastDelivery, Unit, User
from storage.repositories.reminders import OFFICER_LEVELS, Recipient, subtree

PENDING: Final = "pending"
SENDING: Final = "sending"
SENT: Final = "sent"
BLOCKED: Final = "blocked"
FAILED: Final = "failed"
SCOPE_KINDS: Final = ("unit", "department", "all")
AUDIENCES: Final = ("workers", "officers")

ScopeKind = Literal["unit", "department", "all"]
AudienceName = Literal["workers", "officers"]


class ScopeError(ValueError):
    """A scope that names nothing known; the message says what."""


@dataclass(frozen=True)
class Scope:
    """Whom a broadcast is for: the workers or officers of a unit, a department, or all."""

    kind: ScopeKind
    code: str | None
    audience: AudienceName

    @classmethod
    def parse(cls, scope: str, audience: str) -> Scope:
        """``unit:CODE``, ``department:CODE`` or ``all``, and ``workers`` or ``officers``."""
        kind, _, code = scope.partition(":")
        if kind not in SCOPE_KINDS or (kind == "all") != (not code):
            raise ScopeError(f"scope {scope!r}: expected unit:CODE, department:CODE or all")
        if audience not in AUDIENCES:
            raise ScopeError(f"audience {audience!r}: expected workers or officers")
        return cls(kind, code or None, audience)  # type: ignore[arg-type]

    def as_json(self) -> dict[str, Any]:
        """The scope as stored with the broadcast."""
        return {"kind": self.kind, "code": self.code, "audience": self.audience}

    def __str__(self) -> str:
        where = "all" if self.code is None else f"{self.kind}:{self.code}"
        return f"{self.audience} of {where}"


async def recipients(session: AsyncSession, scope: Scope) -> list[Recipient]:
    """Everyone in the scope who has not blocked the bot (muting reminders does not apply)."""
    query = select(User).where(User.blocked_at.is_(None))
    if scope.audience == "workers":
        query = query.where(User.role == "worker")
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
        created_by_user_id=created_by_user_id, scope=scope.as_json(), text=text, created_at=now
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


async def pending(
    session: AsyncSession, broadcast_id: int, limit: int | None = None
) -> list[Recipient]:
    """The recipients still to send to (up to ``limit``); those blocked meanwhile are left out."""
    result = await session.scalars(
        select(User)
        .join(BroadcastDelivery, BroadcastDelivery.user_id == User.id)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.status == PENDING,
            User.blocked_at.is_(None),
        )
        .order_by(User.id)
        .limit(limit)
    )
    return [Recipient.of(user) for user in result]


async def claim(session: AsyncSession, broadcast_id: int, user_id: int) -> bool:
    """Take one pending delivery for sending; False if someone took it first."""
    return await _move(session, broadcast_id, user_id, PENDING, SENDING)


async def release(session: AsyncSession, broadcast_id: int, user_id: int) -> None:
    """Put back a claimed delivery whose message certainly did not leave."""
    await _move(session, broadcast_id, user_id, SENDING, PENDING)


async def mark(
    session: AsyncSession, broadcast_id: int, user_id: int, status: str, now: dt.datetime
) -> None:
    """Record how a claimed delivery ended: sent, blocked or failed."""
    await session.execute(
        update(BroadcastDelivery)
        .where(BroadcastDelivery.broadcast_id == broadcast_id, BroadcastDelivery.user_id == user_id)
        .values(status=status, sent_at=now if status == SENT else None)
    )


async def _move(
    session: AsyncSession, broadcast_id: int, user_id: int, before: str, after: str
) -> bool:
    result = await session.execute(
        update(BroadcastDelivery)
        .where(
            BroadcastDelivery.broadcast_id == broadcast_id,
            BroadcastDelivery.user_id == user_id,
            BroadcastDelivery.status == before,
        )
        .values(status=after)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def counts(session: AsyncSession, broadcast_id: int) -> dict[str, int]:
    """How many deliveries are in each status."""
    result = await session.execute(
        select(BroadcastDelivery.status, func.count())
        .where(BroadcastDelivery.broadcast_id == broadcast_id)
        .group_by(BroadcastDelivery.status)
    )
    return {status: count for status, count in result}


async def finish_if_done(session: AsyncSession, broadcast: Broadcast, now: dt.datetime) -> bool:
    """Mark the broadcast finished when nothing is pending (blocked ones are dropped).

    True only for the call that finishes it: a broadcast finishes once.
    """
    if broadcast.finished_at is not None:
        return False
    left = await session.scalar(
        select(func.count())
        .select_from(BroadcastDelivery)
        .join(User, User.id == BroadcastDelivery.user_id)
        .where(
            BroadcastDelivery.broadcast_id == broadcast.id,
            BroadcastDelivery.status == PENDING,
            User.blocked_at.is_(None),
        )
    )
    if left:
        return False
    broadcast.finished_at = now
    return True
