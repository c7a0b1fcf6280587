"""Deciding a record from the bot: the pressed card checked (by the rules of
:mod:`flows.review.transitions`), and the decision applied once.

A decision is stored first (the use case refuses a second decision, or one on a card that is no
longer current, and says why), then the card changes in place to show the outcome, and then
the worker is told in their language.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final

from telegram import Update

from bot.context import BotContext
from bot.officers import rendering
from bot.officers.acting import Acting, say
from bot.officers.awaiting import Awaited, Kind, expect, stop_waiting
from bot.officers.cards import card_screen, open_card, opened
from bot.officers.notices import tell_unit_officers, tell_worker
from bot.usecases import deciding
from bot.usecases.cards import Card
from flows.access import Action, Actor, Reason, Refusal, Refused
from flows.i18n import N_, Message
from flows.registration import Screen
from flows.review import Decision, officer_outcome
from flows.review.callbacks import Pressed
from flows.review.transitions import CARD_OUTDATED, amend_refusal, decision_refusal
from storage.models import Registration

# Refusals of what was typed: the officer types again; any other refusal ends the decision.
INPUT_PROBLEMS: Final = frozenset(
    {
        Reason.REASON_REQUIRED,
        Reason.REASON_TOO_LONG,
        Reason.AMOUNT_INVALID,
        Reason.AMOUNT_NOT_POSITIVE,
        Reason.AMOUNT_TOO_PRECISE,
        Reason.AMOUNT_TOO_LARGE,
    }
)
# Refusals that mean the card shows an old state of the record: it is shown afresh.
MOVED_ON: Final = frozenset(
    {Reason.ALREADY_DECIDED, Reason.NOT_WAITING, Reason.CHANGED_MEANWHILE, Reason.NOT_GRANTED}
)
TYPE_AGAIN: Final = N_("Please type it again, or press “◀ Back to the record” on the card.")
DECIDED: Final = N_("Record {id}: {outcome}")


@dataclass(frozen=True)
class Place:
    """Where the record's card is shown, and the queue offset its "Next" button leads to."""

    chat_id: int
    message_id: int | None
    next_offset: int | None


def place_of(update: Update, who: Acting) -> Place:
    """The pressed message as the card's place."""
    query = update.callback_query
    message = query.message if query is not None else None
    if message is None:
        return Place(who.chat_id, None, None)
    return Place(message.chat.id, message.message_id, rendering.next_offset_of(message))


CardCheck = Callable[[Card, Actor, dt.datetime], Refusal | None]
"""Why the officer may not act on the card now (given the moment), or None."""
Press = Callable[[Update, BotContext, Acting, Pressed], Awaitable[None]]
CardPress = Callable[[Update, BotContext, Acting, Pressed, Card], Awaitable[None]]


def to_decide(action: Action) -> CardCheck:
    """The check that the officer may start ``action`` on the record now."""
    return lambda card, officer, _now: decision_refusal(officer, action, card.record)


def to_amend(card: Card, officer: Actor, _now: dt.datetime) -> Refusal | None:
    """Why the officer may not correct or withdraw the aid granted now, or None."""
    return amend_refusal(officer, card.record)


async def card_for(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, check: CardCheck | None
) -> Card | None:
    """The pressed record's card as the officer may see it and, with a ``check``, act on it
    now from the very version pressed; None once the refusal is said (a card showing an old
    state is shown afresh)."""
    card_of = await opened(update, context, who, pressed.record_id)
    if card_of is None:
        return None
    _, card = card_of
    if check is None:
        return card
    refusal = check(card, who.actor, context.services.clock.now())
    if refusal is None and pressed.version != card.record.version:
        refusal = CARD_OUTDATED
    if refusal is not None:
        await refused_on_card(update, context, who, card, refusal, place_of(update, who))
        return None
    return card


def on_card(check: CardCheck | None = None) -> Callable[[CardPress], Press]:
    """A press handler given the card it may act on (see :func:`card_for`); it does not run
    once the refusal is said."""

    def wrap(handler: CardPress) -> Press:
        @functools.wraps(handler)
        async def press(update: Update, context: BotContext, who: Acting, pressed: Pressed) -> None:
            card = await card_for(update, context, who, pressed, check)
            if card is not None:
                await handler(update, context, who, pressed, card)

        return press

    return wrap


async def show_pressed(update: Update, context: BotContext, who: Acting, screen: Screen) -> None:
    """Save, answer the press, and show ``screen`` in place of the pressed message (its "Next"
    kept)."""
    await context.uow.commit()
    query = update.callback_query
    assert query is not None
    await query.answer()
    screen = rendering.with_next(screen, place_of(update, who).next_offset)
    await rendering.show_in_place(context.bot, query.message, who.chat_id, screen, who.t)


def expect_input(
    update: Update,
    who: Acting,
    card: Card,
    kind: Kind,
    *,
    fields: tuple[str, ...] = (),
    outcome: str | None = None,
    amount: str | None = None,
    reason: str | None = None,
) -> None:
    """Take the officer's next typed message as ``kind`` on this card (and its version)."""
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
            outcome=outcome,
            amount=amount,
            reason=reason,
        ),
    )


def after_decision(next_offset: int | None, waiting: int) -> int | None:
    """The queue offset "Next" leads to once the record on the card left the queue."""
    if waiting == 0:
        return None
    offset = next_offset - 1 if next_offset else 0
    return offset if 0 <= offset < waiting else 0


async def refused_on_card(
    update: Update, context: BotContext, who: Acting, card: Card, refusal: Refusal, place: Place
) -> None:
    """Say why not; a card showing an old state of the record is shown afresh first."""
    await context.uow.commit()
    if refusal.reason in MOVED_ON and place.message_id is not None:
        screen = card_screen(card, who, next_offset=place.next_offset)
        await rendering.edit(context.bot, place.chat_id, place.message_id, screen, who.t)
    await say(update, context, who.t.render(refusal.message))


async def apply(
    update: Update,
    context: BotContext,
    who: Acting,
    registration: Registration,
    decision: Decision,
    *,
    seen_version: int,
    place: Place,
    typed: bool = False,
) -> bool:
    """Store the decision, show the outcome on the card, tell the worker; False if refused."""
    services = context.services
    now = services.clock.now()
    try:
        decided = await deciding.decide(
            context.session,
            services.vault,
            registration,
            decision,
            who.actor,
            now,
            seen_version=seen_version,
            zone=services.settings.zone,
        )
    except Refused as refused:
        await _refused(update, context, who, registration, refused, place, typed)
        return False
    stop_waiting(who.person.user)
    await context.uow.commit()
    transition, card = decided.transition, decided.card
    following = after_decision(place.next_offset, decided.waiting)
    outcome = officer_outcome(transition)
    screen = card_screen(card, who, next_offset=following, outcome=outcome)
    query = update.callback_query
    if query is not None:
        await query.answer()
    if place.message_id is None or not await rendering.edit(
        context.bot, place.chat_id, place.message_id, screen, who.t
    ):
        await rendering.send(context.bot, who.chat_id, screen, who.t)
    elif typed:
        # The card is up the chat, above what was typed: the outcome is said here too.
        line = Message(DECIDED, {"id": str(registration.id), "outcome": outcome})
        confirmation = rendering.with_next(Screen((line,)), following)
        await rendering.send(context.bot, who.chat_id, confirmation, who.t)
    await tell_worker(context, registration, transition, card.form)
    await tell_unit_officers(context, registration, transition, card.record.levels[0])
    return True


async def type_again(update: Update, context: BotContext, who: Acting, message: Message) -> None:
    """Say why a typed answer was refused; the wait goes on (type again, or back to the card)."""
    await context.uow.commit()
    await say(update, context, "\n".join([who.t.render(message), who.t(TYPE_AGAIN)]))


async def _refused(
    update: Update,
    context: BotContext,
    who: Acting,
    registration: Registration,
    refused: Refused,
    place: Place,
    typed: bool,
) -> None:
    if typed and refused.reason in INPUT_PROBLEMS:
        await type_again(update, context, who, refused.message)
        return
    stop_waiting(who.person.user)
    await context.uow.commit()
    if refused.reason in MOVED_ON and place.message_id is not None:
        try:
            card = await open_card(context, who, registration)
        except Refused:
            card = None
        if card is not None:
            screen = card_screen(card, who, next_offset=place.next_offset)
            await rendering.edit(context.bot, place.chat_id, place.message_id, screen, who.t)
    await say(update, context, who.t.render(refused.message))
