"""/register, /cancel and every answer of the registration conversation."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers import strays
from bot.officers.acting import Acting, acting_if, allowed_to
from bot.people import person_of
from bot.registration.conversation import take_turn
from bot.registration.events import event_of
from flows.access import Action
from flows.forms.parsing.files import MAX_BYTES, SNIFFED_BYTES, FileRef, content_type
from flows.registration import ButtonPressed, FileSent, Pause, Resume, callbacks

log = logging.getLogger(__name__)


async def register(update: Update, context: BotContext) -> None:
    """Start the registration, or show where the person stopped."""
    person = await person_of(update, context)
    await take_turn(update, context, person, Resume(), start="own")


@acting_if(allowed_to(Action.ENTER_FOR_WORKER))
async def enter_for_worker(update: Update, context: BotContext, who: Acting) -> None:
    """A unit officer enters a registration on behalf of a worker of the unit."""
    await take_turn(update, context, who.person, Resume(), start="on_behalf")


async def pause(update: Update, context: BotContext) -> None:
    """Stop for now; every answer is kept."""
    person = await person_of(update, context)
    await take_turn(update, context, person, Pause())


async def answer(update: Update, context: BotContext) -> None:
    """A typed answer, a pressed button, a shared contact or a file."""
    event = event_of(update)
    if isinstance(event, ButtonPressed) and callbacks.decode(event.data) is None:
        await strays.refuse_press(update, context)
        return
    person = await person_of(update, context)
    if isinstance(event, FileSent):
        event = FileSent(await typed_by_content(context, event.file))
    await take_turn(update, context, person, event)


async def typed_by_content(context: BotContext, file: FileRef) -> FileRef:
    """A document with the type its first bytes show in place of the one its sender declared.

    ``fake.png`` holding text is no image. Photos are Telegram's own JPEG re-encodings; a file
    too large to download is refused for its size anyway.
    """
    if file.kind != "document" or (file.file_size or 0) > MAX_BYTES:
        return file
    try:
        remote = await context.bot.get_file(file.file_id)
        head = bytes(await remote.download_as_bytearray())[:SNIFFED_BYTES]
    except TelegramError as error:
        log.warning("Could not download a document to check its type: %s", error)
        head = b""
    return file.model_copy(update={"mime_type": content_type(head)})


HANDLERS = [
    CommandHandler("register", register),
    CommandHandler("enter", enter_for_worker),
    CommandHandler("cancel", pause),
    CallbackQueryHandler(answer, pattern="^r:"),
    MessageHandler(~filters.COMMAND & ~filters.StatusUpdate.ALL, answer),
]
