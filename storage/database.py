"""Engines, sessions and schema migrations for SQLite (embedded) and PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing, nullcontext
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage import inline_sqlite
from storage.crypto import Vault
from storage.inline_sqlite import InlineConnection
from storage.private import private_dir, private_sqlite

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
# SQLite copies its write-ahead log into the database when the log reaches this many pages.
# The bot does it sooner, on a thread (checkpoint()); this is the backstop for other programs.
SQLITE_CHECKPOINT_PAGES = 10_000


def create_engine(url: str, *, search_path: str | None = None) -> AsyncEngine:
    """An async engine; SQLite gets WAL, a busy timeout and enforced foreign keys.

    SQLite runs its statements on the event loop's thread (:mod:`storage.inline_sqlite`).

    ``search_path`` puts a PostgreSQL connection in another schema (the tests use one each).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        connect_args = {"server_settings": {"search_path": search_path}} if search_path else {}
        return create_async_engine(url, pool_pre_ping=True, connect_args=connect_args)
    database = Path(parsed.database) if parsed.database and parsed.database != ":memory:" else None
    if database is not None:
        private_dir(database.parent)
    args, options = parsed.get_dialect()().create_connect_args(parsed)
    options["timeout"] = SQLITE_BUSY_TIMEOUT_MS / 1000

    async def connect() -> InlineConnection:
        if database is not None:
            private_sqlite(database)  # made 0600 before SQLite opens (and so creates) it
        return await inline_sqlite.connect(*args, **options)

    engine = create_async_engine(url, async_creator=connect)
    event.listen(engine.sync_engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
    cursor.close()


_WRITERS: WeakKeyDictionary[Any, asyncio.Lock] = WeakKeyDictionary()


def writer_lock(engine: AsyncEngine) -> asyncio.Lock | None:
    """The lock a unit of work holds until it commits, on SQLite; None on PostgreSQL.

    SQLite lets one connection write at a time and makes the others wait (then fail with
    "database is locked"), while a write transaction in an async program stays open across
    awaits. Taking turns in the program instead keeps every writer moving.
    """
    if engine.dialect.name != "sqlite":
        return None
    lock = _WRITERS.get(engine.sync_engine)
    if lock is None:
        lock = _WRITERS[engine.sync_engine] = asyncio.Lock()
    return lock


async def checkpoint(engine: AsyncEngine) -> None:
    """Copy SQLite's write-ahead log into the database file, on a worker thread.

    Statements run on the event loop's thread (:mod:`storage.inline_sqlite`), so a checkpoint
    left to SQLite would copy a thousand pages and wait for the disk in the middle of someone's
    answer. A passive checkpoint takes no lock that writers or readers wait for. Nothing to do
    on PostgreSQL or an in-memory database.
    """
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    await asyncio.to_thread(_checkpoint, url.database)


def _checkpoint(path: str) -> None:
    # Read-write but never create: a database that is gone (a test's, removed) stays gone.
    uri = f"{Path(path).resolve().as_uri()}?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error as error:
        log.warning("Checkpointing %s failed: %s", path, error)


def sessions_writer_lock(sessions: async_sessionmaker[AsyncSession]) -> asyncio.Lock | None:
    """:func:`writer_lock` of the engine ``sessions`` are bound to."""
    bind = sessions.kw.get("bind")
    return writer_lock(bind) if isinstance(bind, AsyncEngine) else None


@asynccontextmanager
async def writing(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session in a transaction, committed when the block ends, in turn with other writers."""
    lock = sessions_writer_lock(sessions)
    # SQLite's statements never yield to the event loop, so without this a task cancelled
    # while it waited for its turn would still run its whole transaction before noticing.
    await asyncio.sleep(0)
    async with lock or nullcontext(), sessions() as session, session.begin():
        yield session


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (no implicit reloads in async)."""
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped in this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


async def upgrade(
    engine: AsyncEngine, revision: str = "head", *, vault: Vault | None = None
) -> None:
    """Bring the database to ``revision``; an empty database gets every table.

    ``vault``: the installation's key, for migrations that encrypt data stored in clear before
    (they refuse a database holding such data without it).
    """
    async with engine.begin() as connection:
        await connection.run_sync(_run_upgrade, revision, vault)


def _run_upgrade(connection: Connection, revision: str, vault: Vault | None) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    config.attributes["vault"] = vault
    command.upgrade(config, revision)


async def downgrade(engine: AsyncEngine, revision: str, *, vault: Vault | None = None) -> None:
    """Take the database back to ``revision`` (the tests of migrations use it)."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        config.attributes["vault"] = vault
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)
