"""The ledger of inbound Telegram updates: stored before acknowledged, done with their effects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import Vault
from storage.models import InboundUpdate

_CONTEXT = b"inbound-update"


async def record(session: AsyncSession, vault: Vault, payloads: list[dict[str, Any]]) -> set[int]:
    """Store the updates that are new and return their ids; a repeated one is left as it was."""
    if not payloads:
        return set()
    rows = [
        {
            "update_id": payload["update_id"],
            "sealed_payload": vault.seal_json(payload, context=_CONTEXT),
            "received_at": dt.datetime.now(dt.UTC),
        }
        for payload in payloads
    ]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(InboundUpdate)
        .values(rows)
        .on_conflict_do_nothing()
        .returning(InboundUpdate.update_id)
    )
    return set((await session.scalars(statement)).all())


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
    result = await session.execute(
        update(InboundUpdate)
        .where(InboundUpdate.update_id == update_id, InboundUpdate.done_at.is_(None))
        .values(done_at=dt.datetime.now(dt.UTC), sealed_payload=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def last_update_id(session: AsyncSession) -> int:
    """The highest ``update_id`` ever stored (0 for none); update ids only grow."""
    highest = await session.scalar(select(func.max(InboundUpdate.update_id)))
    return int(highest or 0)
