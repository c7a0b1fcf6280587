"""``songnuan broadcast``: a message to the workers or officers of a unit, a department or all.

It shows who would get it and how it reads, asks to confirm (``--yes`` skips the question),
records one delivery per recipient and sends, within Telegram's limits. An interrupted
broadcast is finished by ``--resume ID`` or by the running bot, which picks up what is left
of every broadcast each minute; after a crash, only the messages that were in flight may
arrive twice.

One process sends at a time (the bot's reminder job, another ``songnuan broadcast``). When
another one is sending, this command says so in one line and exits with status 3 instead of
waiting: the other sender may be the bot, which finishes the broadcast by itself, and an admin
at a terminal should not be left watching a command that hangs for minutes for no visible
reason. The broadcast stays recorded; ``--resume`` sends it later.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable

from telegram import Bot
from telegram.ext import ExtBot

from bot.app import close_services, open_services
from bot.cli.common import configure_logging, fail, settings_or_exit
from bot.context import Services
from bot.reminders import FloodLimiter, RunReport, send_broadcast
from bot.settings import Settings
from bot.uow import UnitOfWork
from bot.usecases import broadcasts as recording
from flows.i18n import translator
from flows.reminders import broadcast_text
from flows.reminders.scope import AUDIENCES, Scope, ScopeError
from storage.leases import LeaseBusy
from storage.repositories import broadcasts

PROGRESS_EVERY = 100
BUSY = 3  # exit status: another process is sending


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``broadcast`` command."""
    parser = subparsers.add_parser(
        "broadcast", help="send a message to the workers or officers of a scope"
    )
    parser.add_argument("--scope", help="unit:CODE, department:CODE or all")
    parser.add_argument("--audience", choices=AUDIENCES, default="workers")
    parser.add_argument("--text", help="the message, as the officer writes it")
    parser.add_argument("--yes", action="store_true", help="send without asking to confirm")
    parser.add_argument(
        "--queue",
        action="store_true",
        help="only record it: the running bot sends it within a minute",
    )
    parser.add_argument("--resume", type=int, metavar="ID", help="send what is left of ID")
    parser.add_argument("--list", action="store_true", help="broadcasts and their progress")
    parser.set_defaults(handler=_broadcast)


def _broadcast(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    configure_logging("WARNING")
    if args.list:
        return asyncio.run(_with_services(settings, _list))
    if args.resume is not None:
        return asyncio.run(_with_services(settings, lambda s: _send(s, args.resume)))
    if not args.scope or not args.text or not args.text.strip():
        fail("give --scope and --text (or --resume ID, or --list)")
    try:
        scope = Scope.parse(args.scope, args.audience)
    except ScopeError as error:
        fail(str(error))
    return asyncio.run(_with_services(settings, lambda s: _new(s, args, scope)))


async def _with_services(settings: Settings, work: Callable[[Services], Awaitable[int]]) -> int:
    services = await open_services(settings)
    try:
        return await work(services)
    finally:
        await close_services(services)


async def _new(services: Services, args: argparse.Namespace, scope: Scope) -> int:
    text = args.text.strip()
    async with UnitOfWork(services.sessions, None) as uow:
        try:
            to = await recording.recipients(uow, scope)
        except ScopeError as error:
            fail(str(error))
    if not to:
        fail(f"nobody to send to: no {scope} (people who blocked the bot are left out)")
    default = services.settings.locale
    locales = Counter(recipient.locale or default for recipient in to)
    shown = ", ".join(f"{locale} {count}" for locale, count in sorted(locales.items()))
    print(f"Broadcast to the {scope}: {len(to)} recipients ({shown}).")
    for locale in sorted(locales):
        print(f"\nAs they read it ({locale}):")
        print(_indented(broadcast_text(translator(locale, services.settings.zone), text)))
    print()
    if not args.yes and not _confirmed():
        print("Cancelled: nothing was recorded or sent.")
        return 1
    async with UnitOfWork(services.sessions, None) as uow:
        try:
            recorded = await recording.record(uow, services.clock, scope, text, actor_user_id=None)
        except ScopeError as error:
            fail(str(error))
        await uow.commit()
    broadcast_id = recorded.broadcast_id
    print(f"Recorded broadcast #{broadcast_id} with {recorded.recipients} deliveries.")
    if args.queue:
        print("The running bot sends it within a minute.")
        return 0
    return await _send(services, broadcast_id)


async def _send(services: Services, broadcast_id: int) -> int:
    async with services.sessions() as session:
        if await broadcasts.get(session, broadcast_id) is None:
            fail(f"no broadcast #{broadcast_id} (see `songnuan broadcast --list`)")
    bot = await make_bot(services.settings)
    try:
        report = await send_broadcast(services, bot, broadcast_id, progress=_progress)
    except LeaseBusy as busy:
        print(_busy(services, broadcast_id, busy))
        return BUSY
    finally:
        await bot.shutdown()
    async with services.sessions() as session:
        counts = await broadcasts.counts(session, broadcast_id)
    print(
        f"Broadcast #{broadcast_id}: sent {report.sent} now; blocked {report.blocked}, "
        f"failed {report.failed}."
    )
    print(f"In all: {_counts(counts)}.")
    if counts.get(broadcasts.PENDING) or counts.get(broadcasts.SENDING):
        print(f"Not finished: `songnuan broadcast --resume {broadcast_id}` sends the rest.")
        return 1
    return 0


async def _list(services: Services) -> int:
    async with services.sessions() as session:
        for broadcast in await broadcasts.every(session):
            counts = await broadcasts.counts(session, broadcast.id)
            at = broadcast.created_at.astimezone(services.settings.zone)
            done = "finished" if broadcast.finished_at else "unfinished"
            first_line = broadcast.text.splitlines()[0][:40] if broadcast.text else ""
            print(
                f"#{broadcast.id}  {at:%Y-%m-%d %H:%M}  {broadcast.scope}  "
                f"{done}  {_counts(counts)}  {first_line}"
            )
    return 0


async def make_bot(settings: Settings) -> Bot:
    """A bot on the configured Bot API server, kept within Telegram's limits."""
    if settings.bot_token is None:
        fail("setting SONGNUAN_BOT_TOKEN is missing: expected the bot's token from @BotFather")
    bot: Bot = ExtBot(
        settings.bot_token.get_secret_value(),
        base_url=settings.bot_api_url,
        base_file_url=settings.bot_file_url,
        rate_limiter=FloodLimiter(),
    )
    await bot.initialize()
    return bot


def _progress(report: RunReport) -> None:
    done = report.sent + report.blocked + report.failed + report.later
    if done % PROGRESS_EVERY == 0:
        print(f"… {done} done", flush=True)


def _busy(services: Services, broadcast_id: int, busy: LeaseBusy) -> str:
    holding = busy.holding
    who = f" ({holding.holder})" if holding else ""
    until = (
        f" (if it died, its turn runs out at "
        f"{holding.expires_at.astimezone(services.settings.zone):%H:%M:%S})"
        if holding
        else ""
    )
    return (
        f"Broadcast #{broadcast_id} not sent from here: another process{who} is sending{until}; "
        f"the running bot sends what is left, or `songnuan broadcast --resume {broadcast_id}` "
        "later."
    )


def _confirmed() -> bool:
    try:
        answer = input("Send it? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _counts(counts: dict[str, int]) -> str:
    order = (broadcasts.SENT, broadcasts.PENDING, broadcasts.SENDING, broadcasts.BLOCKED)
    names = [*order, *sorted(set(counts) - set(order))]
    return ", ".join(f"{name} {counts[name]}" for name in names if counts.get(name))


def _indented(text: str) -> str:
    return "\n".join(f"  │ {line}" for line in text.splitlines())
