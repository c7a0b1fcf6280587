"""The databases every storage and conversation test runs on: SQLite, and PostgreSQL if set."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from storage.database import create_engine, upgrade
from storage.models import Base

POSTGRES_URL = os.environ.get("SONGNUAN_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


async def open_engine(backend: str, folder: Path) -> AsyncIterator[AsyncEngine]:
    """A fresh, empty database: an SQLite file, or a PostgreSQL schema of its own."""
    if backend == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{folder / 'songnuan.db'}")
        yield engine
        await engine.dispose()
        return
    assert POSTGRES_URL is not None
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(POSTGRES_URL, search_path=schema)
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


_TEMPLATE: list[Path] = []  # an SQLite database at the head revision, made once per run


async def migrated(engine: AsyncEngine) -> None:
    """Bring a fresh test database to the head revision.

    An SQLite database not yet opened starts as a copy of one migrated once per run: the
    migrations take most of a fresh test's database work, and their own tests use ``engine``
    empty. PostgreSQL (and a file already there) is upgraded as the bot would.
    """
    database = engine.url.database
    if engine.url.get_backend_name() == "sqlite" and database and not Path(database).exists():
        shutil.copyfile(await _template(), database)
    await upgrade(engine)


async def _template() -> Path:
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="songnuan-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = create_engine(f"sqlite+aiosqlite:///{folder / 'songnuan.db'}")
        await upgrade(template)
        await template.dispose()
        _TEMPLATE.append(folder / "songnuan.db")
    return _TEMPLATE[0]


async def raw_database_text(session: AsyncSession) -> str:
    """Every value of every table, as text: what someone reading the raw database would see."""
    parts = []
    for table in Base.metadata.sorted_tables:
        for row in (await session.execute(select(table))).all():
            for value in row:
                if isinstance(value, bytes):
                    parts.append(value.decode("latin-1"))
                else:
                    parts.append(str(value))
    return "\n".join(parts)
