"""Named leases in the database: one holder at a time, across processes, does the named work.

A lease row names the work, its holder and when the holding ends. Acquiring is one statement
(insert, or take over a row whose holding ended, or extend one's own), so two processes racing
for it cannot both win, on SQLite and PostgreSQL alike. The holder renews it while it works and
deletes it when done; a holder that dies simply stops renewing, and the lease is free again
once it expires. :class:`Lease` does all of that around a block of work.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Final

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.database import writing
from storage.models import Lease as LeaseRow

log = logging.getLogger(__name__)

TTL: Final = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class Holding:
    """Who holds a lease and until when."""

    holder: str
    expires_at: dt.datetime


class LeaseBusy(Exception):
    """Another holder has the lease; ``holding`` says who and until when."""

    def __init__(self, name: str, holding: Holding | None) -> None:
        self.name = name
        self.holding = holding
        until = f" until {holding.expires_at.isoformat()}" if holding else ""
        who = holding.holder if holding else "another process"
        super().__init__(f"lease {name!r} is held by {who}{until}")


def process_holder() -> str:
    """A holder id naming this process: host, process id and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def acquire(
    session: AsyncSession, name: str, holder: str, now: dt.datetime, ttl: dt.timedelta = TTL
) -> bool:
    """Take the lease for ``ttl`` (or extend one's own); False if someone else holds it."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(LeaseRow).values(name=name, holder=holder, expires_at=now + ttl)
    upsert = statement.on_conflict_do_update(
        index_elements=[LeaseRow.name],
        set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
        where=or_(LeaseRow.holder == holder, LeaseRow.expires_at <= now),
    ).returning(LeaseRow.name)
    return (await session.execute(upsert)).scalar() is not None


async def release(session: AsyncSession, name: str, holder: str) -> None:
    """Give the lease up, if ``holder`` still has it."""
    await session.execute(delete(LeaseRow).where(LeaseRow.name == name, LeaseRow.holder == holder))


async def holding(session: AsyncSession, name: str) -> Holding | None:
    """Who holds the lease and until when (an expired holding included), or None."""
    row = (
        await session.execute(
            select(LeaseRow.holder, LeaseRow.expires_at).where(LeaseRow.name == name)
        )
    ).first()
    return Holding(row.holder, row.expires_at) if row is not None else None


async def holds(session: AsyncSession, name: str, holder: str, now: dt.datetime) -> bool:
    """Whether ``holder`` holds the lease at ``now``."""
    found = await holding(session, name)
    return found is not None and found.holder == holder and found.expires_at > now


class Lease:
    """A lease this process holds around blocks of work (``async with lease:``).

    Re-entrant within the process: blocks that overlap share one holding, taken by the first
    and given up by the last; meanwhile a task renews it every third of its ``ttl``. Entering
    raises :class:`LeaseBusy` when another process holds it. If a renewal finds the lease taken
    (this process stalled past the expiry), :attr:`lost` turns true: work must stop, and
    :meth:`still_held` lets each step check within its own transaction.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        name: str,
        *,
        now: Callable[[], dt.datetime],
        holder: str | None = None,
        ttl: dt.timedelta = TTL,
    ) -> None:
        self.sessions = sessions
        self.name = name
        self.holder = holder or process_holder()
        self.ttl = ttl
        self._now = now
        self._depth = 0
        self._turn = asyncio.Lock()
        self._renewing: asyncio.Task[None] | None = None
        self.lost = False

    async def __aenter__(self) -> Lease:
        async with self._turn:
            if self._depth == 0:
                async with writing(self.sessions) as session:
                    taken = await acquire(session, self.name, self.holder, self._now(), self.ttl)
                    held_by = None if taken else await holding(session, self.name)
                if not taken:
                    raise LeaseBusy(self.name, held_by)
                self.lost = False
                self._renewing = asyncio.create_task(self._renew())
            self._depth += 1
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        async with self._turn:
            self._depth -= 1
            if self._depth:
                return
            if self._renewing is not None:
                self._renewing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._renewing
                self._renewing = None
            async with writing(self.sessions) as session:
                await release(session, self.name, self.holder)

    async def still_held(self, session: AsyncSession) -> bool:
        """Whether this process still holds the lease, read in the caller's transaction."""
        if self.lost:
            return False
        return await holds(session, self.name, self.holder, self._now())

    async def _renew(self) -> None:
        every = self.ttl.total_seconds() / 3
        while True:
            await asyncio.sleep(every)
            try:
                async with writing(self.sessions) as session:
                    kept = await acquire(session, self.name, self.holder, self._now(), self.ttl)
            except Exception:
                # The database is away: keep trying; the holding ends by itself if it stays so.
                log.exception("Renewing lease %s failed", self.name)
                continue
            if not kept:
                log.warning("Lease %s was taken by another process; stopping", self.name)
                self.lost = True
                return
