"""The one place unexpected errors go: logged without personal data, the user told kindly."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.people import person_of
from bot.uow import UpdateAlreadyHandled

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Undo the update's unsaved work, log the error and apologise to the user."""
    error = context.error
    if isinstance(error, UpdateAlreadyHandled):
        return
    if not_modified(error):
        # A second tap on the same button, or on one whose draft expired: the message already
        # shows what the edit would. Handlers save before they edit, so the update is done.
        await _answer_press(update)
        return
    await context.uow.rollback()
    # The update itself is never logged: it may carry a resident ID the user typed.
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("Error while handling update %s: %s", update_id, type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    if isinstance(error, Forbidden):
        return
    person = await person_of(update, context)
    # Handled, though in vain: the apology is stored and sent once, like any reply.
    await context.uow.commit()
    await update.effective_message.reply_text(
        person.t(
            "Sorry, something went wrong on my side. Your saved answers are safe; please try again."
        )
    )


def not_modified(error: object) -> bool:
    """Whether Telegram refused an edit because the message would not change."""
    return isinstance(error, BadRequest) and "not modified" in error.message.lower()


async def _answer_press(update: object) -> None:
    """Answer the press, if it was one and no handler did, so the client stops waiting."""
    query = update.callback_query if isinstance(update, Update) else None
    if query is None:
        return
    with contextlib.suppress(BadRequest):  # answered already
        await query.answer()
