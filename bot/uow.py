"""One unit of work per update: a database session whose commit also marks the update done.

Handlers save before they reply (``await uow.commit()``); that commit carries the mark that the
update was handled, so a crash after it loses nothing and a repeated delivery is skipped, and a
crash before it leaves the update to be handled again at start.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.database import sessions_writer_lock
from storage.repositories import updates

if TYPE_CHECKING:
    from bot.outbox import Call, Outbox

_current: ContextVar[UnitOfWork | None] = ContextVar("songnuan_unit_of_work", default=None)


class UpdateAlreadyHandled(Exception):
    """Another worker handled this update first; this attempt must change nothing."""


class UnitOfWork:
    """A session bound to the update being handled (``update_id`` None: not from Telegram)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        update_id: int | None,
        outbox: Outbox | None = None,
    ) -> None:
        self.session = sessions()
        self.update_id = update_id
        # Where the replies made after the commit are stored first (see bot.outbox).
        self.outbox = outbox
        # What several handlers of one update look up alike (the sender), found once.
        self.memo: dict[object, object] = {}
        self._marked = False
        self._committed = False
        self._writer = sessions_writer_lock(sessions)

    @property
    def effects_committed(self) -> bool:
        """Whether the update's effects (and the mark that it is handled) are committed."""
        return self._committed

    async def commit(self) -> None:
        """Commit the work so far, together with the mark that the update is handled."""
        await self.commit_with(())

    async def commit_with(self, calls: Sequence[Call]) -> int | None:
        """Commit the work so far with the mark and the replies that show it; the replies' row.

        The replies are stored in the outbox in the same transaction, so that no crash can
        leave the work stored and its replies unsent (:mod:`bot.outbox` makes them).
        """
        try:
            if self.update_id is not None and not self._marked:
                if not await updates.mark_done(self.session, self.update_id):
                    await self.session.rollback()
                    raise UpdateAlreadyHandled(self.update_id)
                self._marked = True
            ident = None
            if calls:
                assert self.outbox is not None
                ident = await self.outbox.store_in(self.session, self.update_id, calls)
            await self.session.commit()
            self._committed = self._marked
            return ident
        finally:
            self._let_others_write()

    async def rollback(self) -> None:
        """Drop the work not yet committed."""
        try:
            await self.session.rollback()
        finally:
            self._let_others_write()

    async def __aenter__(self) -> UnitOfWork:
        if self._writer is not None:
            await self._writer.acquire()
        self._token = _current.set(self)
        return self

    def _let_others_write(self) -> None:
        # Replies go out after the commit, so the lock is never held across the network.
        if self._writer is not None and self._writer.locked():
            self._writer.release()
        self._writer = None

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _current.reset(self._token)
        try:
            await self.session.close()
        finally:
            self._let_others_write()


def active() -> UnitOfWork | None:
    """The unit of work of the update being handled, if one is."""
    return _current.get()


def current() -> UnitOfWork:
    """The unit of work of the update being handled."""
    unit = _current.get()
    if unit is None:
        raise RuntimeError("no unit of work: handlers run inside bot.dispatch")
    return unit
