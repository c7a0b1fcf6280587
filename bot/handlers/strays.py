"""What no other handler takes: a press of a button whose data does not parse, or is spent,
and a command the bot does not know."""

from __future__ import annotations

import re
from typing import Final

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from bot.people import person_of
from flows.i18n import N_

NO_LONGER_WORKS: Final = N_("This button no longer works.")
UNKNOWN_COMMAND: Final = N_("Unknown command {command}. Send /help to see what I can do.")
UNKNOWN: Final = N_("I do not know this command. Send /help to see what I can do.")
# What a command can be named (Telegram's own rule), so the one echoed back is only ever that.
_COMMAND: Final = re.compile(r"/[A-Za-z_][A-Za-z0-9_]{0,31}")


async def refuse_press(update: Update, context: BotContext) -> None:
    """A short toast for a press nothing can act on, and nothing else.

    Callback data is only what the client sent: made-up data gets the same answer as a button
    left on an old message, and the press is still answered, so the client stops waiting.
    """
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    await context.uow.commit()
    await query.answer(person.t(NO_LONGER_WORKS))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say that the command is unknown and where to look."""
    message = update.effective_message
    assert message is not None and message.text is not None
    person = await person_of(update, context)
    await context.uow.commit()
    command = message.text.split(maxsplit=1)[0].split("@", 1)[0]
    if _COMMAND.fullmatch(command):
        await message.reply_text(person.t(UNKNOWN_COMMAND, command=command))
    else:
        await message.reply_text(person.t(UNKNOWN))


# Last of all: only presses and commands that no handler before took.
HANDLERS = [
    CallbackQueryHandler(refuse_press),
    MessageHandler(filters.COMMAND, unknown_command),
]
