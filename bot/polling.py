"""Long polling that acknowledges an update to Telegram only after it is stored."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.context import SongnuanApplication
from bot.dispatch import Dispatcher
from bot.reminders.limiter import retry_seconds

log = logging.getLogger(__name__)

POLL_TIMEOUT_SECONDS = 30
BACKOFF_SECONDS = (1, 2, 5, 10, 30)


async def poll(
    application: SongnuanApplication,
    dispatcher: Dispatcher,
    stop: asyncio.Event,
    timeout: int = POLL_TIMEOUT_SECONDS,
) -> None:
    """Fetch updates until ``stop`` is set; each batch is stored before the next fetch acks it."""
    offset: int | None = None
    failures = 0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            application.bot.get_updates(
                offset=offset, timeout=timeout, allowed_updates=Update.ALL_TYPES
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            break
        try:
            batch = fetch.result()
        except RetryAfter as error:
            await _sleep_or_stop(stop, retry_seconds(error))
            continue
        except (NetworkError, TimedOut) as error:
            delay = BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)]
            failures += 1
            log.warning("Fetching updates failed (%s); retrying in %d s", error, delay)
            await _sleep_or_stop(stop, delay)
            continue
        if batch:
            try:
                await dispatcher.receive(list(batch))
            except Exception:
                # Not stored, so not acknowledged either: fetched again after a pause.
                delay = BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)]
                failures += 1
                log.exception("Storing updates failed; fetching them again in %d s", delay)
                await _sleep_or_stop(stop, delay)
                continue
            offset = batch[-1].update_id + 1
        failures = 0


def settle_heap() -> None:
    """Take what start-up loaded out of the garbage collector's sight, for good.

    Modules, catalogs, forms and the application live as long as the process. Left in the
    collector's oldest generation, each full collection walks all of them (some 150,000
    objects, 80 ms and more measured here) and stalls every chat for that long.
    """
    gc.collect()
    gc.freeze()


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return


def stop_on_signals(stop: asyncio.Event) -> None:
    """Set ``stop`` on SIGINT or SIGTERM, for a graceful shutdown."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)


async def serve(application: SongnuanApplication, stop: asyncio.Event) -> None:
    """Run the bot: leftovers first, then polling, then finish the work in hand and stop."""
    dispatcher = Dispatcher(application)
    await application.start()
    try:
        await dispatcher.resume()
        settle_heap()
        await poll(application, dispatcher, stop)
        await dispatcher.join()
    finally:
        await application.stop()
