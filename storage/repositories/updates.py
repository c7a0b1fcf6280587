"""The ledger of inbound Telegram updates: stored before acknowledged, done with their effects."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import Vault
from storage.models import InboundUpdate

_CONTEXT = b"inbound-update"


# The table, not the entity: Core statements skip the ORM's bulk machinery.
_LEDGER = cast(Table, InboundUpdate.__table__)
# Built once for each database: every update goes through both.
_RECORD = {
    name: insert(_LEDGER).on_conflict_do_nothing().returning(_LEDGER.c.update_id)
    for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_MARK_DONE = (
    update(_LEDGER)
    .where(_LEDGER.c.update_id == bindparam("id"), _LEDGER.c.done_at.is_(None))
    .values(done_at=bindparam("done"), sealed_payload=None)
)


async def record(session: AsyncSession, vault: Vault, payloads: list[dict[str, Any]]) -> set[int]:
    """Store the updates that are new and return their ids; a repeated one is left as it was."""
    if not payloads:
        return set()
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "update_id": payload["update_id"],
            "sealed_payload": vault.seal_json(payload, context=_CONTEXT),
            "received_at": now,
        }
        for payload in payloads
    ]
    statement = _RECORD[session.get_bind().dialect.name]
    return set((await session.scalars(statement, rows)).all())


async def reject(session: AsyncSession, update_id: int, reason: str) -> bool:
    """Keep an update that cannot be stored as done, with why (never its content).

    It is then acknowledged like any other and a repeated delivery is skipped: one update
    nothing can store must not hold back those after it. False if the id was stored already.
    """
    now = dt.datetime.now(dt.UTC)
    row = {
        "update_id": update_id,
        "sealed_payload": None,
        "received_at": now,
        "done_at": now,
        "rejected_because": reason[:80],
    }
    statement = _RECORD[session.get_bind().dialect.name]
    return bool((await session.scalars(statement, [row])).all())


async def rejected(session: AsyncSession) -> dict[int, str]:
    """The updates kept as rejected, with why."""
    result = await session.execute(
        select(InboundUpdate.update_id, InboundUpdate.rejected_because).where(
            InboundUpdate.rejected_because.is_not(None)
        )
    )
    return {update_id: str(reason) for update_id, reason in result.all()}


async def pending(session: AsyncSession, vault: Vault) -> list[dict[str, Any]]:
    """Updates stored but not yet done, oldest first: left over from a crash, or new."""
    result = await session.execute(
        select(InboundUpdate.sealed_payload)
        .where(InboundUpdate.done_at.is_(None))
        .order_by(InboundUpdate.update_id)
    )
    return [vault.open_json(sealed, context=_CONTEXT) for sealed in result.scalars() if sealed]


async def mark_done(session: AsyncSession, update_id: int) -> bool:
    """Mark an update handled and drop its payload; False if it was done already."""
    result = await session.execute(_MARK_DONE, {"id": update_id, "done": dt.datetime.now(dt.UTC)})
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def last_update_id(session: AsyncSession) -> int:
    """The highest ``update_id`` ever stored (0 for none); update ids only grow."""
    highest = await session.scalar(select(func.max(InboundUpdate.update_id)))
    return int(highest or 0)
