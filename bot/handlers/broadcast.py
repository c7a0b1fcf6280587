"""/broadcast: a provincial officer's message to the workers or officers of a scope.

The text comes with the command; the bot shows it as recipients will read it, asks to whom,
says how many people that is, and sends only after a confirmation. Until then the draft waits
on the officer's account in the database, so a restart in between loses nothing. Sending goes
through the same resumable, rate-limited path as ``songnuan broadcast``.
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext, Services
from bot.handlers import strays
from bot.officers.acting import Acting, acting, acting_if, allowed_to
from bot.officers.awaiting import draft_of, drop_draft, keep_draft
from bot.people import Person, person_of
from bot.reminders import send_broadcast
from bot.usecases import broadcasts
from flows.access import Action, may
from flows.awaiting import BroadcastDraft
from flows.forms.parsing.normalize import visible
from flows.i18n import N_, NP_, Translator
from flows.reminders import broadcast_text
from flows.reminders.scope import Scope, ScopeError
from storage.leases import LeaseBusy
from storage.models import Unit
from storage.repositories import units

log = logging.getLogger(__name__)

PREFIX: Final = "bc:"
MOST_DEPARTMENTS: Final = 12  # buttons on one screen; the command line reaches any scope

USAGE = N_(
    "Send /broadcast followed by the message, for example:\n"
    "/broadcast The registration closes on 28 December at 16:00; please finish your drafts."
)
PREVIEW = N_("This is how it will read:")
WHOM = N_("To whom?")
CONFIRM = NP_(
    "It will go to {count} person ({scope}). Send it now?",
    "It will go to {count} people ({scope}). Send it now?",
)
NOBODY = N_("Nobody is in that scope yet; please choose another.")
SENDING = NP_(
    "Sending to {count} person, within Telegram's limits. It goes on after a restart.",
    "Sending to {count} people, within Telegram's limits. It goes on after a restart.",
)
CANCELLED = N_("Cancelled; nothing was sent.")
EXPIRED = N_("This draft is no longer open. Send /broadcast with the message again.")
ALL_WORKERS = N_("All workers")
ALL_OFFICERS = N_("All officers")
DEPARTMENT_WORKERS = N_("{department}: workers")
EVERYONE_WORKERS = N_("the workers of every unit")
EVERYONE_OFFICERS = N_("the officers of every unit")
SCOPE_WORKERS = N_("the workers of {unit}")
SCOPE_OFFICERS = N_("the officers of {unit}")
SEND = N_("📢 Send")
CANCEL = N_("✖ Cancel")


@acting_if(allowed_to(Action.BROADCAST))
async def start_broadcast(update: Update, context: BotContext, who: Acting) -> None:
    """Take the message, show it as it will read, and ask to whom it goes."""
    assert update.effective_message is not None
    person, t = who.person, who.t
    text = _text_after_command(update.effective_message.text or "")
    if not text:
        await context.uow.commit()
        await update.effective_message.reply_text(t(USAGE))
        return
    keep_draft(person.user, BroadcastDraft(text=text))
    departments = await _departments(context)
    await context.uow.commit()
    await update.effective_message.reply_text(
        _preview(t, text, t(WHOM)), reply_markup=_scope_keyboard(t, departments)
    )


async def scope_chosen(update: Update, context: BotContext) -> None:
    """Say how many people the chosen scope reaches and ask for the confirmation."""
    query = update.callback_query
    assert query is not None
    pressed = await _pressed(update, context, f"{PREFIX}to:")
    if pressed is None:
        return
    person, draft, scope = pressed
    t = person.t
    try:
        found = await broadcasts.recipients(context.uow, scope)
    except ScopeError:  # a unit code no longer (or never) known
        await strays.refuse_press(update, context)
        return
    await context.uow.commit()
    if not found:
        await query.answer(t(NOBODY), show_alert=True)
        return
    await query.answer()
    described = await _described(context, t, scope)
    confirm = t.counted(CONFIRM, len(found), scope=described)
    code = _scope_data(scope)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(SEND), callback_data=f"{PREFIX}send:{code}"),
                InlineKeyboardButton(t(CANCEL), callback_data=f"{PREFIX}cancel"),
            ]
        ]
    )
    await query.edit_message_text(_preview(t, draft, confirm), reply_markup=keyboard)


async def send_now(update: Update, context: BotContext) -> None:
    """Record the broadcast with a delivery for each recipient, then send it."""
    query = update.callback_query
    assert query is not None
    pressed = await _pressed(update, context, f"{PREFIX}send:")
    if pressed is None:
        return
    person, draft, scope = pressed
    t = person.t
    services = context.services
    try:
        recorded = await broadcasts.record(
            context.uow, services.clock, scope, draft, actor_user_id=person.user.id
        )
    except ScopeError:
        await strays.refuse_press(update, context)
        return
    drop_draft(person.user, BroadcastDraft)
    await context.uow.commit()
    await query.answer()
    await query.edit_message_text(_preview(t, draft, t.counted(SENDING, recorded.recipients)))
    # Sent beside the conversation; the reminder job resumes it after a restart.
    context.application.create_task(_send_beside(services, context, recorded.broadcast_id))


async def _send_beside(services: Services, context: BotContext, broadcast_id: int) -> None:
    """Send the broadcast now, unless another process is sending: then the job sends it later."""
    try:
        await send_broadcast(services, context.bot, broadcast_id)
    except LeaseBusy as busy:
        log.info("Broadcast %s waits for its turn: %s", broadcast_id, busy)


async def cancel(update: Update, context: BotContext) -> None:
    """Drop the draft."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    drop_draft(person.user, BroadcastDraft)
    await context.uow.commit()
    await query.answer()
    await query.edit_message_text(person.t(CANCELLED))


async def _pressed(
    update: Update, context: BotContext, prefix: str
) -> tuple[Person, str, Scope] | None:
    """The officer, the draft and the scope a press is about; None (and said) if it is spent."""
    query = update.callback_query
    assert query is not None and query.data is not None
    who = await acting(update, context)
    person = who.person
    draft = _draft(person)
    scope = _scope_of(query.data.removeprefix(prefix))
    if scope is None or may(who.actor, Action.BROADCAST) is not None:
        await strays.refuse_press(update, context)
        return None
    if draft is None:
        await context.uow.commit()
        await query.answer()
        await query.edit_message_text(person.t(EXPIRED))
        return None
    return person, draft, scope


def _text_after_command(text: str) -> str:
    parts = text.split(maxsplit=1)
    return visible(parts[1]) if len(parts) > 1 else ""


def _draft(person: Person) -> str | None:
    draft = draft_of(person.user, BroadcastDraft)
    return draft.text if draft is not None else None


def _preview(t: Translator, text: str, question: str) -> str:
    return "\n\n".join([t(PREVIEW), broadcast_text(t, text), "—", question])


async def _departments(context: BotContext) -> list[Unit]:
    every = await units.all_units(context.session)
    return [unit for unit in every if unit.kind == "department"][:MOST_DEPARTMENTS]


def _scope_keyboard(t: Translator, departments: list[Unit]) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(t(ALL_WORKERS), callback_data=f"{PREFIX}to:all:workers"),
            InlineKeyboardButton(t(ALL_OFFICERS), callback_data=f"{PREFIX}to:all:officers"),
        ]
    ]
    rows.extend(
        [
            InlineKeyboardButton(
                t(DEPARTMENT_WORKERS, department=department.name),
                callback_data=f"{PREFIX}to:department:{department.code}:workers",
            )
        ]
        for department in departments
        if len(f"{PREFIX}send:department:{department.code}:workers".encode()) <= 64
    )
    rows.append([InlineKeyboardButton(t(CANCEL), callback_data=f"{PREFIX}cancel")])
    return InlineKeyboardMarkup(rows)


def _scope_data(scope: Scope) -> str:
    where = "all" if scope.code is None else f"{scope.kind}:{scope.code}"
    return f"{where}:{scope.audience}"


def _scope_of(data: str) -> Scope | None:
    where, _, audience = data.rpartition(":")
    try:
        return Scope.parse(where, audience)
    except ScopeError:
        return None


async def _described(context: BotContext, t: Translator, scope: Scope) -> str:
    workers = scope.audience == "workers"
    if scope.code is None:
        return t(EVERYONE_WORKERS) if workers else t(EVERYONE_OFFICERS)
    unit = await units.by_code(context.session, scope.code)
    name = unit.name if unit is not None else scope.code
    return t(SCOPE_WORKERS, unit=name) if workers else t(SCOPE_OFFICERS, unit=name)


HANDLERS = [
    CommandHandler("broadcast", start_broadcast),
    CallbackQueryHandler(scope_chosen, pattern=f"^{PREFIX}to:"),
    CallbackQueryHandler(send_now, pattern=f"^{PREFIX}send:"),
    CallbackQueryHandler(cancel, pattern=f"^{PREFIX}cancel$"),
]
