"""The data directory is its owner's alone: folders 0700, the database, key and documents 0600.

Each test runs under a permissive umask (0o022, files 0644 by default), so what it sees is the
program's own doing, not the test runner's umask.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import close_services, open_services
from bot.documents import keep_copies
from bot.settings import Settings
from bot.standin.running import StandInBot
from flows.forms.loading import load_form
from storage.database import create_engine, upgrade
from tests.bot.test_chat_cli import chat


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def fresh(tmp_path: Path) -> Settings:
    """An installation about to start: no data directory yet, the key made on first use."""
    return Settings(_env_file=None, data_dir=tmp_path / "data", locale="zh_CN")  # type: ignore[call-arg]


async def test_the_data_directory_database_and_key_are_private(fresh: Settings) -> None:
    services = await open_services(fresh)
    try:
        data = fresh.data_dir
        assert mode(data) == 0o700
        assert mode(data / "secret.key") == 0o600
        assert mode(data / "songnuan.db") == 0o600
        for companion in ("songnuan.db-wal", "songnuan.db-shm"):
            assert mode(data / companion) == 0o600, companion
    finally:
        await close_services(services)


async def test_a_database_made_world_readable_before_is_tightened(tmp_path: Path) -> None:
    database = tmp_path / "old.db"
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await upgrade(engine)
    await engine.dispose()
    for path in tmp_path.glob("old.db*"):
        path.chmod(0o644)
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await upgrade(engine)
    await engine.dispose()
    found = {path.name: mode(path) for path in tmp_path.glob("old.db*")}
    assert "old.db" in found and set(found.values()) == {0o600}


async def test_a_stored_document_is_private(standin: StandInBot, settings: Settings) -> None:
    stored = standin.server.store_file(b"%PDF diagnosis", "diagnosis.pdf", "application/pdf")
    answers = {"doc_diagnosis": [{"file_id": stored.file_id, "mime_type": "application/pdf"}]}
    bot = standin.application.bot
    kept = await keep_copies(
        bot, standin.services.vault, settings.data_dir, 7, load_form("jilin-2020"), answers
    )
    assert kept == 1
    folder = settings.data_dir / "documents" / "7"
    assert mode(settings.data_dir / "documents") == 0o700
    assert mode(folder) == 0o700
    assert mode(folder / "doc_diagnosis-1.pdf.sealed") == 0o600


def test_songnuan_chat_keeps_its_data_and_log_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    chat(data, ["/start", ":quit"])
    assert mode(data) == 0o700
    files = {path.name: mode(path) for path in data.iterdir() if path.is_file()}
    assert {"chat.log", "songnuan.db"} <= set(files)
    assert set(files.values()) == {0o600}, files
