"""``songnuan db upgrade|current``: the database schema."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.common import settings_or_exit, vault_of
from storage.database import create_engine, current_revision, upgrade


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``db`` command."""
    parser = subparsers.add_parser("db", help="database schema")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("upgrade", help="bring the database to the newest schema").set_defaults(
        handler=_upgrade
    )
    actions.add_parser("current", help="show the schema revision").set_defaults(handler=_current)


def _upgrade(_args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def run() -> str | None:
        engine = create_engine(settings.effective_database_url)
        try:
            await upgrade(engine, vault=vault_of(settings))
            return await current_revision(engine)
        finally:
            await engine.dispose()

    print(f"database at revision {asyncio.run(run())}")
    return 0


def _current(_args: argparse.Namespace) -> int:
    settings = settings_or_exit()

    async def run() -> str | None:
        engine = create_engine(settings.effective_database_url)
        try:
            return await current_revision(engine)
        finally:
            await engine.dispose()

    print(asyncio.run(run()) or "empty database")
    return 0
