"""/queue and the record card: how many wait, one card a message (oldest first), "Next", the
card again, full numbers (audited) and the documents."""

from __future__ import annotations

from functools import partial
from typing import Final

from telegram import Update

from bot.context import BotContext
from bot.documents import documents_of, kept_copy, send_document
from bot.officers import rendering
from bot.officers.acting import Acting, acting, found, say, tell
from bot.officers.cards import card_screen, open_card, opened
from flows.access import Refused, level_name, sees_full_numbers
from flows.audit import AuditKind, DocumentsViewed
from flows.i18n import N_, Message
from flows.registration import Screen, render_text
from flows.review.callbacks import Pressed
from flows.review.card import field_labels
from storage.repositories import audit, review

WAITING: Final = N_("📥 Waiting for your review ({level}): {count}")
NOTHING_WAITING: Final = N_("📭 Nothing is waiting for your review ({level}).")
NO_DOCUMENTS: Final = N_("Record {id} has no documents.")
DOCUMENT: Final = N_("Record {id} · {document}")


def following(offset: int, count: int) -> int | None:
    """Where "Next" leads from the card at ``offset``: round to the oldest after the last."""
    return (offset + 1) % count if count > 1 else None


async def show_queue(update: Update, context: BotContext) -> None:
    """How many records wait at the officer's level and scope, then the oldest one's card."""
    who = await acting(update, context)
    refusal = who.officer_refusal()
    if refusal is not None:
        await tell(update, context, who, refusal.message)
        return
    await _show_at(update, context, who, 0, with_count=True)


async def next_card(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The card at the pressed offset of the queue, as a new message."""
    refusal = who.officer_refusal()
    if refusal is not None:
        await tell(update, context, who, refusal.message)
        return
    await _show_at(update, context, who, pressed.record_id, with_count=False)


async def _show_at(
    update: Update, context: BotContext, who: Acting, offset: int, *, with_count: bool
) -> None:
    now = context.services.clock.now()
    queue = await review.waiting(context.session, who.actor, now=now, offset=offset)
    if not queue.records and queue.count:
        # Decisions made the queue shorter than the offset: start again from the oldest.
        offset = 0
        queue = await review.waiting(context.session, who.actor, now=now)
    assert who.actor.level is not None
    level = level_name(who.actor.level)
    if not queue.count:
        closed = await _closed_review(context, who)
        if closed is not None:
            await tell(update, context, who, closed)
            return
    screen = None
    if queue.records:
        card = await open_card(context, who, queue.records[0])
        screen = card_screen(card, who, next_offset=following(offset, queue.count))
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


async def _closed_review(context: BotContext, who: Acting) -> Message | None:
    """Why records still waiting cannot be decided: their campaign's review has closed."""
    left = await review.waiting(context.session, who.actor)
    if not left.records:
        return None
    campaign = await review.campaign_of(context.session, left.records[0])
    return Message(
        REVIEW_CLOSED,
        {"campaign": campaign.name, "moment": campaign.review_closes, "count": left.count},
    )


REVIEW_CLOSED: Final = N_(
    "The review of {campaign} closed on {moment}. Records still waiting: {count}; they can no "
    "longer be decided."
)


async def back_to_card(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The record's card again, as it is now, in place of the pressed screen."""
    shown = await opened(update, context, who, pressed.record_id)
    if shown is None:
        return
    _, card = shown
    await _show_card(update, context, who, card_screen(card, who, next_offset=_next(update)))


async def full_numbers(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The card with full ID and card numbers, for those entitled; the viewing is audited."""
    registration = await found(update, context, who, pressed.record_id)
    if registration is None:
        return
    try:
        await review.view_full_numbers(context.session, registration, who.actor)
        card = await open_card(context, who, registration)
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return
    screen = card_screen(card, who, full_numbers=True, next_offset=_next(update))
    await _show_card(update, context, who, screen)


async def documents(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Send the record's photos and files to the officer, each named by its question.

    The ID and bank card copy shows the full numbers, so sending the documents is audited as
    showing them is.
    """
    shown = await opened(update, context, who, pressed.record_id)
    if shown is None:
        return
    registration, card = shown
    every = list(documents_of(card.form, card.answers))
    # The copy of the ID and bank card shows the full numbers: only for those entitled to them,
    # and for the person registered (an officer who entered it is entitled by scope, or not).
    target = card.record.target
    entitled = sees_full_numbers(who.actor, target) or target.registers(who.actor.user_id)
    files = [
        (name, file)
        for name, file in every
        if entitled or not card.form.field(name.rsplit("-", 1)[0]).is_sensitive
    ]
    withheld = len(files) < len(every)
    if not files:
        nothing = (
            Message(WITHHELD) if withheld else Message(NO_DOCUMENTS, {"id": str(registration.id)})
        )
        await tell(update, context, who, nothing)
        return
    audit.record(
        context.session,
        AuditKind.DOCUMENTS_VIEWED,
        actor_user_id=who.actor.user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        details=DocumentsViewed(documents=len(files)),
    )
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
