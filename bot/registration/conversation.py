"""One turn of the registration on Telegram: take the turn, then store and send its replies.

The turn itself is a use case (:func:`bot.usecases.registration.take_turn`); this adapter
renders what it returns. The order is the promise made to the person: whatever the bot
acknowledges is in the database first, its replies stored with it (:mod:`bot.outbox`).
"""

from __future__ import annotations

from typing import Literal

from telegram import Update

from bot.context import BotContext
from bot.documents import keep_copies
from bot.outbox import commit_and_send
from bot.people import Person
from bot.registration import precheck
from bot.registration.replying import plan_reply, say
from bot.usecases import registration
from bot.usecases.registration import Closed, NotYetOpen, Stop, Turn, TurnRefused
from flows.i18n import N_, Translator
from flows.registration import Event

NO_UNIT = N_(
    "You are not linked to a union unit yet. Please open the invitation link your union "
    "officer sent you, then send /register."
)
NO_CAMPAIGN = N_("There is no Send Warmth campaign open for your unit at the moment.")
NOT_YET_OPEN = N_("Registration for {campaign} opens on {opens}. Please come back then.")
CLOSED = N_(
    "Registration for {campaign} closed on {closes}, so nothing more can be entered or "
    "submitted. Your draft is kept; please contact your union officer."
)
CLOSED_NO_DRAFT = N_(
    "Registration for {campaign} closed on {closes}, so no new registration can be started. "
    "If you think you should still register, please contact your union officer."
)
NOTHING_TO_PAUSE = N_("There is nothing to pause. Send /register to start your registration.")
NO_DRAFT = N_("You have no registration in progress. Send /register to start one.")
OFFICER_NOTHING_OPEN = N_(
    "Nothing here is waiting for that message. Send /queue for the records waiting for you, or "
    "/help for everything I can do."
)
STOPS = {
    Stop.NO_UNIT: NO_UNIT,
    Stop.NO_CAMPAIGN: NO_CAMPAIGN,
    Stop.OFFICER_NOTHING_OPEN: OFFICER_NOTHING_OPEN,
    Stop.NOTHING_TO_PAUSE: NOTHING_TO_PAUSE,
    Stop.NO_DRAFT: NO_DRAFT,
}


async def take_turn(
    update: Update,
    context: BotContext,
    person: Person,
    event: Event,
    *,
    start: Literal["own", "on_behalf"] | None = None,
) -> None:
    """Apply ``event`` to the person's current draft and show what it did.

    ``start`` begins a draft if there is none: the person's own, or (for a unit officer) one
    entered on behalf of a worker of their unit, which records the officer as its author.
    """
    services, t = context.services, person.t
    turn = await registration.take_turn(
        context.uow,
        services.vault,
        services.clock,
        person.user,
        event,
        zone=services.settings.zone,
        start=start,
    )
    if isinstance(turn, TurnRefused):
        # Rolled back: nothing of the turn is kept, and the update is handled again if resent.
        await say(update, t.render(turn.message))
        return
    if not isinstance(turn, Turn):
        await context.uow.commit()
        await say(update, _stopped(t, turn))
        return
    extra = [precheck.screen_text(outcome, t) for outcome in turn.prechecks]
    calls = plan_reply(update, t, turn.form, turn.before, turn.step, extra)
    await commit_and_send(context.uow, context.bot, calls)
    if turn.submitted:
        await keep_copies(
            context.bot,
            services.vault,
            services.settings.data_dir,
            turn.registration_id,
            turn.form,
            turn.step.state.answers,
        )


def _stopped(t: Translator, stopped: Stop | NotYetOpen | Closed) -> str:
    """Why the turn changed nothing, in the person's language."""
    if isinstance(stopped, NotYetOpen):
        return t(NOT_YET_OPEN, campaign=stopped.campaign_name, opens=t.moment(stopped.opens))
    if isinstance(stopped, Closed):
        wording = CLOSED if stopped.has_draft else CLOSED_NO_DRAFT
        return t(wording, campaign=stopped.campaign_name, closes=t.moment(stopped.closes))
    return t(STOPS[stopped])


__all__ = ["take_turn"]
