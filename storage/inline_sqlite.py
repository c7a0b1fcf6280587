"""aiosqlite's connection, run on the event loop's own thread instead of a thread of its own.

aiosqlite hands every call (cursor, execute, fetch, commit) to a worker thread and wakes the
event loop when it is done. For the small statements of a bot each hand-over costs more than
the statement: measured with ``python -m bench registration``, the echo bot on the update ledger
handled 181 updates a second through the thread and 559 run inline. An embedded SQLite
statement takes microseconds, so it runs where it is called.

What makes this safe: nothing in a write transaction waits for anything but the database while
another writer of this process could start; every writer of the bot takes
:func:`storage.database.writer_lock` first, so two of them never meet at SQLite's lock, where
the second would hold up the whole event loop for the busy timeout. Another process that
writes (an admin command) can still make the bot wait, for as long as its transaction lasts.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator
from typing import Any

import aiosqlite

_Call = tuple[asyncio.Future[Any] | None, Callable[[], Any]]


class _RunAtOnce:
    """Stands in for aiosqlite's queue to its worker thread: runs each call as it is queued.

    aiosqlite (and SQLAlchemy's adapter of it) queue ``(future, call)`` and await the future;
    a future already done when awaited hands back its result without yielding to the loop.
    """

    def put_nowait(self, item: _Call) -> None:
        future, call = item
        try:
            result = call()
        except BaseException as error:
            if future is not None:
                future.set_exception(error)
            return
        if future is not None:
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run at once, on the calling thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]

    def __await__(self) -> Generator[Any, None, InlineConnection]:
        # No worker thread to start: connecting is queued, so it runs at once too.
        return self._connect().__await__()  # type: ignore[return-value]


def connect(database: str, **kwargs: Any) -> InlineConnection:
    """Open ``database`` as :func:`aiosqlite.connect` would, but without the worker thread."""
    return InlineConnection(lambda: sqlite3.connect(database, **kwargs))
