"""/queue and the record card: how many wait, one card a message (oldest first), "Next", the
card again, full numbers (audited) and the documents."""

from __future__ import annotations

from functools import partial
from typing import Final

from telegram import Update

from bot.context import BotContext
from bot.documents import documents_of, kept_copy, send_document
from bot.officers import rendering
from bot.officers.acting import Acting, acting_if, found, officer, permitted, say, tell
from bot.officers.cards import card_screen
from bot.officers.deciding import on_card
from bot.usecases import cards
from bot.usecases import queue as queue_card
from bot.usecases.cards import Card
from flows.access import Refused, level_name
from flows.i18n import N_, Message
from flows.registration import Screen, render_text
from flows.review.callbacks import Pressed
from flows.review.card import field_labels

WAITING: Final = N_("📥 Waiting for your review ({level}): {count}")
NOTHING_WAITING: Final = N_("📭 Nothing is waiting for your review ({level}).")
NO_DOCUMENTS: Final = N_("Record {id} has no documents.")
DOCUMENT: Final = N_("Record {id} · {document}")


@acting_if(officer)
async def show_queue(update: Update, context: BotContext, who: Acting) -> None:
    """How many records wait at the officer's level and scope, then the oldest one's card."""
    await _show_at(update, context, who, 0, with_count=True)


async def next_card(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The card at the pressed offset of the queue, as a new message."""
    if await permitted(update, context, officer, who=who) is None:
        return
    await _show_at(update, context, who, pressed.record_id, with_count=False)


async def _show_at(
    update: Update, context: BotContext, who: Acting, offset: int, *, with_count: bool
) -> None:
    services = context.services
    queue = await queue_card.card_at(
        context.session,
        services.vault,
        who.actor,
        offset,
        services.clock.now(),
        zone=services.settings.zone,
    )
    assert who.actor.level is not None
    level = level_name(who.actor.level)
    if queue.closed is not None:
        closed = queue.closed
        said = {"campaign": closed.campaign, "moment": closed.review_closes, "count": closed.count}
        await tell(update, context, who, Message(REVIEW_CLOSED, said))
        return
    screen = None
    if queue.card is not None:
        following = queue_card.following(queue.offset, queue.count)
        screen = card_screen(queue.card, who, next_offset=following)
    await context.uow.commit()
    if with_count or screen is None:
        count = Message(WAITING, {"level": level, "count": queue.count})
        await say(
            update,
            context,
            who.t.render(count if queue.count else Message(NOTHING_WAITING, {"level": level})),
        )
    elif update.callback_query is not None:
        await update.callback_query.answer()
    if screen is not None:
        await rendering.send(context.bot, who.chat_id, screen, who.t)


REVIEW_CLOSED: Final = N_(
    "The review of {campaign} closed on {moment}. Records still waiting: {count}; they can no "
    "longer be decided."
)


@on_card()
async def back_to_card(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """The record's card again, as it is now, in place of the pressed screen."""
    await _show_card(update, context, who, card_screen(card, who, next_offset=_next(update)))


async def full_numbers(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The card with full ID and card numbers, for those entitled; the viewing is audited."""
    registration = await found(update, context, who, pressed.record_id)
    if registration is None:
        return
    services = context.services
    try:
        card = await cards.with_full_numbers(
            context.session, services.vault, registration, who.actor, zone=services.settings.zone
        )
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return
    screen = card_screen(card, who, full_numbers=True, next_offset=_next(update))
    await _show_card(update, context, who, screen)


@on_card()
async def documents(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Send the record's photos and files to the officer, each named by its question.

    The ID and bank card copy shows the full numbers, so sending the documents is audited as
    showing them is.
    """
    registration = card.registration
    shown = cards.documents(context.session, card, who.actor, documents_of(card.form, card.answers))
    files, withheld = shown.files, shown.withheld
    if not files:
        nothing = (
            Message(WITHHELD) if withheld else Message(NO_DOCUMENTS, {"id": str(registration.id)})
        )
        await tell(update, context, who, nothing)
        return
    await context.uow.commit()
    if update.callback_query is not None:
        await update.callback_query.answer()
    if withheld:
        await context.bot.send_message(who.chat_id, who.t(WITHHELD))
    labels = field_labels(card.form)
    data_dir = context.services.settings.data_dir
    for name, file in files:
        field_id, number = name.rsplit("-", 1)
        document = render_text(labels[field_id], who.t)
        if len([n for n, _ in files if n.rsplit("-", 1)[0] == field_id]) > 1:
            document = f"{document} ({number})"
        caption = who.t(DOCUMENT, id=str(registration.id), document=document)
        copy = partial(kept_copy, context.services.vault, data_dir, registration.id, name)
        if not await send_document(context.bot, who.chat_id, file, caption, copy):
            await context.bot.send_message(who.chat_id, who.t(UNAVAILABLE, document=document))


UNAVAILABLE = N_(
    "“{document}” could not be fetched from Telegram, and no copy of it is kept here. Please "
    "ask the worker to send it again."
)
WITHHELD = N_(
    "The copy of the ID and bank card shows the full numbers, so it is shown only to the "
    "union officers of the worker's own unit and of the provincial union."
)


def _next(update: Update) -> int | None:
    query = update.callback_query
    return rendering.next_offset_of(query.message if query is not None else None)


async def _show_card(update: Update, context: BotContext, who: Acting, screen: Screen) -> None:
    await context.uow.commit()
    query = update.callback_query
    if query is not None:
        await query.answer()
    await rendering.show_in_place(
        context.bot, query.message if query else None, who.chat_id, screen, who.t
    )
