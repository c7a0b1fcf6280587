"""Approve, return for correction, reject, the aid amount: the presses, and the reason or the
amount the officer then types (kept in the database until it comes, see
:mod:`bot.officers.awaiting`); a pre-check's reason goes to :mod:`bot.handlers.precheck`."""

from __future__ import annotations

from typing import Final

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.handlers import precheck
from bot.officers import rendering
from bot.officers.acting import Acting, no_record, record, say, tell
from bot.officers.awaiting import PRECHECK_KINDS, awaited, stop_waiting
from bot.officers.cards import aid_amounts, card_screen, open_card
from bot.officers.deciding import (
    TYPE_AGAIN,
    Place,
    apply,
    card_to_decide,
    expect_input,
    place_of,
    show_pressed,
)
from bot.people import person_of
from flows.access import Action, Refused
from flows.i18n import N_, Message
from flows.review import Approve, Decision, Reject, Return, callbacks, parse_amount
from flows.review.callbacks import Pressed, fields_of
from flows.review.card import amount_screen, needs_amount, reason_screen, return_screen
from flows.review.precheck import approve_anyway_screen
from storage.repositories import review

CHOOSE_FIELDS: Final = N_("Please choose at least one answer to correct.")
NOT_DECIDED: Final = N_("Stopped: nothing was decided on record {id}.")


async def approve(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Approve: up to the next level, or at the last level first the aid amount."""
    card = await card_to_decide(update, context, who, pressed, Action.APPROVE)
    if card is None:
        return
    if pressed.argument != callbacks.SURE:
        asked = approve_anyway_screen(card.record, card.precheck)
        if asked is not None:
            await show_pressed(update, context, who, asked)
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
    expect_input(update, who, card, "amount")
    await show_pressed(update, context, who, amount_screen(card.record, aid_amounts(campaign)))


async def amount_chosen(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Approve at the last level with one of the policy's standard amounts."""
    card = await card_to_decide(update, context, who, pressed, Action.SET_AMOUNT)
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
    card = await card_to_decide(update, context, who, pressed, Action.RETURN)
    if card is None:
        return
    chosen = fields_of(card.form, pressed.argument)
    screen = return_screen(card.form, card.record, card.answers, chosen)
    await show_pressed(update, context, who, screen)


async def return_chosen(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """The answers to correct are chosen: now the reason, typed."""
    card = await card_to_decide(update, context, who, pressed, Action.RETURN)
    if card is None:
        return
    fields = fields_of(card.form, pressed.argument)
    if not fields:
        await tell(update, context, who, Message(CHOOSE_FIELDS))
        return
    expect_input(update, who, card, "return", fields=fields)
    await show_pressed(update, context, who, reason_screen(card.record, rejecting=False))


async def start_reject(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
    """Reject: the reason, typed."""
    card = await card_to_decide(update, context, who, pressed, Action.REJECT)
    if card is None:
        return
    expect_input(update, who, card, "reject")
    await show_pressed(update, context, who, reason_screen(card.record, rejecting=True))


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
    if what.kind in PRECHECK_KINDS:
        await precheck.reason_typed(update, context, who, registration, what, message.text)
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
    """/cancel while a reason or an amount is awaited: nothing is decided (nor the pre-check
    changed), the card is back."""
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
    stopped = (
        precheck.stopped(what)
        if what.kind in PRECHECK_KINDS
        else Message(NOT_DECIDED, {"id": str(what.record_id)})
    )
    await say(update, context, who.t.render(stopped))
    raise ApplicationHandlerStop


async def forget_typing(update: Update, context: BotContext) -> None:
    """Any other command or button ends the wait for typed input (and goes on as usual)."""
    person = await person_of(update, context)
    stop_waiting(person.user)
