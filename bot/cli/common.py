"""What every subcommand shares: settings with one-line errors, logging, running async code."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import NoReturn, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import SystemClock
from bot.logs import scrub_every_handler
from bot.settings import Settings, SettingsError, load_settings
from bot.uow import UnitOfWork
from storage.crypto import Vault, load_master_key
from storage.database import create_engine, session_factory, upgrade

T = TypeVar("T")


def settings_or_exit() -> Settings:
    """The settings, or exit with status 2 and one line naming the bad setting."""
    try:
        return load_settings()
    except SettingsError as error:
        fail(str(error))


def csv_text(raw: bytes) -> str:
    """A CSV's text: UTF-8 with or without a BOM, else GB18030 (Excel on Chinese Windows).

    GB18030 is a superset of GBK and GB2312, so one fallback reads all three. UTF-8 is tried
    first because its strict decoding almost never accepts a GBK file by chance, while GB18030
    would accept (and garble) many UTF-8 files.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit with status 2."""
    print(f"songnuan: {message}", file=sys.stderr)
    raise SystemExit(2)


def configure_logging(level: str) -> None:
    """Log to stderr; keep httpx at WARNING, since at INFO it logs URLs with the bot token."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    scrub_every_handler()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


@asynccontextmanager
async def database_session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """A session on the configured database, upgraded first; the caller commits."""
    engine = create_engine(settings.effective_database_url)
    try:
        await upgrade(engine, vault=vault_of(settings))
        async with session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()


def vault_of(settings: Settings) -> Vault:
    """The installation's encryption key, as the bot uses it."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    return Vault(load_master_key(secret, settings.data_dir))


def run_in_database(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one transaction on the configured database and commit it."""

    async def main() -> T:
        async with database_session(settings) as session:
            result = await work(session)
            await session.commit()
            return result

    return asyncio.run(main())


def run_use_case(settings: Settings, work: Callable[[UnitOfWork], Awaitable[T]]) -> T:
    """Run ``work`` (a use case, as the bot's handlers call it) in one unit of work on the
    configured database and commit it."""

    async def main() -> T:
        engine = create_engine(settings.effective_database_url)
        try:
            await upgrade(engine, vault=vault_of(settings))
            async with UnitOfWork(session_factory(engine), None) as uow:
                result = await work(uow)
                await uow.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(main())


def clock_of(settings: Settings) -> SystemClock:
    """The real time in the installation's time zone, as the bot tells it."""
    return SystemClock(settings.zone)
