"""/status: the campaign's deadlines and where the person's registration stands; /reminders."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.people import Person, person_of
from bot.registration.conversation import NO_CAMPAIGN
from bot.usecases import status
from bot.usecases.status import DraftClosed, DraftOpen, NotStarted, Standing, Submitted
from flows.campaigns import CampaignTimes, status_lines
from flows.forms.masking import scrub
from flows.i18n import N_, NP_, Translator
from flows.review import State, status_text
from flows.review.notices import ASK_THE_UNIT
from storage.repositories import reminders as reminder_settings

REMINDERS_PREFIX = "rem:"
NOT_STARTED = N_("You have not started a registration yet. Send /register to begin.")
DRAFT_LEFT = NP_(
    "Your draft: {count} question left. Send /register to continue.",
    "Your draft: {count} questions left. Send /register to continue.",
)
DRAFT_CLOSED = N_(
    "Your draft was not submitted before registration closed on {closes}, so it can no longer "
    "be submitted. Please contact your union officer."
)
DRAFT_COMPLETE = N_("Your draft is complete. Send /register to look it over and submit it.")
DRAFT_TO_CORRECT = N_(
    "Every question of your draft is answered, but something must be corrected before it can "
    "be submitted. Send /register to see what."
)
RETURNED_BECAUSE = N_("Returned for correction: {reason}")
REJECTED_BECAUSE = N_("Reason: {reason}")
REMINDERS_ON = N_(
    "Reminders are on: I will remind you before deadlines while something of yours is "
    "unfinished or waiting."
)
REMINDERS_OFF = N_("Reminders are off. You can still see every deadline with /status.")
TURN_OFF = N_("🔕 Turn reminders off")
TURN_ON = N_("🔔 Turn reminders on")


async def campaign_status(context: BotContext, person: Person) -> list[str]:
    """The lines about the person's current campaign (none if they have no unit or campaign)."""
    services = context.services
    campaign = await status.current_campaign(context.uow, services.clock, person.user)
    if campaign is None:
        return []
    times, now = CampaignTimes.of(campaign), services.clock.now()
    return status_lines(person.t, campaign.name, times, now, person.t.zone)


async def show_status(update: Update, context: BotContext) -> None:
    """The campaign, how long is left, and the person's registration."""
    assert update.effective_message is not None
    person = await person_of(update, context)
    services = context.services
    found = await status.status(context.uow, services.vault, services.clock, person.user)
    t = person.t
    if found is None:
        lines = [t(NO_CAMPAIGN)]
    else:
        lines = [
            *status_lines(t, found.campaign_name, found.times, found.now, t.zone),
            "",
            _registration_line(t, found.standing),
        ]
    await context.uow.commit()
    await update.effective_message.reply_text("\n".join(lines))


async def show_reminders(update: Update, context: BotContext) -> None:
    """Whether reminders are on, with a button to turn them off or on."""
    assert update.effective_message is not None
    person = await person_of(update, context)
    await context.uow.commit()
    text, markup = _reminder_setting(person)
    await update.effective_message.reply_text(text, reply_markup=markup)


async def toggle_reminders(update: Update, context: BotContext) -> None:
    """Turn reminders off or on, as the pressed button says."""
    query = update.callback_query
    assert query is not None and query.data is not None
    person = await person_of(update, context)
    muted = query.data == f"{REMINDERS_PREFIX}off"
    await reminder_settings.set_muted(context.session, person.user, muted)
    await context.uow.commit()
    await query.answer()
    text, markup = _reminder_setting(person)
    await query.edit_message_text(text, reply_markup=markup)


def _reminder_setting(person: Person) -> tuple[str, InlineKeyboardMarkup]:
    t = person.t
    if person.user.reminders_muted:
        button = InlineKeyboardButton(t(TURN_ON), callback_data=f"{REMINDERS_PREFIX}on")
        return t(REMINDERS_OFF), InlineKeyboardMarkup([[button]])
    button = InlineKeyboardButton(t(TURN_OFF), callback_data=f"{REMINDERS_PREFIX}off")
    return t(REMINDERS_ON), InlineKeyboardMarkup([[button]])


def _registration_line(t: Translator, standing: Standing) -> str:
    if isinstance(standing, NotStarted):
        return t(NOT_STARTED)
    if isinstance(standing, DraftClosed):
        return t(DRAFT_CLOSED, closes=t.moment(standing.closes))
    if isinstance(standing, DraftOpen):
        if standing.left:
            return t.counted(DRAFT_LEFT, standing.left)
        return t(DRAFT_TO_CORRECT if standing.has_problems else DRAFT_COMPLETE)
    lines = [t.render(status_text(standing.state, standing.level, amount=standing.amount))]
    lines.extend(_why(t, standing))
    return "\n".join(lines)


def _why(t: Translator, standing: Submitted) -> list[str]:
    """The officer's reason for a return or a rejection, numbers masked."""
    if standing.state is State.RETURNED:
        reason = standing.returned_because
        return [t(RETURNED_BECAUSE, reason=scrub(reason))] if reason else []
    if standing.state is State.REJECTED:
        reason = standing.rejected_because
        return [t(REJECTED_BECAUSE, reason=scrub(reason)), t(ASK_THE_UNIT)] if reason else []
    return []


HANDLERS = [
    CommandHandler("status", show_status),
    CommandHandler("reminders", show_reminders),
    CallbackQueryHandler(toggle_reminders, pattern=f"^{REMINDERS_PREFIX}(on|off)$"),
]
