"""The outbox: Bot API calls stored before they are made and confirmed once made.

A call is claimed by whoever stores it, for a lease; one still unconfirmed when its lease has
run out was interrupted (a crash, a network failure) and is claimed and made again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import Vault
from storage.models import OutboundCall

_CONTEXT = b"outbox-call"
LEASE = dt.timedelta(seconds=60)

_OUTBOX = cast(Table, OutboundCall.__table__)
_JOURNAL = insert(_OUTBOX).returning(_OUTBOX.c.id)
_CONFIRM = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("ident"))
    .values(
        sent_at=bindparam("now"),
        outcome=bindparam("outcome"),
        telegram_message_id=bindparam("message_id"),
        # What was said is the person's own business once it has reached them.
        sealed_call=None,
        claimed_until=None,
    )
)


@dataclass(frozen=True)
class Confirmation:
    """What became of one stored call: sent (with the message it made) or refused."""

    ident: int
    outcome: str
    message_id: int | None = None


async def journal(
    session: AsyncSession,
    vault: Vault,
    update_id: int | None,
    calls: Sequence[dict[str, Any]],
    now: dt.datetime,
) -> list[int]:
    """Store ``calls`` in order, claimed by the caller for a lease; their ids."""
    if not calls:
        return []
    rows = [
        {
            "update_id": update_id,
            "sealed_call": vault.seal_json(call, context=_CONTEXT),
            "created_at": now,
            "claimed_until": now + LEASE,
        }
        for call in calls
    ]
    # One statement a row keeps the ids in the calls' order on every database.
    return [int((await session.execute(_JOURNAL, row)).scalar_one()) for row in rows]


async def confirm(
    session: AsyncSession, confirmations: Sequence[Confirmation], now: dt.datetime
) -> None:
    """Record that these calls were made (or refused for good): never made again."""
    if not confirmations:
        return
    await session.execute(
        _CONFIRM,
        [
            {"ident": c.ident, "outcome": c.outcome, "message_id": c.message_id, "now": now}
            for c in confirmations
        ],
    )


async def claim_interrupted(
    session: AsyncSession, vault: Vault, now: dt.datetime, limit: int = 500
) -> list[tuple[int, dict[str, Any]]]:
    """Claim the unconfirmed calls whose lease ran out, oldest first, with their contents."""
    stale = await session.execute(
        select(_OUTBOX.c.id, _OUTBOX.c.sealed_call, _OUTBOX.c.claimed_until)
        .where(
            _OUTBOX.c.sent_at.is_(None),
            or_(_OUTBOX.c.claimed_until.is_(None), _OUTBOX.c.claimed_until < now),
        )
        .order_by(_OUTBOX.c.id)
        .limit(limit)
    )
    claimed: list[tuple[int, dict[str, Any]]] = []
    for ident, sealed, until in stale.all():
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
            claimed.append((int(ident), vault.open_json(sealed, context=_CONTEXT)))
    return claimed


async def forget_sent(session: AsyncSession, before: dt.datetime) -> None:
    """Drop the rows of calls confirmed before ``before``: they only served to skip repeats."""
    await session.execute(
        delete(_OUTBOX).where(_OUTBOX.c.sent_at.is_not(None), _OUTBOX.c.sent_at < before)
    )


async def unconfirmed(session: AsyncSession) -> int:
    """How many calls are stored and not yet confirmed."""
    rows = await session.execute(select(_OUTBOX.c.id).where(_OUTBOX.c.sent_at.is_(None)))
    return len(rows.all())
