"""The pre-check on the record card: an officer who may decide the record marks its answers
untruthful (the pre-check is made again) or overrides its outcome, each with a typed reason
(awaited in the database, see :mod:`bot.officers.awaiting`). Both are stored with the record and
audited by :mod:`bot.usecases.precheck_overrides`; the card then shows the new pre-check in place.

Who may do it is who may approve: the record waits at the officer's level, within their scope,
and the card pressed shows the record's current version.
"""

from __future__ import annotations

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
    refused_on_card,
    show_pressed,
    to_decide,
    type_again,
)
from bot.usecases.cards import Card
from bot.usecases.precheck_overrides import mark_untruthful, override
from flows.access import Action, Refusal, Refused
from flows.i18n import N_, Message
from flows.policy import OUTCOMES
from flows.review import check_reason
from flows.review.callbacks import Pressed
from flows.review.outcomes import outcome_name
from flows.review.precheck_overrides import (
    is_marked_untruthful,
    outcome_screen,
    override_reason_screen,
    precheck_screen,
    untruthful_reason_screen,
)
from flows.review.transitions import CARD_OUTDATED, decision_refusal
from storage.models import Registration

MARKED: Final = N_(
    "Record {id}: the answers are marked untruthful; the pre-check now gives: {outcome}."
)
OVERRIDDEN: Final = N_("Record {id}: the pre-check's outcome is overridden: {outcome}.")
ALREADY_MARKED: Final = N_("The answers of record {id} are already marked untruthful.")
UNKNOWN_OUTCOME: Final = N_("Please choose one of the outcomes shown.")
UNCHANGED: Final = N_("Stopped: the pre-check of record {id} is unchanged.")


@on_card(to_decide(Action.APPROVE))
async def show_precheck(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """The card's "⚖ Pre-check": mark the answers untruthful, or override the outcome."""
    await show_pressed(
        update, context, who, precheck_screen(card.record, card.precheck, card.precheck_officers)
    )


@on_card(to_decide(Action.APPROVE))
async def start_untruthful(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Mark the answers untruthful: the reason, typed."""
    if is_marked_untruthful(card.precheck):
        await tell(update, context, who, Message(ALREADY_MARKED, {"id": str(card.record.id)}))
        return
    expect_input(update, who, card, "untruthful")
    await show_pressed(update, context, who, untruthful_reason_screen(card.record))


@on_card(to_decide(Action.APPROVE))
async def choose_outcome(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """Override the outcome: which one, a button each."""
    await show_pressed(update, context, who, outcome_screen(card.record, card.precheck))


@on_card(to_decide(Action.APPROVE))
async def outcome_chosen(
    update: Update, context: BotContext, who: Acting, pressed: Pressed, card: Card
) -> None:
    """The outcome to set is chosen: now the reason, typed."""
    outcome = pressed.argument or ""
    if outcome not in OUTCOMES:
        await tell(update, context, who, Message(UNKNOWN_OUTCOME))
        return
    expect_input(update, who, card, "override", outcome=outcome)
    await show_pressed(update, context, who, override_reason_screen(card.record, outcome))


async def reason_typed(
    update: Update,
    context: BotContext,
    who: Acting,
    registration: Registration,
    what: Awaited,
    text: str,
) -> None:
    """The reason typed: the pre-check marked or overridden, the card shown again in place.

    Everything is checked again as at the press: the officer may still decide the record, and
    it is still the version the card showed (another officer may have changed it meanwhile).
    """
    place = Place(what.chat_id, what.message_id, what.next_offset)
    try:
        card = await open_card(context, who, registration)
    except Refused as refused:
        stop_waiting(who.person.user)
        await tell(update, context, who, refused.message)
        return
    refusal: Refusal | None = decision_refusal(who.actor, Action.APPROVE, card.record)
    if refusal is None and what.version != card.record.version:
        refusal = CARD_OUTDATED
    if refusal is not None:
        stop_waiting(who.person.user)
        await refused_on_card(update, context, who, card, refusal, place)
        return
    if what.kind == "override" and what.outcome not in OUTCOMES:
        stop_waiting(who.person.user)
        await tell(update, context, who, Message(UNKNOWN_OUTCOME))
        return
    try:
        reason = check_reason(text)
    except Refused as refused:
        await type_again(update, context, who, refused.message)
        return
    officer = who.actor.user_id
    assert officer is not None
    now = context.services.clock.now()
    stop_waiting(who.person.user)
    try:
        if what.kind == "untruthful":
            result = await mark_untruthful(
                context.session, context.services.vault, registration, officer, reason, now
            )
            said, outcome = MARKED, str(result.outcome)
        else:
            assert what.outcome is not None
            await override(
                context.session,
                context.services.vault,
                registration,
                officer,
                what.outcome,
                reason,
                now,
            )
            said, outcome = OVERRIDDEN, what.outcome
    except Refused as refused:
        # Another officer changed the record since the card was shown: nothing is written.
        fresh = await open_card(context, who, registration)
        await refused_on_card(update, context, who, fresh, refused.refusal, place)
        return
    done = Message(said, {"id": str(registration.id), "outcome": outcome_name(outcome)})
    await context.uow.commit()
    screen = card_screen(
        await open_card(context, who, registration), who, next_offset=what.next_offset
    )
    if not await rendering.edit(context.bot, what.chat_id, what.message_id, screen, who.t):
        await rendering.send(context.bot, who.chat_id, screen, who.t)
    await say(update, context, who.t.render(done))


def stopped(what: Awaited) -> Message:
    """What /cancel says when it stops a pre-check's reason."""
    return Message(UNCHANGED, {"id": str(what.record_id)})
