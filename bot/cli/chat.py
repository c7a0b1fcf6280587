"""``songnuan chat``: the bot in this terminal, through the offline Bot API stand-in."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from functools import partial
from pathlib import Path

from bot.app import close_services, open_services
from bot.cli.common import settings_or_exit
from bot.demo import DEMO_OFFICER_ID, DEMO_WORKER_ID, seed_demo
from bot.logs import scrub_every_handler
from bot.settings import Settings
from bot.standin.running import StandInBot
from bot.standin.server import BotApiStandIn
from bot.standin.terminal import (
    HELP,
    ChatScreen,
    Confused,
    Press,
    Quit,
    Say,
    SendFile,
    ShareContact,
    Tap,
    interpret,
)
from bot.standin.users import SimulatedUser
from storage.private import private_dir, private_file, write_private
from storage.repositories import updates

PLAYERS = {"worker": (DEMO_WORKER_ID, "王芳"), "officer": (DEMO_OFFICER_ID, "李明")}
LANGUAGE_CODES = {"zh": "zh-hans", "en": "en"}
REFRESH_SECONDS = 0.5


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chat`` command."""
    parser = subparsers.add_parser(
        "chat", help="talk to the bot in this terminal (no Telegram token needed)"
    )
    parser.add_argument(
        "--as",
        dest="player",
        choices=sorted(PLAYERS),
        default="worker",
        help="who you play: the demo worker or the demo unit officer (default: worker)",
    )
    parser.add_argument(
        "--language",
        choices=sorted(LANGUAGE_CODES),
        default="zh",
        help="the language your phone is set to (default: zh)",
    )
    parser.set_defaults(handler=_chat)


def _chat(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    private_dir(settings.data_dir)
    # The terminal is the chat, so the log goes to a file beside the database.
    logging.basicConfig(
        filename=private_file(settings.data_dir / "chat.log"),
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    scrub_every_handler()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_converse(settings, args.player, LANGUAGE_CODES[args.language]))
    print()
    return 0


async def _converse(settings: Settings, player: str, language_code: str) -> None:
    services = await open_services(settings)
    try:
        async with services.sessions() as session, session.begin():
            seeded = await seed_demo(session, services.clock.now())
            # Update ids only grow, in Telegram too; the stand-in continues after the last one.
            first_update_id = await updates.last_update_id(session) + 1
        server = BotApiStandIn(first_update_id=first_update_id)
        async with StandInBot(services, server=server, reminders=True) as running:
            user_id, name = PLAYERS[player]
            user = running.user(user_id, name, language_code)
            keep = partial(save_received, server, settings.data_dir / "received")
            screen = ChatScreen(user.chat, str(server.bot_user["first_name"]), keep)
            _greet(settings, player, seeded)
            await _talk(user, screen)
    finally:
        await close_services(services)


def save_received(server: BotApiStandIn, folder: Path, file_id: str) -> Path:
    """Save a file the bot sent, under its own name (numbered if the name is taken)."""
    stored = server.files[file_id]
    private_dir(folder)
    name = Path(stored.file_name or f"{stored.file_unique_id}.jpg").name
    path = folder / name
    number = 1
    while path.exists() and path.read_bytes() != stored.content:
        number += 1
        path = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
    write_private(path, stored.content)
    return path


def _greet(settings: Settings, player: str, seeded: bool) -> None:
    print(f"Songnuan (送暖) chat — you are the demo {player}; data in {settings.data_dir}/")
    print(f"Files the bot sends you are saved in {settings.data_dir / 'received'}/")
    if seeded:
        print("An empty database: a demo unit, campaign, worker and officer were created.")
    print(HELP)


async def _talk(user: SimulatedUser, screen: ChatScreen) -> None:
    refresher = asyncio.create_task(_show_arrivals(screen))
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                return
            if not line.strip():
                continue
            action = interpret(line, screen)
            if isinstance(action, Quit):
                return
            await _perform(user, action)
            _show(screen)
    finally:
        refresher.cancel()


async def _perform(user: SimulatedUser, action: object) -> None:
    if isinstance(action, Confused):
        print(f"  ({action.reason})")
    elif isinstance(action, Press):
        await user.press(action.button.text)
        if user.last_answer and user.last_answer.get("text"):
            print(f"  ⓘ {user.last_answer['text']}")
    elif isinstance(action, Tap):
        await user.send(action.button.text)
    elif isinstance(action, ShareContact):
        await user.share_contact()
    elif isinstance(action, SendFile):
        await user.send_file(action.path, action.as_photo)
    elif isinstance(action, Say):
        await user.send(action.text)


async def _show_arrivals(screen: ChatScreen) -> None:
    """Messages the bot sends by itself (reminders, notices) appear while one is typing."""
    while True:
        await asyncio.sleep(REFRESH_SECONDS)
        _show(screen)


def _show(screen: ChatScreen) -> None:
    drawn = screen.changes()
    if drawn:
        print(drawn, flush=True)
