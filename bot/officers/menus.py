"""The officers' commands: their lines in /help and their own command menu in their chat.

Telegram shows one command menu to everyone unless a chat has its own; an officer's chat gets
its own (``BotCommandScopeChat``) when the role is granted, in the officer's language.
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from flows.access import OFFICER_LEVELS, Role
from flows.i18n import Translator

log = logging.getLogger(__name__)

OFFICER_ROLES: Final = frozenset(role.value for role in OFFICER_LEVELS)


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
    if role == Role.UNIT_OFFICER:
        lines.append(t("/enter: register a worker of your unit"))
    if role == Role.PROVINCE_OFFICER:
        lines.append(t("/broadcast <message>: send a message to the workers or officers"))
    return lines


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
    if role == Role.UNIT_OFFICER:
        entries.append(BotCommand("enter", t("Register a worker of my unit")))
    if role == Role.PROVINCE_OFFICER:
        entries.append(BotCommand("broadcast", t("Message to workers or officers")))
    return entries


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
