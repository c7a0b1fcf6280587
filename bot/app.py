"""The composition root: settings, database, key and handlers become one Application."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import ApplicationBuilder, BaseRateLimiter, ContextTypes
from telegram.request import BaseRequest, HTTPXRequest

from bot.clock import Clock, SystemClock
from bot.context import BotContext, Services, SongnuanApplication
from bot.handlers import (
    broadcast,
    deadlines,
    errors,
    exports,
    group_chats,
    officers,
    registration,
    role_change,
    start,
    status,
    strays,
)
from bot.logs import scrub_every_handler
from bot.outbox import OutboxBot
from bot.reminders import JOB_NAME as REMINDERS_JOB
from bot.reminders import FloodLimiter
from bot.settings import Settings
from flows.i18n import SUPPORTED_LOCALES, translator
from storage.crypto import Vault, load_master_key
from storage.database import checkpoint, create_engine, session_factory, upgrade

log = logging.getLogger(__name__)


async def open_services(
    settings: Settings, clock: Clock | None = None, engine: AsyncEngine | None = None
) -> Services:
    """Connect to the database (upgrading its schema) and load the encryption key."""
    engine = engine or create_engine(settings.effective_database_url)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    vault = Vault(load_master_key(secret, settings.data_dir))
    await upgrade(engine, vault=vault)
    return Services(
        settings=settings,
        sessions=session_factory(engine),
        vault=vault,
        clock=clock or SystemClock(settings.zone),
    )


async def close_services(services: Services) -> None:
    """Release the database connections."""
    bind = services.sessions.kw.get("bind")
    if bind is not None:
        await bind.dispose()


def default_rate_limiter() -> BaseRateLimiter[Any]:
    """Telegram's limits: 30 messages a second overall, one a second a chat; 429s waited out.

    python-telegram-bot's AIORateLimiter lets a burst of 30 through and 30 more within the same
    second, and has no per-chat limit for private chats; this one counts each message until a
    window after Telegram answered it.
    """
    return FloodLimiter(overall=30, per_chat=1)


def build_application(
    services: Services,
    request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    token: str | None = None,
) -> SongnuanApplication:
    """The bot with every handler, talking to the Bot API through ``request``."""
    keep_personal_data_out_of_logs()
    settings = services.settings
    bot = OutboxBot(
        token=token or _token(settings),
        base_url=settings.bot_api_url,
        base_file_url=settings.bot_file_url,
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=request or HTTPXRequest(connection_pool_size=1),
        rate_limiter=rate_limiter,
    )
    builder = (
        ApplicationBuilder()
        .application_class(SongnuanApplication, kwargs={"services": services})
        .context_types(ContextTypes(context=BotContext))
        .bot(bot)
        .updater(None)
    )
    application = builder.build()
    assert isinstance(application, SongnuanApplication)
    application.add_handlers(group_chats.HANDLERS, group=group_chats.GROUP)  # private chats only
    application.add_handlers(deadlines.EARLY_HANDLERS, group=deadlines.GROUP)
    application.add_handlers(officers.HANDLERS)  # before the registration's catch-all
    for handler in [
        *start.HANDLERS,
        *role_change.HANDLERS,
        *status.HANDLERS,
        *exports.HANDLERS,
        *broadcast.HANDLERS,
        *deadlines.HANDLERS,
        *registration.HANDLERS,
        *strays.HANDLERS,
    ]:
        application.add_handler(handler)
    application.add_error_handler(errors.on_error)
    if application.job_queue is not None:
        quiet_routine_runs()
        application.job_queue.run_repeating(
            _checkpoint,
            interval=CHECKPOINT_INTERVAL,
            name=CHECKPOINT_JOB,
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
        application.job_queue.run_repeating(
            _redeliver,
            interval=REDELIVERY_INTERVAL,
            first=REDELIVERY_INTERVAL,
            name=REDELIVERY_JOB,
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
    return application


REDELIVERY_JOB = "songnuan-redelivery"
REDELIVERY_INTERVAL = dt.timedelta(seconds=15)


async def _redeliver(context: BotContext) -> None:
    """Make again the replies whose making was interrupted (Telegram unreachable a while)."""
    application = context.application
    assert isinstance(application, SongnuanApplication)
    await application.outbox.redeliver(application.outbox_bot)


CHECKPOINT_JOB = "songnuan-checkpoint"
CHECKPOINT_INTERVAL = dt.timedelta(seconds=1)


# The job queue's executor logs each run at INFO: two lines a second for the checkpoint alone.
EXECUTOR_LOG = "apscheduler.executors.default"
# The jobs that run all day long; each says itself what it did when it did something.
ROUTINE_JOBS = frozenset({CHECKPOINT_JOB, REDELIVERY_JOB, REMINDERS_JOB})


class _QuietRoutine(logging.Filter):
    """Lets the executor's lines about the routine jobs through from WARNING up only."""

    def filter(self, record: logging.LogRecord) -> bool:
        """False for an INFO (or lower) line about a routine job."""
        if record.levelno >= logging.WARNING or not isinstance(record.args, tuple):
            return True
        return not any(getattr(arg, "name", None) in ROUTINE_JOBS for arg in record.args)


def quiet_routine_runs() -> None:
    """Keep the routine jobs' runs out of the log unless something goes wrong; other jobs'
    lines, and these jobs' warnings and errors, are logged as before."""
    executor_log = logging.getLogger(EXECUTOR_LOG)
    if not any(isinstance(existing, _QuietRoutine) for existing in executor_log.filters):
        executor_log.addFilter(_QuietRoutine())


async def _checkpoint(context: BotContext) -> None:
    """Keep SQLite's write-ahead log short, on a thread (see storage.database.checkpoint)."""
    bind = context.services.sessions.kw.get("bind")
    if isinstance(bind, AsyncEngine):
        await checkpoint(bind)


def keep_personal_data_out_of_logs() -> None:
    """Hold python-telegram-bot's loggers at INFO whatever the root level, and scrub every
    record the log's handlers write (:mod:`bot.logs`).

    At DEBUG they write every API call with its parameters and results: the texts people type,
    resident ID and card numbers included.
    """
    chatty = logging.getLogger("telegram")
    if chatty.level < logging.INFO:
        chatty.setLevel(logging.INFO)
    scrub_every_handler()


async def publish_commands(application: SongnuanApplication) -> None:
    """Register the command menu for each language (the default one for other languages)."""
    default = application.services.settings.locale
    await application.bot.set_my_commands(start.commands(translator(default)))
    for locale in SUPPORTED_LOCALES:
        language_code = locale.split("_")[0]
        await application.bot.set_my_commands(
            start.commands(translator(locale)), language_code=language_code
        )


def _token(settings: Settings) -> str:
    if settings.bot_token is None:
        raise ValueError("SONGNUAN_BOT_TOKEN is not set")
    return settings.bot_token.get_secret_value()
