"""Approve, return for correction, reject, the aid amount: the presses, and the reason or the
amount the officer then types (kept in the database until it comes, see
:mod:`bot.officers.awaiting`)."""

from __future__ import annotations

from typing import Final

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.officers import rendering
from bot.officers.acting import Acting, no_record, record, say, tell
from bot.officers.awaiting import Awaited, Kind, awaited, expect, stop_waiting
from bot.officers.cards import aid_amounts, card_screen, open_card
from bot.officers.deciding import (
    TYPE_AGAIN,
    Place,
    apply,
    decision_refusal,
    place_of,
    refused_on_card,
)
from bot.people import person_of
from flows.access import Action, Refused
from flows.i18n import N_, Message
from flows.registration import Screen
from flows.review import Approve, Decision, Reject, Return, parse_amount
from flows.review.callbacks import Pressed, fields_of
from flows.review.card import amount_screen, needs_amount, reason_screen, return_screen
from storage.repositories import review
from storage.repositories.cards import Card
from storage.repositories.review import CARD_OUTDATED

CHOOSE_FIELDS: Final = N_("Please choose at least one answer to correct.")
NOT_DECIDED: Final = N_("Stopped: nothing was decided on record {id}.")


async def _decidable(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, action: Action
) -> Card | None:
    """The card of a record the officer may start ``action`` on now, from the current card."""
    registration = await record(context, pressed.record_id)
    if registration is None:
        await tell(update, context, who, no_record(pressed.record_id))
        return None
    try:
        card = await open_card(context, who, registration)
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return None
    refusal = decision_refusal(who.actor, action, card.record)
    if refusal is None and pressed.version != card.record.version:
        refusal = CARD_OUTDATED
    if refusal is not None:
        await refused_on_card(update, context, who, card, refusal, place_of(update, who))
        return None
    return card


async def _show(update: Update, context: BotContext, who: Acting, screen: Screen) -> None:
    await context.uow.commit()
    query = update.callback_query
    assert query is not None
    await query.answer()
    await rendering.show_in_place(context.bot, query.message, who.chat_id, screen, who.t)


def _expect(update: Update, who: Acting, card: Card, kind: Kind, fields: tuple[str, ...]) -> None:
    place = place_of(update, who)
    assert place.message_id is not None
    expect(
        who.person.user,
        Awaited(
            kind=kind,
            record_id=card.record.id,
            version=card.record.version,
            chat_id=place.chat_id,
            message_id=place.message_id,
            fields=fields,
            next_offset=place.next_offset,
        ),
    )


async def approve(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Approve: up to the next level, or at the last level first the aid amount."""
    card = await _decidable(update, context, who, pressed, Action.APPROVE)
    if card is None:
        return
    place = place_of(update, who)
    if not needs_amount(card.record):
        await apply(
            update,
            context,
            who,
            card.registration,
            Approve(),
            seen_version=pressed.version,
            place=place,
        )
        return
    campaign = await review.campaign_of(context.session, card.registration)
    _expect(update, who, card, "amount", ())
    screen = amount_screen(card.record, aid_amounts(campaign))
    await _show(update, context, who, rendering.with_next(screen, place.next_offset))


async def amount_chosen(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Approve at the last level with one of the policy's standard amounts."""
    card = await _decidable(update, context, who, pressed, Action.SET_AMOUNT)
    if card is None:
        return
    try:
        amount = parse_amount(pressed.argument or "")
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return
    await apply(
        update,
        context,
        who,
        card.registration,
        Approve(amount),
        seen_version=pressed.version,
        place=place_of(update, who),
    )


async def start_return(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Return for correction: choose the answers to correct (a press toggles one)."""
    card = await _decidable(update, context, who, pressed, Action.RETURN)
    if card is None:
        return
    chosen = fields_of(card.form, pressed.argument)
    screen = return_screen(card.form, card.record, card.answers, chosen)
    await _show(
        update, context, who, rendering.with_next(screen, place_of(update, who).next_offset)
    )


async def return_chosen(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The answers to correct are chosen: now the reason, typed."""
    card = await _decidable(update, context, who, pressed, Action.RETURN)
    if card is None:
        return
    fields = fields_of(card.form, pressed.argument)
    if not fields:
        await tell(update, context, who, Message(CHOOSE_FIELDS))
        return
    _expect(update, who, card, "return", fields)
    screen = reason_screen(card.record, rejecting=False)
    await _show(
        update, context, who, rendering.with_next(screen, place_of(update, who).next_offset)
    )


async def start_reject(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Reject: the reason, typed."""
    card = await _decidable(update, context, who, pressed, Action.REJECT)
    if card is None:
        return
    _expect(update, who, card, "reject", ())
    screen = reason_screen(card.record, rejecting=True)
    await _show(
        update, context, who, rendering.with_next(screen, place_of(update, who).next_offset)
    )


async def typed(update: Update, context: BotContext) -> None:
    """The reason or the amount an officer was asked for; anything else goes on to the
    registration."""
    person = await person_of(update, context)
    what = awaited(person.user)
    message = update.effective_message
    if what is None or message is None or message.text is None:
        return
    who = Acting(person, await review.actor_for(context.session, person.user))
    registration = await record(context, what.record_id)
    if registration is None:
        stop_waiting(person.user)
        await tell(update, context, who, no_record(what.record_id))
        raise ApplicationHandlerStop
    decision: Decision
    if what.kind == "amount":
        try:
            decision = Approve(parse_amount(message.text))
        except Refused as refused:
            await context.uow.commit()
            text = "\n".join([who.t.render(refused.message), who.t(TYPE_AGAIN)])
            await say(update, context, text)
            raise ApplicationHandlerStop from None
    elif what.kind == "return":
        decision = Return(what.fields, message.text)
    else:
        decision = Reject(message.text)
    place = Place(what.chat_id, what.message_id, what.next_offset)
    await apply(
        update,
        context,
        who,
        registration,
        decision,
        seen_version=what.version,
        place=place,
        typed=True,
    )
    raise ApplicationHandlerStop


async def cancel_typing(update: Update, context: BotContext) -> None:
    """/cancel while a reason or an amount is awaited: nothing is decided, the card is back."""
    person = await person_of(update, context)
    what = awaited(person.user)
    if what is None:
        return  # the registration's /cancel
    stop_waiting(person.user)
    who = Acting(person, await review.actor_for(context.session, person.user))
    registration = await record(context, what.record_id)
    screen = None
    if registration is not None:
        try:
            card = await open_card(context, who, registration)
            screen = card_screen(card, who, next_offset=what.next_offset)
        except Refused:
            screen = None
    await context.uow.commit()
    if screen is not None:
        await rendering.edit(context.bot, what.chat_id, what.message_id, screen, who.t)
    await say(update, context, who.t(NOT_DECIDED, id=str(what.record_id)))
    raise ApplicationHandlerStop


async def forget_typing(update: Update, context: BotContext) -> None:
    """Any other command or button ends the wait for typed input (and goes on as usual)."""
    person = await person_of(update, context)
    stop_waiting(person.user)
