"""The remark (备注) the unit's union writes with its approval, printed in the tables' 备注
column: the card's "📝 Add a remark" (or "Change"), the remark typed (awaited in the database,
see :mod:`bot.officers.awaiting`), and "🗑 Remove the remark". Who may, and until when, is
:mod:`flows.review.remarks`; storing and auditing it is :mod:`bot.usecases.remarks`.

Everything is checked again when the remark is typed, as at the press: the officer may still
write it, and the record is still the version the card showed (the next level may have decided
meanwhile).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from telegram import Update

from bot.context import BotContext
from bot.officers import rendering
from bot.officers.acting import Acting, say, tell
from bot.officers.awaiting import Awaited, stop_waiting
from bot.officers.cards import card_screen, open_card
from bot.officers.deciding import (
    Place,
    expect_input,
    on_card,
    place_of,
    refused_on_card,
    show_pressed,
    type_again,
)
from bot.usecases.cards import Card
from bot.usecases.remarks import write_remark
from flows.access import Actor, Reason, Refusal, Refused
from flows.i18n import N_, Message
from flows.review.callbacks import Pressed
from flows.review.card import remark_screen
from flows.review.remarks import check_remark, remark_refusal
from flows.review.transitions import CARD_OUTDATED
from storage.models import Registration

SAVED: Final = N_("Record {id}: the remark is saved and printed in the 备注 column: {remark}")
REMOVED: Final = N_("Record {id}: the remark is removed.")
UNCHANGED: Final = N_("Stopped: the remark of record {id} is unchanged.")
NOT_PRINTED: Final = Refusal(
    Reason.NOT_WAITING,
    Message(N_("The tables of this record's campaign have no 备注 column for a remark.")),
)


def to_remark(card: Card, officer: Actor, now: dt.datetime) -> Refusal | None:
    """Why the officer may not write the record's remark now, or None."""
    refusal = remark_refusal(card.record, officer, now)
    if refusal is None and not card.remarks_printed:
        refusal = NOT_PRINTED
    return refusal


@on_card(to_remark)
async def start_remark(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """The card's "📝 Add a remark (备注)": the remark, typed."""
    expect_input(update, who, card, "remark")
    await show_pressed(update, context, who, remark_screen(card.record, card.remark))


@on_card(to_remark)
async def remove_remark(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """ "🗑 Remove the remark": nothing is printed in the 备注 column but what the answers give."""
    place = place_of(update, who)
    if not await _write(update, context, who, card, None, pressed.version, place):
        return
    fresh = await open_card(context, who, card.registration)
    await show_pressed(update, context, who, card_screen(fresh, who, next_offset=place.next_offset))
    await context.bot.send_message(
        who.chat_id, who.t.render(Message(REMOVED, {"id": str(card.record.id)}))
    )


async def remark_typed(
    update: Update,
    context: BotContext,
    who: Acting,
    registration: Registration,
    what: Awaited,
    text: str,
) -> None:
    """The remark typed: stored, the card shown again in place, and what it prints said."""
    place = Place(what.chat_id, what.message_id, what.next_offset)
    try:
        card = await open_card(context, who, registration)
    except Refused as refused:
        stop_waiting(who.person.user)
        await tell(update, context, who, refused.message)
        return
    refusal = to_remark(card, who.actor, context.services.clock.now())
    if refusal is None and what.version != card.record.version:
        refusal = CARD_OUTDATED
    if refusal is not None:
        stop_waiting(who.person.user)
        await refused_on_card(update, context, who, card, refusal, place)
        return
    try:
        remark = check_remark(text)
    except Refused as refused:
        # The wait goes on: the officer types it again, or goes back to the card.
        await type_again(update, context, who, refused.message)
        return
    stop_waiting(who.person.user)
    if not await _write(update, context, who, card, remark, what.version, place):
        return
    await context.uow.commit()
    screen = card_screen(
        await open_card(context, who, registration), who, next_offset=what.next_offset
    )
    if not await rendering.edit(context.bot, what.chat_id, what.message_id, screen, who.t):
        await rendering.send(context.bot, who.chat_id, screen, who.t)
    saved = Message(SAVED, {"id": str(registration.id), "remark": remark})
    await say(update, context, who.t.render(saved))


def stopped(what: Awaited) -> Message:
    """What /cancel says when it stops a remark being typed."""
    return Message(UNCHANGED, {"id": str(what.record_id)})


async def _write(
    update: Update,
    context: BotContext,
    who: Acting,
    card: Card,
    remark: str | None,
    version: int,
    place: Place,
) -> bool:
    """Store the remark; False once a refusal is said (the card shown afresh)."""
    services = context.services
    try:
        await write_remark(
            context.session,
            services.vault,
            card.registration,
            remark,
            who.actor,
            services.clock.now(),
            seen_version=version,
            zone=services.settings.zone,
        )
    except Refused as refused:
        fresh = await open_card(context, who, card.registration)
        await refused_on_card(update, context, who, fresh, refused.refusal, place)
        return False
    return True
