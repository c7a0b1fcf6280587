"""Approve, return for correction, reject, the aid amount (confirmed in words when unusual),
a granted amount corrected or the aid withdrawn: the presses, and the reason or the amount the
officer then types (kept in the database until it comes, see :mod:`bot.officers.awaiting`);
a pre-check's reason goes to :mod:`bot.handlers.precheck_overrides`."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.handlers import precheck_overrides, remarks
from bot.officers import rendering
from bot.officers.acting import Acting, no_record, record, say, tell
from bot.officers.awaiting import PRECHECK_KINDS, Awaited, awaited, expect, stop_waiting
from bot.officers.cards import aid_amounts, card_screen, open_card
from bot.officers.deciding import (
    Place,
    apply,
    expect_input,
    on_card,
    place_of,
    show_pressed,
    to_amend,
    to_decide,
    type_again,
)
from bot.people import person_of
from bot.usecases.cards import Card
from flows.access import Action, Reason, Refused
from flows.i18n import N_, Message
from flows.registration import Screen
from flows.review import (
    AmendAmount,
    Approve,
    Decision,
    RecordView,
    Reject,
    Return,
    WithdrawGrant,
    callbacks,
    check_reason,
    grant_amount,
    parse_amount,
)
from flows.review.callbacks import Pressed, fields_of
from flows.review.card import (
    amend_reason_screen,
    amend_screen,
    amount_screen,
    confirm_amount_screen,
    needs_amount,
    reason_screen,
    return_screen,
)
from flows.review.precheck_overrides import anyway_reason_screen, approve_anyway_screen, in_effect
from storage.repositories import review

CHOOSE_FIELDS: Final = N_("Please choose at least one answer to correct.")
NOT_DECIDED: Final = N_("Stopped: nothing was decided on record {id}.")


@on_card(to_decide(Action.APPROVE))
async def approve(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Approve: up to the next level, or at the last level first the aid amount."""
    asked = approve_anyway_screen(card.record, card.precheck)
    if asked is not None:
        if pressed.argument == callbacks.SURE:
            # Against the pre-check's advice: only with a reason, kept in the history.
            against = in_effect(card.precheck)
            expect_input(update, who, card, "anyway", outcome=against)
            asked = anyway_reason_screen(card.record, against)
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


@on_card(to_decide(Action.SET_AMOUNT))
async def amount_chosen(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Approve at the last level with one of the policy's standard amounts, or with an unusual
    amount the officer confirmed in words."""
    try:
        amount = parse_amount(pressed.argument or "")
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return
    sure = pressed.action == callbacks.AMOUNT_SURE
    if not sure and _unusual(card.record, amount):
        await show_pressed(
            update, context, who, confirm_amount_screen(card.record, amount, amending=False)
        )
        return
    # The reason of an approval against the pre-check, typed before the amount was chosen.
    what = awaited(who.person.user)
    anyway = what if what is not None and what.record_id == card.record.id else None
    await apply(
        update,
        context,
        who,
        card.registration,
        Approve(
            amount,
            confirmed=sure,
            reason=anyway.reason if anyway else None,
            against=anyway.outcome if anyway else None,
        ),
        seen_version=pressed.version,
        place=place_of(update, who),
    )


@on_card(to_amend)
async def start_amend(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Correct the amount granted: the right amount, typed (then the reason)."""
    expect_input(update, who, card, "amend")
    await show_pressed(update, context, who, amend_screen(card.record))


@on_card(to_amend)
async def amend_confirmed(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """An unusual corrected amount, confirmed in words: now the reason, typed."""
    try:
        amount = parse_amount(pressed.argument or "")
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return
    expect_input(update, who, card, "amend_reason", amount=str(amount))
    await show_pressed(update, context, who, amend_reason_screen(card.record, amount))


@on_card(to_amend)
async def start_withdraw(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Withdraw the aid granted: the reason, typed."""
    expect_input(update, who, card, "withdraw")
    await show_pressed(update, context, who, amend_reason_screen(card.record, None))


def _unusual(record: RecordView, amount: Decimal) -> bool:
    """Whether the amount is above the policy's confirmation line (to be confirmed first)."""
    try:
        grant_amount(record, amount, confirmed=False)
    except Refused as refused:
        return refused.reason is Reason.AMOUNT_UNCONFIRMED
    return False


@on_card(to_decide(Action.RETURN))
async def start_return(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Return for correction: choose the answers to correct (a press toggles one)."""
    chosen = fields_of(card.form, pressed.argument)
    screen = return_screen(card.form, card.record, card.answers, chosen)
    await show_pressed(update, context, who, screen)


@on_card(to_decide(Action.RETURN))
async def return_chosen(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """The answers to correct are chosen: now the reason, typed."""
    fields = fields_of(card.form, pressed.argument)
    if not fields:
        await tell(update, context, who, Message(CHOOSE_FIELDS))
        return
    expect_input(update, who, card, "return", fields=fields)
    await show_pressed(update, context, who, reason_screen(card.record, rejecting=False))


@on_card(to_decide(Action.REJECT))
async def start_reject(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Reject: the reason, typed."""
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
        reason = message.text
        await precheck_overrides.reason_typed(update, context, who, registration, what, reason)
        raise ApplicationHandlerStop
    if what.kind == "remark":
        await remarks.remark_typed(update, context, who, registration, what, message.text)
        raise ApplicationHandlerStop
    decision: Decision
    if what.kind in ("amount", "amend"):
        try:
            amount = parse_amount(message.text)
        except Refused as refused:
            await type_again(update, context, who, refused.message)
            raise ApplicationHandlerStop from None
        view = await review.record_view(
            context.session, registration, zone=context.services.settings.zone
        )
        amending = what.kind == "amend"
        if _unusual(view, amount):
            # The wait goes on: a press confirms, or the amount is typed again.
            await _send(context, who, confirm_amount_screen(view, amount, amending=amending))
            raise ApplicationHandlerStop
        if amending:
            await _ask_amend_reason(context, who, what, view, amount)
            raise ApplicationHandlerStop
        decision = Approve(amount, reason=what.reason, against=what.outcome)
    elif what.kind == "anyway":
        try:
            reason = check_reason(message.text)
        except Refused as refused:
            await type_again(update, context, who, refused.message)
            raise ApplicationHandlerStop from None
        view = await review.record_view(
            context.session, registration, zone=context.services.settings.zone
        )
        if needs_amount(view):
            expect(person.user, what.model_copy(update={"kind": "amount", "reason": reason}))
            campaign = await review.campaign_of(context.session, registration)
            await _send(context, who, amount_screen(view, aid_amounts(campaign)))
            raise ApplicationHandlerStop
        decision = Approve(reason=reason, against=what.outcome)
    elif what.kind == "amend_reason":
        decision = AmendAmount(Decimal(what.amount or "0"), message.text, confirmed=True)
    elif what.kind == "withdraw":
        decision = WithdrawGrant(message.text)
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


async def _ask_amend_reason(
    context: BotContext, who: Acting, what: Awaited, view: RecordView, amount: Decimal
) -> None:
    """Wait for the reason of a correction to ``amount`` and ask for it."""
    expect(
        who.person.user,
        Awaited(
            kind="amend_reason",
            record_id=what.record_id,
            version=what.version,
            chat_id=what.chat_id,
            message_id=what.message_id,
            next_offset=what.next_offset,
            amount=str(amount),
        ),
    )
    await _send(context, who, amend_reason_screen(view, amount))


async def _send(context: BotContext, who: Acting, screen: Screen) -> None:
    await context.uow.commit()
    await rendering.send(context.bot, who.chat_id, screen, who.t)


async def cancel_typing(update: Update, context: BotContext) -> None:
    """/cancel while a reason, an amount or a remark is awaited: nothing is decided (nor the
    pre-check or the remark changed), the card is back."""
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
    if what.kind in PRECHECK_KINDS:
        stopped = precheck_overrides.stopped(what)
    elif what.kind == "remark":
        stopped = remarks.stopped(what)
    else:
        stopped = Message(NOT_DECIDED, {"id": str(what.record_id)})
    await say(update, context, who.t.render(stopped))
    raise ApplicationHandlerStop


async def forget_typing(update: Update, context: BotContext) -> None:
    """Any other command or button ends the wait for typed input (and goes on as usual);
    an amount's button answers the wait for an amount, and keeps what it carries."""
    person = await person_of(update, context)
    what = awaited(person.user)
    query = update.callback_query
    pressed = callbacks.decode(query.data or "") if query is not None else None
    if (
        what is not None
        and what.kind == "amount"
        and pressed is not None
        and pressed.action in (callbacks.AMOUNT, callbacks.AMOUNT_SURE)
        and pressed.record_id == what.record_id
    ):
        return
    stop_waiting(person.user)
