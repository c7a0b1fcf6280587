"""An installation on disk for the command-line tests of the review: settings from the
environment, and the review world (tests/storage/review_world.py) in its database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from bot.settings import Settings, load_settings
from storage.database import create_engine, session_factory
from tests.conftest import TEST_KEY
from tests.storage.review_world import World, build

T = TypeVar("T")


def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings of a fresh installation in ``tmp_path`` (SQLite, the tests' key)."""
    monkeypatch.setenv("SONGNUAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SONGNUAN_SECRET_KEY", TEST_KEY)
    monkeypatch.setenv("SONGNUAN_BOT_TOKEN", "123456:TEST-TOKEN")
    monkeypatch.delenv("SONGNUAN_DATABASE_URL", raising=False)
    return load_settings()


def in_world(settings: Settings, work: Callable[[World], Awaitable[T]]) -> T:
    """Run ``work`` on the installation's database, built into the review world first."""

    async def main() -> T:
        engine = create_engine(settings.effective_database_url)
        try:
            world = await build(engine)
            return await work(world)
        finally:
            await engine.dispose()

    return asyncio.run(main())


def on_database(settings: Settings, work: Callable[[World], Awaitable[T]]) -> T:
    """Run ``work`` on the installation's database as it is now."""

    async def main() -> T:
        engine = create_engine(settings.effective_database_url)
        try:
            world = World(session_factory(engine), {}, {}, 1)
            return await work(world)
        finally:
            await engine.dispose()

    return asyncio.run(main())
