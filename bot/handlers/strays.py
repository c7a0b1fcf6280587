"""What no other handler takes: a press of a button whose data does not parse, or is spent."""

from __future__ import annotations

from typing import Final

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.context import BotContext
from bot.people import person_of
from flows.i18n import N_

NO_LONGER_WORKS: Final = N_("This button no longer works.")


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


# Last of all: only presses that no handler before took.
HANDLERS = [CallbackQueryHandler(refuse_press)]
