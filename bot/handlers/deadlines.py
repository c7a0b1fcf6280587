"""/deadline: a provincial officer extends the intake or the review, with a reason on record.

The chosen extension waits on the officer's account in the database for the typed reason
(a restart in between loses nothing); the reminders are worked out from the campaign's times,
so they follow the new deadline at once.
"""

from __future__ import annotations

from typing import Final, cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.handlers import strays
from bot.officers.acting import Acting, acting, acting_as, acting_if, allowed_to
from bot.officers.awaiting import draft_of, drop_draft, keep_draft
from bot.people import Person, person_of
from bot.usecases import deadlines
from bot.usecases.deadlines import MoveRefused
from flows import callback_data
from flows.access import Action, Reason, Refused
from flows.awaiting import DeadlineDraft
from flows.campaigns import DEADLINES, Deadline
from flows.i18n import N_, Translator
from flows.review import REASON_MAX, check_reason
from storage.models import Campaign

PREFIX: Final = "dl:"
DAYS: Final = (1, 3, 7)

NO_CAMPAIGN = N_("There is no campaign under way.")
CURRENT = N_("{campaign}: the registration closes on {intake}; the review closes on {review}.")
WHICH = N_("Which deadline should move, and by how much?")
INTAKE_BY = N_("Registration +{days} d")
REVIEW_BY = N_("Review +{days} d")
ASK_REASON = N_(
    "The {deadline} would close on {moment} instead of {before}. Why? Type the reason: it is "
    "recorded. /cancel stops without a change."
)
INTAKE = N_("registration")
REVIEW = N_("review")
MOVED = N_(
    "Done: the {deadline} of {campaign} now closes on {moment} (it was {before}). "
    "Reminders follow the new time."
)
OUT_OF_ORDER = N_(
    "That would close the registration after the review. Move the review's deadline first."
)
TOO_LONG = N_("Please keep the reason under {count} characters.")
STOPPED = N_("Stopped; the deadline is unchanged.")
GONE = N_("This choice is no longer open. Send /deadline again.")


@acting_if(allowed_to(Action.MOVE_DEADLINE))
async def show_deadlines(update: Update, context: BotContext, who: Acting) -> None:
    """The campaign's deadlines, with buttons to extend them."""
    assert update.effective_message is not None
    t = who.t
    campaign = await deadlines.under_way(context.uow, context.services.clock.now())
    await context.uow.commit()
    if campaign is None:
        await update.effective_message.reply_text(t(NO_CAMPAIGN))
        return
    text = "\n\n".join([_current(t, campaign), t(WHICH)])
    await update.effective_message.reply_text(text, reply_markup=_keyboard(t, campaign))


async def extension_chosen(update: Update, context: BotContext) -> None:
    """Keep the chosen extension and ask why."""
    query = update.callback_query
    assert query is not None and query.data is not None
    chosen = _chosen(query.data)
    if chosen is None:
        await strays.refuse_press(update, context)
        return
    campaign_id, deadline, days = chosen
    who = await acting(update, context)
    t = who.t
    found = await deadlines.extension(context.uow, who.actor, campaign_id, deadline, days)
    if isinstance(found, MoveRefused):
        await context.uow.commit()
        await query.answer()
        await query.edit_message_text(t(GONE))
        return
    keep_draft(
        who.person.user,
        DeadlineDraft(campaign=found.campaign_id, deadline=deadline, to=found.moment),
    )
    await context.uow.commit()
    await query.answer()
    await query.edit_message_text(
        t(ASK_REASON, deadline=_name(t, deadline), moment=found.moment, before=found.before)
    )


async def reason_typed(update: Update, context: BotContext) -> None:
    """The reason for the chosen extension: move the deadline, on the record."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    person = await person_of(update, context)
    draft = _draft(person)
    if draft is None:
        return
    t = person.t
    try:
        reason = check_reason(message.text)
    except Refused as refused:
        # The draft stays: the officer types the reason again.
        too_long = refused.refusal.reason is Reason.REASON_TOO_LONG
        await context.uow.commit()
        await message.reply_text(
            t(TOO_LONG, count=REASON_MAX) if too_long else t.render(refused.message)
        )
        raise ApplicationHandlerStop from None
    drop_draft(person.user, DeadlineDraft)
    who = await acting_as(context, person)
    deadline = draft.deadline
    moved = await deadlines.move_deadlines(
        context.uow, draft.campaign, {deadline: draft.to}, reason=reason, actor=who.actor
    )
    await context.uow.commit()
    if moved is MoveRefused.GONE:
        await message.reply_text(t(GONE))
    elif moved is MoveRefused.OUT_OF_ORDER:
        await message.reply_text(t(OUT_OF_ORDER))
    else:
        assert not isinstance(moved, MoveRefused)
        (done,) = moved
        await message.reply_text(
            t(
                MOVED,
                deadline=_name(t, deadline),
                campaign=done.campaign_name,
                moment=done.moment,
                before=done.before,
            )
        )
    raise ApplicationHandlerStop


async def cancel_extension(update: Update, context: BotContext) -> None:
    """/cancel while a reason is awaited: nothing moves."""
    person = await person_of(update, context)
    if _draft(person) is None:
        return
    drop_draft(person.user, DeadlineDraft)
    await context.uow.commit()
    assert update.effective_message is not None
    await update.effective_message.reply_text(person.t(STOPPED))
    raise ApplicationHandlerStop


def _chosen(data: str) -> tuple[int, Deadline, int] | None:
    """``dl:<campaign>:<deadline>:<days>`` as the keyboard writes it, or None."""
    found = callback_data.parts(data, PREFIX, 3)
    if found is None:
        return None
    campaign, deadline, days = found
    campaign_id, extension = callback_data.number(campaign), callback_data.number(days)
    if campaign_id is None or deadline not in DEADLINES or extension not in DAYS:
        return None
    return campaign_id, cast(Deadline, deadline), extension


def _draft(person: Person) -> DeadlineDraft | None:
    return draft_of(person.user, DeadlineDraft)


def _current(t: Translator, campaign: Campaign) -> str:
    return t(
        CURRENT,
        campaign=campaign.name,
        intake=campaign.intake_closes,
        review=campaign.review_closes,
    )


def _name(t: Translator, deadline: str) -> str:
    return t(INTAKE) if deadline == "intake_closes" else t(REVIEW)


def _keyboard(t: Translator, campaign: Campaign) -> InlineKeyboardMarkup:
    def row(deadline: str, label: str) -> list[InlineKeyboardButton]:
        return [
            InlineKeyboardButton(
                t(label, days=days), callback_data=f"{PREFIX}{campaign.id}:{deadline}:{days}"
            )
            for days in DAYS
        ]

    return InlineKeyboardMarkup([row("intake_closes", INTAKE_BY), row("review_closes", REVIEW_BY)])


# Typed reasons and /cancel are looked at before the officers' and the registration's handlers.
GROUP: Final = -2
HANDLERS = [
    CommandHandler("deadline", show_deadlines),
    CallbackQueryHandler(extension_chosen, pattern=f"^{PREFIX}"),
]
EARLY_HANDLERS = [
    CommandHandler("cancel", cancel_extension),
    MessageHandler(filters.TEXT & ~filters.COMMAND, reason_typed),
]
