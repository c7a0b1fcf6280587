"""The outbox: the Bot API calls of an update, stored before they are made, confirmed once made.

A row holds the calls one commit (or one later reply) must make, in order. Whoever stores it
holds it for a lease; a row still unconfirmed when its lease has run out was interrupted (a
crash, Telegram unreachable) and is claimed and made again from its first call not made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import Vault
from storage.models import OutboundCall

_CONTEXT = b"outbox-calls"
LEASE = dt.timedelta(seconds=60)

_OUTBOX = cast(Table, OutboundCall.__table__)
_JOURNAL = insert(_OUTBOX).returning(_OUTBOX.c.id)
_FINISHED = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("ident"))
    .values(
        sent_at=bindparam("now"),
        made=bindparam("made"),
        telegram_message_id=bindparam("message_id"),
        # What was said is the person's own business once it has reached them.
        sealed_calls=None,
        claimed_until=None,
    )
)
_INTERRUPTED = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("ident"))
    # Free to be claimed by the next redelivery, from the first call not made.
    .values(made=bindparam("made"), claimed_until=bindparam("now"))
)


@dataclass(frozen=True)
class Confirmation:
    """How far a row's calls were made: all of them (``finished``), or the first ``made``."""

    ident: int
    made: int
    finished: bool
    message_id: int | None = None


@dataclass(frozen=True)
class Claimed:
    """A row taken for making again: its calls, and how many were made already."""

    ident: int
    made: int
    calls: list[dict[str, Any]]


async def journal(
    session: AsyncSession,
    vault: Vault,
    update_id: int | None,
    calls: Sequence[dict[str, Any]],
    now: dt.datetime,
) -> int:
    """Store ``calls`` as one row, claimed by the caller for a lease; its id."""
    row = {
        "update_id": update_id,
        "sealed_calls": vault.seal_json(list(calls), context=_CONTEXT),
        "created_at": now,
        "claimed_until": now + LEASE,
        "made": 0,
    }
    return int((await session.execute(_JOURNAL, row)).scalar_one())


async def confirm(
    session: AsyncSession, confirmations: Sequence[Confirmation], now: dt.datetime
) -> None:
    """Record how far rows were made: a finished one is never made again."""
    finished = [
        {"ident": c.ident, "made": c.made, "message_id": c.message_id, "now": now}
        for c in confirmations
        if c.finished
    ]
    interrupted = [
        {"ident": c.ident, "made": c.made, "now": now} for c in confirmations if not c.finished
    ]
    if finished:
        await session.execute(_FINISHED, finished)
    if interrupted:
        await session.execute(_INTERRUPTED, interrupted)


async def claim_interrupted(
    session: AsyncSession,
    vault: Vault,
    now: dt.datetime,
    *,
    everything: bool = False,
    limit: int = 500,
) -> list[Claimed]:
    """Claim the unconfirmed rows whose lease ran out (``everything``: all unconfirmed rows,
    whoever held them), oldest first, with their calls; claimed for a lease from ``now``."""
    query = select(
        _OUTBOX.c.id, _OUTBOX.c.sealed_calls, _OUTBOX.c.claimed_until, _OUTBOX.c.made
    ).where(_OUTBOX.c.sent_at.is_(None))
    if not everything:
        query = query.where(or_(_OUTBOX.c.claimed_until.is_(None), _OUTBOX.c.claimed_until < now))
    stale = await session.execute(query.order_by(_OUTBOX.c.id).limit(limit))
    claimed: list[Claimed] = []
    for ident, sealed, until, made in stale.all():
        # Claimed only if no one else claimed it since it was read.
        taken = await session.execute(
            update(_OUTBOX)
            .where(
                _OUTBOX.c.id == ident,
                _OUTBOX.c.sent_at.is_(None),
                _OUTBOX.c.claimed_until.is_(None)
                if until is None
                else _OUTBOX.c.claimed_until == until,
            )
            .values(claimed_until=now + LEASE)
        )
        if taken.rowcount and sealed is not None:  # type: ignore[attr-defined]
            calls = vault.open_json(sealed, context=_CONTEXT)
            claimed.append(Claimed(int(ident), int(made), calls))
    return claimed


async def forget_sent(session: AsyncSession, before: dt.datetime) -> None:
    """Drop the rows confirmed before ``before``: they only served to skip repeats."""
    await session.execute(
        delete(_OUTBOX).where(_OUTBOX.c.sent_at.is_not(None), _OUTBOX.c.sent_at < before)
    )


async def unconfirmed(session: AsyncSession) -> int:
    """How many rows are stored and not yet confirmed."""
    count = await session.scalar(
        select(func.count()).select_from(_OUTBOX).where(_OUTBOX.c.sent_at.is_(None))
    )
    return int(count or 0)
