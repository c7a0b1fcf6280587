"""A record's history: ``/history <record number>`` and the card's "History" button."""

from __future__ import annotations

from typing import Final

from telegram import Update

from bot.context import BotContext
from bot.officers import rendering
from bot.officers.acting import Acting, acting, found, tell
from bot.usecases.history import record_history
from flows import callback_data
from flows.access import Refused
from flows.i18n import N_, Message
from flows.registration import Screen
from flows.review import history_lines
from flows.review.callbacks import Pressed
from flows.review.card import history_screen
from storage.models import Registration

USAGE: Final = N_("Send /history and the record number, for example: /history 12")


async def show_history(update: Update, context: BotContext) -> None:
    """``/history <record number>``: the record's history as a new message."""
    who = await acting(update, context)
    record_id = callback_data.record_number((context.args or [""])[0])
    if record_id is None:
        await tell(update, context, who, Message(USAGE))
        return
    screen = await _screen(update, context, who, record_id)
    if screen is None:
        return
    await context.uow.commit()
    await rendering.send(context.bot, who.chat_id, screen, who.t)


async def history_pressed(
    update: Update, context: BotContext, who: Acting, pressed: Pressed
) -> None:
    """The card's "History" button: the history in place of the card."""
    screen = await _screen(update, context, who, pressed.record_id)
    if screen is None:
        return
    query = update.callback_query
    assert query is not None
    screen = rendering.with_next(screen, rendering.next_offset_of(query.message))
    await context.uow.commit()
    await query.answer()
    await rendering.show_in_place(context.bot, query.message, who.chat_id, screen, who.t)


async def _screen(
    update: Update, context: BotContext, who: Acting, record_id: int
) -> Screen | None:
    registration = await found(update, context, who, record_id)
    if registration is None:
        return None
    try:
        return await history_of(context, who, registration)
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return None


async def history_of(context: BotContext, who: Acting, registration: Registration) -> Screen:
    """The history screen of a record the person may see; raises Refused else."""
    services = context.services
    zone = services.settings.zone
    shown = await record_history(
        context.session, services.vault, registration, who.actor, zone=zone
    )
    return history_screen(shown.record, history_lines(shown.entries, shown.labels, zone))
