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
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import CallbackQueryHandler

from bot.context import BotContext
from bot.people import Person, person_of
from flows.access.roles import ROLE_NAMES
from flows.i18n import N_, translator
from storage.models import Invitation, Registration, Unit, User
from storage.repositories import handover, registrations

log = logging.getLogger(__name__)

PREFIX: Final = "role:"
TAKE: Final = PREFIX + "ok:"
KEEP: Final = PREFIX + "no"
OFFICER_ROLES: Final = frozenset({"unit_officer", "department_officer", "province_officer"})
HANDED: Final = N_(
    "Record {id}, entered for {name}, waits for correction. {officer}, who entered it, is no "
    "longer an officer of {unit}: it is yours now. Send /enter to correct it and submit it again."
)


def asks_first(user: User, invitation: Invitation) -> bool:
    """Whether opening the invitation would replace the officer role the account holds."""
    return (
        user.role in OFFICER_ROLES
        and user.unit_id is not None
        and invitation.role in OFFICER_ROLES
        and (invitation.role, invitation.unit_id) != (user.role, user.unit_id)
    )


async def ask(context: BotContext, person: Person, invitation: Invitation) -> None:
    """Say what the person has, what they would give up and get, and ask."""
    user, t, session = person.user, person.t, context.session
    assert user.unit_id is not None
    unit = await session.get(Unit, user.unit_id)
    new_unit = await session.get(Unit, invitation.unit_id)
    assert unit is not None and new_unit is not None
    lines = [
        t(
            "You are {role} for {unit}. This invitation makes you {new_role} for {new_unit} "
            "instead: an account holds one role.",
            role=t(ROLE_NAMES[user.role]),
            unit=unit.name,
            new_role=t(ROLE_NAMES[invitation.role]),
            new_unit=new_unit.name,
        ),
        t(
            "You would give up reviewing and seeing the records of {unit}, and entering "
            "registrations for its workers.",
            unit=unit.name,
        ),
    ]
    waiting = await handover.awaiting_correction(session, user.id)
    if waiting:
        ids = ", ".join(str(registration.id) for registration in waiting)
        others = await handover.unit_officers(session, waiting[0].unit_id, but=user.id)
        if others:
            lines.append(
                t(
                    "Records you entered for workers that wait for correction ({ids}) would go "
                    "to {name}, an officer of {unit}, who would be told.",
                    ids=ids,
                    name=others[0].display_name,
                    unit=unit.name,
                )
            )
        else:
            lines.append(
                t(
                    "Records you entered for workers that wait for correction ({ids}) would "
                    "wait for the next officer of {unit}: it has no other.",
                    ids=ids,
                    unit=unit.name,
                )
            )
    lines.append(t("Take the new role?"))
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("✅ Yes, take the new role"), callback_data=TAKE + invitation.code
                )
            ],
            [InlineKeyboardButton(t("✖ No, keep my role"), callback_data=KEEP)],
        ]
    )
    await context.uow.commit()
    await context.bot.send_message(user.telegram_id, "\n".join(lines), reply_markup=keyboard)


async def after_binding(
    context: BotContext, person: Person, before_role: str, before_unit: int | None
) -> list[tuple[User, str]]:
    """Hand the records the person can no longer correct to another officer of their unit, and
    take the new unit's stranded ones; the notices to send once this is saved."""
    user, session = person.user, context.session
    notices: list[tuple[User, str]] = []
    if before_role == "unit_officer" and (user.role, user.unit_id) != (before_role, before_unit):
        for registration in await handover.awaiting_correction(session, user.id):
            others = await handover.unit_officers(session, registration.unit_id, but=user.id)
            if others:
                notices.append(await _hand(context, registration, others[0], user))
    if user.role == "unit_officer" and user.unit_id is not None:
        for registration in await handover.orphans(session, user.unit_id):
            author = await session.get(User, registration.entered_by_user_id)
            assert author is not None
            notices.append(await _hand(context, registration, user, author))
    return notices


async def _hand(
    context: BotContext, registration: Registration, to: User, author: User
) -> tuple[User, str]:
    unit = await context.session.get(Unit, registration.unit_id)
    answers = registrations.answers_of(context.services.vault, registration)
    handover.hand_over(context.session, registration, to)
    t = translator(to.locale or context.services.settings.locale)
    text = t(
        HANDED,
        id=str(registration.id),
        name=answers.get("name", ""),
        officer=author.display_name,
        unit=unit.name if unit is not None else "",
    )
    return to, text


async def tell(context: BotContext, notices: list[tuple[User, str]]) -> None:
    """Send the hand-over notices (a lost one is no reason to undo the hand-over)."""
    for user, text in notices:
        try:
            await context.bot.send_message(user.telegram_id, text)
        except TelegramError as error:
            log.warning("Could not tell an officer about a record handed over: %s", error)


async def take(update: Update, context: BotContext) -> None:
    """The new role confirmed: the invitation is opened for good."""
    from bot.handlers import invitations, start  # the invitation's handler asks this module

    query = update.callback_query
    assert query is not None and query.data is not None
    # Saved (and answered) by the invitation's handler first; the question's buttons go then.
    await invitations.redeem(update, context, query.data.removeprefix(TAKE), confirmed=True)
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
