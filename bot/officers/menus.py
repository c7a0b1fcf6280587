"""The officers' commands: their lines in /help and their own command menu in their chat.

Telegram shows one command menu to everyone unless a chat has its own; an officer's chat gets
its own (``BotCommandScopeChat``) when the role is granted, in the officer's language.
"""

from __future__ import annotations

import logging
from typing import Final, NamedTuple

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from flows.access import OFFICER_LEVELS, ROLE_ACTIONS, Action
from flows.i18n import N_, Translator

log = logging.getLogger(__name__)

OFFICER_ROLES: Final = frozenset(role.value for role in OFFICER_LEVELS)


class RoleCommand(NamedTuple):
    """A command for the one role the access matrix lets do its action."""

    action: Action
    command: str
    help_line: str
    menu_entry: str


ROLE_COMMANDS: Final = (
    RoleCommand(
        Action.ENTER_FOR_WORKER,
        "enter",
        N_("/enter: register a worker of your unit"),
        N_("Register a worker of my unit"),
    ),
    RoleCommand(
        Action.BROADCAST,
        "broadcast",
        N_("/broadcast <message>: send a message to the workers or officers"),
        N_("Message to workers or officers"),
    ),
    RoleCommand(
        Action.MOVE_DEADLINE,
        "deadline",
        N_("/deadline: extend the registration or the review, with a reason"),
        N_("Extend a deadline"),
    ),
)


def _role_commands(role: str | None) -> list[RoleCommand]:
    return [entry for entry in ROLE_COMMANDS if ROLE_ACTIONS[entry.action][0] == role]


def is_officer(role: str | None) -> bool:
    """Whether a stored role is a union officer's."""
    return role in OFFICER_ROLES


def help_lines(t: Translator, role: str | None) -> list[str]:
    """The officers' lines of /help (none for anyone else)."""
    if not is_officer(role):
        return []
    lines = [
        t("For union officers:"),
        t("/queue: the records waiting for your review"),
        t("/history <record number>: what happened to a record"),
        t("/invite: a join link for the workers of a unit"),
        t("/stats: the numbers of your units at a glance"),
        t("/export: the official tables as Excel files"),
    ]
    return [*lines, *(t(entry.help_line) for entry in _role_commands(role))]


def commands(t: Translator, role: str | None) -> list[BotCommand]:
    """The officers' entries of the command menu (none for anyone else)."""
    if not is_officer(role):
        return []
    entries = [
        BotCommand("queue", t("Records waiting for my review")),
        BotCommand("history", t("What happened to a record")),
        BotCommand("invite", t("Join link for workers")),
        BotCommand("stats", t("Numbers at a glance")),
        BotCommand("export", t("Tables as Excel files")),
    ]
    role_entries = (BotCommand(e.command, t(e.menu_entry)) for e in _role_commands(role))
    return [*entries, *role_entries]


async def publish(bot: Bot, chat_id: int, role: str | None, menu: list[BotCommand]) -> None:
    """Give an officer's chat its own menu; other chats go back to everyone's menu."""
    scope = BotCommandScopeChat(chat_id)
    try:
        if is_officer(role):
            await bot.set_my_commands(menu, scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError as error:
        # A menu is a convenience: /help lists the same commands.
        log.warning("Could not publish the command menu of a chat: %s", error)
