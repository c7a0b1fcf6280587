"""/status: the campaign's deadlines and where the person's registration stands; /reminders."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.people import Person, person_of
from bot.registration.conversation import NO_CAMPAIGN
from flows.access import Level
from flows.campaigns import CampaignTimes, status_lines
from flows.forms import Form, load_form
from flows.forms.masking import scrub
from flows.i18n import DISPLAY_ZONE, N_, NP_, Translator
from flows.registration import RegistrationState
from flows.registration.review import problems
from flows.reminders import questions_left
from flows.review import State, status_text
from flows.review.notices import ASK_THE_UNIT
from storage.models import Campaign, Registration
from storage.repositories import campaigns, registrations, review
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
    campaign = await _campaign(context, person)
    if campaign is None:
        return []
    now = context.services.clock.now()
    return status_lines(person.t, campaign.name, CampaignTimes.of(campaign), now, DISPLAY_ZONE)


async def show_status(update: Update, context: BotContext) -> None:
    """The campaign, how long is left, and the person's registration."""
    assert update.effective_message is not None
    person = await person_of(update, context)
    campaign = await _campaign(context, person)
    t = person.t
    if campaign is None:
        lines = [t(NO_CAMPAIGN)]
    else:
        lines = [
            *await campaign_status(context, person),
            "",
            await _registration_line(context, person, campaign),
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


async def _campaign(context: BotContext, person: Person) -> Campaign | None:
    if person.user.unit_id is None:
        return None
    now = context.services.clock.now()
    return await campaigns.current_for_unit(context.session, person.user.unit_id, now)


async def _registration_line(context: BotContext, person: Person, campaign: Campaign) -> str:
    t = person.t
    record = await registrations.latest_own(context.session, campaign.id, person.user.id)
    if record is None:
        return t(NOT_STARTED)
    state = State(record.state)
    if state is State.DRAFT and context.services.clock.now() >= campaign.intake_closes:
        # A draft can no longer be finished or submitted: "send /register to submit" would lie.
        return t(DRAFT_CLOSED, closes=t.moment(campaign.intake_closes))
    if state is State.DRAFT:
        state_of_draft = registrations.open_state(context.services.vault, record)
        return _draft_line(t, load_form(campaign.form_id), state_of_draft)
    level = Level(record.level) if record.level else None
    lines = [t.render(status_text(state, level, amount=record.aid_amount))]
    lines.extend(await _why(context, t, record, state))
    return "\n".join(lines)


def _draft_line(t: Translator, form: Form, draft: RegistrationState) -> str:
    left = questions_left(form, draft)
    if left:
        return t.counted(DRAFT_LEFT, left)
    # Every question answered is not yet submittable: the cross-checks must hold too.
    return t(DRAFT_TO_CORRECT if problems(form, dict(draft.answers)) else DRAFT_COMPLETE)


async def _why(context: BotContext, t: Translator, record: Registration, state: State) -> list[str]:
    """The officer's reason for a return or a rejection, numbers masked."""
    if state is State.RETURNED:
        reason = registrations.open_state(context.services.vault, record).returned_because
        return [t(RETURNED_BECAUSE, reason=scrub(reason))] if reason else []
    if state is State.REJECTED:
        reason = await review.rejection_reason(context.session, record.id)
        return [t(REJECTED_BECAUSE, reason=scrub(reason)), t(ASK_THE_UNIT)] if reason else []
    return []


HANDLERS = [
    CommandHandler("status", show_status),
    CommandHandler("reminders", show_reminders),
    CallbackQueryHandler(toggle_reminders, pattern=f"^{REMINDERS_PREFIX}(on|off)$"),
]
