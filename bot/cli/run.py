"""``songnuan run``: the bot on long polling against the configured Bot API server."""

from __future__ import annotations

import argparse
import asyncio

from bot.app import (
    build_application,
    close_services,
    default_rate_limiter,
    open_services,
    publish_commands,
)
from bot.cli.common import configure_logging, fail, settings_or_exit
from bot.polling import serve, stop_on_signals
from bot.reminders import schedule_reminders
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``run`` command."""
    parser = subparsers.add_parser("run", help="run the bot against the Telegram Bot API")
    parser.set_defaults(handler=_run)


def _run(_args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    if settings.bot_token is None:
        fail("setting SONGNUAN_BOT_TOKEN is missing: expected the bot's token from @BotFather")
    configure_logging(settings.log_level)
    asyncio.run(_serve(settings))
    return 0


async def _serve(settings: Settings) -> None:
    services = await open_services(settings)
    application = build_application(services, rate_limiter=default_rate_limiter())
    schedule_reminders(application)
    stop = asyncio.Event()
    stop_on_signals(stop)
    try:
        async with application:
            await publish_commands(application)
            await serve(application, stop)
    finally:
        await close_services(services)
