"""Telling the worker about a decision, in the worker's language, once it is stored."""

from __future__ import annotations

import logging

from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from flows.forms import Form
from flows.i18n import N_, translator
from flows.registration import render_text
from flows.review import Transition, worker_notice
from flows.review.card import field_labels
from storage.models import Registration, User
from storage.repositories import registrations, users

log = logging.getLogger(__name__)

ENTERED_FOR = N_("About record {id}, which you entered for {name}:")


async def recipient_of(context: BotContext, registration: Registration) -> User | None:
    """Who is told: the person registered, or the officer who entered the record for them."""
    user_id = registration.subject_user_id or registration.entered_by_user_id
    return await users.get(context.session, user_id)


def notice_text(transition: Transition, form: Form, locale: str, command: str = "/register") -> str:
    """The notice in one language, the flagged answers named by their labels."""
    notice = worker_notice(transition, field_labels(form), command)
    return render_text(notice, translator(locale))


async def tell_worker(
    context: BotContext, registration: Registration, transition: Transition, form: Form
) -> bool:
    """Send the notice of a stored decision; False if the person cannot be reached."""
    user = await recipient_of(context, registration)
    if user is None or user.blocked_at is not None:
        return False
    locale = user.locale or context.services.settings.locale
    entered = registration.subject_user_id is None
    text = notice_text(transition, form, locale, "/enter" if entered else "/register")
    if entered:
        # The worker is not in this chat: the officer who entered the record hears whose it is.
        answers = registrations.open_state(context.services.vault, registration)["answers"]
        about = translator(locale)(ENTERED_FOR, id=str(registration.id), name=answers.get("name"))
        text = "\n".join([about, text])
    return await _send(context, user, text)


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
