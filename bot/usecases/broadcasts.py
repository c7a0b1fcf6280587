"""Broadcasts: recording a message to everyone in a scope, from /broadcast and the command line.

Recording is the whole use case: one pending delivery per recipient, audited, committed by the
caller. Sending is the reminders' resumable, rate-limited path
(:func:`bot.reminders.send_broadcast`), which either caller starts once the broadcast is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.uow import UnitOfWork
from flows.audit import AuditKind, BroadcastCreated
from flows.reminders.scope import Scope
from storage.repositories import audit, broadcasts
from storage.repositories.reminders import Recipient


@dataclass(frozen=True)
class Recorded:
    """A broadcast saved with a pending delivery for each of its recipients."""

    broadcast_id: int
    recipients: int


async def recipients(uow: UnitOfWork, scope: Scope) -> list[Recipient]:
    """Everyone the scope reaches now; raises ScopeError when it names no known unit."""
    return await broadcasts.recipients(uow.session, scope)


async def record(
    uow: UnitOfWork, clock: Clock, scope: Scope, text: str, *, actor_user_id: int | None
) -> Recorded:
    """Record a broadcast of ``text`` to everyone in ``scope`` now, audited (``actor_user_id``
    None: the command line); raises ScopeError when the scope names no known unit."""
    to = await broadcasts.recipients(uow.session, scope)
    broadcast = await broadcasts.create(
        uow.session,
        scope=scope,
        text=text,
        created_by_user_id=actor_user_id,
        to=to,
        now=clock.now(),
    )
    audit.record(
        uow.session,
        AuditKind.BROADCAST_CREATED,
        actor_user_id=actor_user_id,
        details=BroadcastCreated(broadcast_id=broadcast.id, scope=scope, recipients=len(to)),
    )
    return Recorded(broadcast.id, len(to))
