"""Telling the worker about a decision, in the worker's language, once it is stored; and the
unit's officers about a return from a level above, since the correction comes back to them."""

from __future__ import annotations

import logging

from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from flows.access import Level, level_name
from flows.forms import Form
from flows.i18n import N_, Translator, translator
from flows.registration import render_text
from flows.review import Transition, scrub, worker_notice
from flows.review.card import field_labels
from flows.review.notices import tells_unit_officers
from storage.models import Registration, User
from storage.repositories import handover, registrations, users

log = logging.getLogger(__name__)

ENTERED_FOR = N_("About record {id}, which you entered for {name}:")


async def recipient_of(context: BotContext, registration: Registration) -> User | None:
    """Who is told: the person registered, or the officer who entered the record for them."""
    user_id = registration.subject_user_id or registration.entered_by_user_id
    return await users.get(context.session, user_id)


def notice_text(transition: Transition, form: Form, t: Translator, command: str) -> str:
    """The notice in one language, the flagged answers named by their labels."""
    notice = worker_notice(transition, field_labels(form), command)
    return render_text(notice, t)


async def tell_worker(
    context: BotContext, registration: Registration, transition: Transition, form: Form
) -> bool:
    """Send the notice of a stored decision; False if the person cannot be reached."""
    user = await recipient_of(context, registration)
    if user is None or user.blocked_at is not None:
        return False
    locale = user.locale or context.services.settings.locale
    entered = registration.subject_user_id is None
    t = translator(locale, context.services.settings.zone)
    text = notice_text(transition, form, t, "/enter" if entered else "/register")
    if entered:
        # The worker is not in this chat: the officer who entered the record hears whose it is.
        answers = registrations.answers_of(context.services.vault, registration)
        about = t(ENTERED_FOR, id=str(registration.id), name=answers.get("name"))
        text = "\n".join([about, text])
    return await _send(context, user, text)


RETURNED_ABOVE = N_(
    "Record {id}, which your unit's union passed on, was returned for correction by {level}. "
    "Reason: {reason}\nOnce corrected, it comes back to your queue first."
)


async def tell_unit_officers(
    context: BotContext, registration: Registration, transition: Transition, first: Level
) -> None:
    """A return from above the unit: its officers hear of it, each in their language (the
    corrected record will wait for them first)."""
    if not tells_unit_officers(transition, first):
        return
    # Whoever entered the record for the worker has the worker's notice already.
    but = registration.entered_by_user_id if registration.subject_user_id is None else -1
    for officer in await handover.unit_officers(context.session, registration.unit_id, but=but):
        if officer.blocked_at is not None:
            continue
        t = translator(
            officer.locale or context.services.settings.locale, context.services.settings.zone
        )
        text = t(
            RETURNED_ABOVE,
            id=str(registration.id),
            level=level_name(transition.from_level or Level.UNIT),
            reason=scrub(transition.reason or ""),
        )
        await _send(context, officer, text)


async def _send(context: BotContext, user: User, text: str) -> bool:
    try:
        await context.bot.send_message(user.telegram_id, text)
    except Forbidden:
        users.mark_blocked(user, context.services.clock.now())
        await context.uow.commit()
        return False
    except TelegramError as error:
        # The decision is stored and shows in /status; a lost notice must not undo it.
        log.warning("Could not tell a worker about a decision: %s", error)
        return False
    return True
