"""An officer opening another officer's invitation: asked first, then the records they entered
that wait for correction go to another officer of their unit.

Opening an invitation for another role or unit gives up the one held now (an account has one
role, of one unit). The officer is shown what they have, what they give up and what they get,
and nothing changes until they confirm. Records they entered for workers and that wait for
correction would otherwise be stranded (only the officer who entered a record corrects it, with
/enter): they are handed to another officer of the unit, who is told, or wait for its next one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import CallbackQueryHandler

from bot.context import BotContext
from bot.people import Person, person_of
from bot.usecases.invitations import HandedOver, ReplacementAsked
from flows.access.roles import ROLE_NAMES
from flows.i18n import N_, translator

log = logging.getLogger(__name__)

PREFIX: Final = "role:"
TAKE: Final = PREFIX + "ok:"
KEEP: Final = PREFIX + "no"
HANDED: Final = N_(
    "Record {id}, entered for {name}, waits for correction. {officer}, who entered it, is no "
    "longer an officer of {unit}: it is yours now. Send /enter to correct it and submit it again."
)


async def ask(context: BotContext, person: Person, asked: ReplacementAsked) -> None:
    """Say what the person has, what they would give up and get, and ask (saved already)."""
    t = person.t
    lines = [
        t(
            "You are {role} for {unit}. This invitation makes you {new_role} for {new_unit} "
            "instead: an account holds one role.",
            role=t(ROLE_NAMES[asked.role]),
            unit=asked.unit_name,
            new_role=t(ROLE_NAMES[asked.new_role]),
            new_unit=asked.new_unit_name,
        ),
        t(
            "You would give up reviewing and seeing the records of {unit}, and entering "
            "registrations for its workers.",
            unit=asked.unit_name,
        ),
    ]
    if asked.waiting:
        ids = ", ".join(str(ident) for ident in asked.waiting)
        if asked.heir_name is not None:
            lines.append(
                t(
                    "Records you entered for workers that wait for correction ({ids}) would go "
                    "to {name}, an officer of {unit}, who would be told.",
                    ids=ids,
                    name=asked.heir_name,
                    unit=asked.unit_name,
                )
            )
        else:
            lines.append(
                t(
                    "Records you entered for workers that wait for correction ({ids}) would "
                    "wait for the next officer of {unit}: it has no other.",
                    ids=ids,
                    unit=asked.unit_name,
                )
            )
    lines.append(t("Take the new role?"))
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t("✅ Yes, take the new role"), callback_data=TAKE + asked.code)],
            [InlineKeyboardButton(t("✖ No, keep my role"), callback_data=KEEP)],
        ]
    )
    await context.bot.send_message(person.user.telegram_id, "\n".join(lines), reply_markup=keyboard)


async def tell(context: BotContext, handed: Sequence[HandedOver]) -> None:
    """Tell each officer about a record handed to them, once the hand-over is saved (a lost
    notice is no reason to undo the hand-over)."""
    for record in handed:
        settings = context.services.settings
        t = translator(record.to_locale or settings.locale, settings.zone)
        text = t(
            HANDED,
            id=str(record.registration_id),
            name=record.name,
            officer=record.author_name,
            unit=record.unit_name,
        )
        try:
            await context.bot.send_message(record.to_telegram_id, text)
        except TelegramError as error:
            log.warning("Could not tell an officer about a record handed over: %s", error)


async def take(update: Update, context: BotContext) -> None:
    """The new role confirmed: the invitation is opened for good."""
    from bot.handlers import joining, start  # the invitation's handler asks this module

    query = update.callback_query
    assert query is not None and query.data is not None
    # Saved (and answered) by the invitation's handler first; the question's buttons go then.
    await joining.redeem(update, context, query.data.removeprefix(TAKE), confirmed=True)
    await query.answer()
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)
    await start.publish_menu(context, await person_of(update, context))


async def keep(update: Update, context: BotContext) -> None:
    """The role is kept: nothing changes."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    await context.uow.commit()
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    await context.bot.send_message(
        person.user.telegram_id, person.t("Nothing changed: you keep your role.")
    )


HANDLERS: Final = [
    CallbackQueryHandler(take, pattern=f"^{TAKE}"),
    CallbackQueryHandler(keep, pattern=f"^{KEEP}$"),
]
