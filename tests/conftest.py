"""Fixtures shared by the whole suite."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings
from tests.auxil.databases import BACKENDS, open_engine

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
