"""``songnuan chat``: the bot in this terminal, through the offline Bot API stand-in."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from functools import partial
from pathlib import Path

from sqlalchemy import select

from bot.app import close_services, open_services
from bot.cli.common import settings_or_exit
from bot.context import Services
from bot.demo import DEMO_OFFICER_ID, DEMO_WORKER_ID, seed_demo
from bot.logs import scrub_every_handler
from bot.settings import Settings
from bot.standin.cast import Cast, Player
from bot.standin.running import StandInBot
from bot.standin.server import BotApiStandIn
from bot.standin.terminal import (
    HELP,
    Confused,
    PlayAs,
    Press,
    Quit,
    Say,
    SendFile,
    ShareContact,
    Tap,
    Who,
    interpret,
)
from flows.access.roles import Role
from storage.models import Unit, User
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
            seeded = await seed_demo(session, services.clock.now(), services.settings.zone)
            # Update ids only grow, in Telegram too; the stand-in continues after the last one.
            first_update_id = await updates.last_update_id(session) + 1
        server = BotApiStandIn(first_update_id=first_update_id)
        async with StandInBot(services, server=server, reminders=True) as running:
            keep = partial(save_received, server, settings.data_dir / "received")
            bot_name = str(server.bot_user["first_name"])
            cast = Cast(server, running.settle, bot_name, language_code, keep)
            for user_id, name in PLAYERS.values():
                cast.meet(name, user_id)
            async with services.sessions() as session:
                known = await session.execute(select(User.display_name, User.telegram_id))
                cast.meet_all((name, telegram_id) for name, telegram_id in known)
            cast.switch(PLAYERS[player][1])
            _greet(settings, player, seeded)
            await _talk(cast, services)
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


async def _talk(cast: Cast, services: Services) -> None:
    refresher = asyncio.create_task(_show_arrivals(cast))
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                return
            if not line.strip():
                continue
            assert cast.current is not None
            action = interpret(line, cast.current.screen)
            if isinstance(action, Quit):
                return
            if isinstance(action, Who):
                print(cast.who())
            elif isinstance(action, PlayAs):
                await _play_as(cast, services, action)
            else:
                await _perform(cast.current, action)
            _show(cast)
    finally:
        refresher.cancel()


# A new person's role from ``:as NAME ROLE``, and how far up the tree from a unit their unit is.
SHORTCUTS = {
    "worker": (Role.WORKER, 0),
    "officer": (Role.UNIT_OFFICER, 0),
    "department": (Role.DEPARTMENT_OFFICER, 1),
    "province": (Role.PROVINCE_OFFICER, 2),
}


async def _play_as(cast: Cast, services: Services, action: PlayAs) -> None:
    player = cast.players.get(action.name)
    if player is not None and action.role is not None:
        print(f"  ({action.name} is here already; their role stays as it is)")
    if player is None:
        player = cast.meet(action.name, cast.new_id())
        if action.role is None:
            print(f"  ({action.name} is new to the bot: /start with an invitation link's code)")
        else:
            where = await _give_role(services, player, action.role)
            print(f"  ({action.name} is new: {SHORTCUTS[action.role][0]} of {where})")
    unread = player.unread()
    cast.switch(action.name)
    print(f"── you are {action.name} now" + (f": {unread} unread" if unread else ""))


async def _give_role(services: Services, player: Player, role: str) -> str:
    """Store the new person as the bot would after an invitation: the role and its unit."""
    given, steps_up = SHORTCUTS[role]
    async with services.sessions() as session, session.begin():
        # The first unit of the tree (the demo's), or the department or province above it.
        unit = await session.scalar(select(Unit).where(Unit.kind == "unit").order_by(Unit.id))
        for _ in range(steps_up):
            unit = await session.get(Unit, unit.parent_id) if unit and unit.parent_id else None
        if unit is None:
            return "no unit (add units first)"
        session.add(
            User(
                telegram_id=player.user.user_id,
                display_name=player.name,
                role=given.value,
                unit_id=unit.id,
            )
        )
        return unit.name


async def _perform(player: Player, action: object) -> None:
    user = player.user
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


async def _show_arrivals(cast: Cast) -> None:
    """Messages the bot sends by itself (reminders, notices) appear while one is typing."""
    while True:
        await asyncio.sleep(REFRESH_SECONDS)
        _show(cast)


def _show(cast: Cast) -> None:
    """The current person's new messages, and a line for anyone else who got some."""
    assert cast.current is not None
    drawn = cast.current.screen.changes()
    if drawn:
        print(drawn, flush=True)
    for line in cast.arrivals_elsewhere():
        print(line, flush=True)
