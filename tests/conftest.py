"""Fixtures shared by the whole suite."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import open_services
from bot.clock import ManualClock
from bot.context import Services
from bot.settings import Settings
from bot.standin.running import StandInBot
from tests.auxil.databases import BACKENDS, migrated, open_engine

SHANGHAI = ZoneInfo("Asia/Shanghai")
TEST_KEY = base64.b64encode(bytes(range(32))).decode()


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An empty database on each backend under test."""
    async for engine in open_engine(request.param, tmp_path):
        yield engine


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings of a test installation, independent of the environment."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        bot_token="123456:TEST-TOKEN",
        secret_key=TEST_KEY,  # type: ignore[arg-type]
        locale="zh_CN",
    )


@pytest.fixture
def clock() -> ManualClock:
    """A clock standing at 2019-12-20 10:00 in Shanghai, a week before Jilin's intake closes."""
    return ManualClock(dt.datetime(2019, 12, 20, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
async def services(settings: Settings, engine: AsyncEngine, clock: ManualClock) -> Services:
    """The installation's services on a fresh, upgraded database."""
    await migrated(engine)
    return await open_services(settings, clock=clock, engine=engine)


@pytest.fixture
async def standin(services: Services) -> AsyncIterator[StandInBot]:
    """The real application and handlers running against the offline Bot API stand-in."""
    async with StandInBot(services) as running:
        yield running
