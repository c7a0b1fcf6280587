"""SQLite on the event loop's thread: writers in turn, the log copied into the database off it."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from sqlalchemy import text

from storage.database import checkpoint, create_engine, session_factory, writing


async def test_statements_run_on_the_event_loops_thread(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    threads = set(threading.enumerate())
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            assert set(threading.enumerate()) == threads
    finally:
        await engine.dispose()


async def test_writers_take_turns_and_each_commits(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'turns.db'}")
    sessions = session_factory(engine)
    try:
        async with writing(sessions) as session:
            await session.execute(text("CREATE TABLE counter (n INTEGER)"))

        async def add(n: int) -> None:
            async with writing(sessions) as session:
                await session.execute(text("INSERT INTO counter VALUES (:n)"), {"n": n})
                await asyncio.sleep(0)  # another writer may run meanwhile: it waits its turn

        await asyncio.gather(*(add(n) for n in range(20)))
        async with sessions() as session:
            assert await session.scalar(text("SELECT count(*) FROM counter")) == 20
    finally:
        await engine.dispose()


async def test_a_checkpoint_copies_the_log_into_the_database(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = session_factory(engine)
    try:
        async with writing(sessions) as session:
            await session.execute(text("CREATE TABLE blob (b BLOB)"))
            for _ in range(50):
                await session.execute(text("INSERT INTO blob VALUES (randomblob(4000))"))
        before = path.stat().st_size
        await checkpoint(engine)
        assert path.stat().st_size > before + 50 * 4000
    finally:
        await engine.dispose()


async def test_a_checkpoint_does_not_create_a_database_that_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "gone.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await checkpoint(engine)
    assert not path.exists()
