"""/register, /cancel and every answer of the registration conversation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.people import person_of
from bot.registration.conversation import take_turn
from bot.registration.events import event_of
from flows.registration import Pause, Resume


async def register(update: Update, context: BotContext) -> None:
    """Start the registration, or show where the person stopped."""
    person = await person_of(update, context)
    await take_turn(update, context, person, Resume(), start=True)


async def pause(update: Update, context: BotContext) -> None:
    """Stop for now; every answer is kept."""
    person = await person_of(update, context)
    await take_turn(update, context, person, Pause())


async def answer(update: Update, context: BotContext) -> None:
    """A typed answer, a pressed button, a shared contact or a file."""
    person = await person_of(update, context)
    await take_turn(update, context, person, event_of(update))


HANDLERS = [
    CommandHandler("register", register),
    CommandHandler("cancel", pause),
    CallbackQueryHandler(answer, pattern="^r:"),
    MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, answer),
]
