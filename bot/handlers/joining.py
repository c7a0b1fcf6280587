"""Opening an invitation deep link: bind the account to its role and unit, or say why not.

An officer link binds its role and unit. A worker link makes its opener a worker of the unit;
an officer who opens one keeps the officer role and unit and is asked whether to give the role
up (:func:`flows.access.by_invitation`).
"""

from __future__ import annotations

import contextlib
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.handlers import role_change
from bot.people import person_of
from bot.usecases import invitations
from bot.usecases.invitations import Bound, OfficerAsked, ReplacementAsked
from flows.access import InvitationProblem, Role
from flows.access.roles import ROLE_NAMES
from flows.i18n import N_, Translator

PROBLEM_TEXTS = {
    InvitationProblem.UNKNOWN: N_(
        "This invitation link is not valid. Please ask your union officer for a new one."
    ),
    InvitationProblem.EXPIRED: N_(
        "This invitation link has expired. Please ask your union officer for a new one."
    ),
    InvitationProblem.USED: N_(
        "This invitation link has been used already. Each officer link works once; please "
        "ask for a new one."
    ),
    InvitationProblem.REVOKED: N_(
        "This invitation link was withdrawn. Please ask your union officer for a new one."
    ),
}

KEEP_DATA: Final = "inv:k"
BECOME_PREFIX: Final = "inv:w:"
OFFICER_OPENED_WORKER_LINK: Final = N_(
    "This link is for the workers of {unit} to join. You are registered as {role} for "
    "{own_unit}, and opening this link has not changed that.\n\n"
    "Do you want to give up your officer role and become a worker of {unit} instead?"
)
KEEP_ROLE: Final = N_("Keep my officer role")
BECOME_WORKER: Final = N_("Become a worker")
ROLE_KEPT: Final = N_("Nothing has changed: you are still registered as {role} for {own_unit}.")
ROLE_GIVEN_UP: Final = N_("You are no longer registered as {role} for {own_unit}.")


async def redeem(
    update: Update, context: BotContext, code: str, *, confirmed: bool = False
) -> None:
    """Bind the sender to the invitation's role and unit, once, or explain the refusal.

    An officer who opens a worker join link is asked first and bound to nothing yet; one
    whose role an officer link would replace is asked first too (``confirmed``: they said yes).
    """
    assert update.effective_message is not None
    person = await person_of(update, context)
    services = context.services
    followed = await invitations.follow_link(
        context.uow, services.vault, services.clock, person.user, code, confirmed=confirmed
    )
    await context.uow.commit()
    if isinstance(followed, OfficerAsked):
        await _ask_officer(update, person.t, followed)
    elif isinstance(followed, ReplacementAsked):
        await role_change.ask(context, person, followed)
    elif isinstance(followed, Bound):
        await _say(update, _bound_text(person.t, followed))
        await role_change.tell(context, followed.handed_over)
    else:
        await _say(update, person.t(PROBLEM_TEXTS[followed]))


async def keep_pressed(update: Update, context: BotContext) -> None:
    """An officer keeps the officer role after opening a worker link: nothing changes."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    kept = await invitations.keep_officer_role(context.uow, person.user)
    await context.uow.commit()
    await query.answer()
    await _drop_buttons(update)
    if kept is None:
        return  # no longer an officer meanwhile: there is no role to keep
    role = person.t(ROLE_NAMES[kept.role])
    await _say(update, person.t(ROLE_KEPT, role=role, own_unit=kept.own_unit_name))


async def become_pressed(update: Update, context: BotContext) -> None:
    """An officer gives the officer role up to join the link's unit as a worker (audited)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    person = await person_of(update, context)
    services = context.services
    bound = await invitations.give_up_officer_role(
        context.uow,
        services.vault,
        services.clock,
        person.user,
        query.data.removeprefix(BECOME_PREFIX),
    )
    await context.uow.commit()
    await query.answer()
    await _drop_buttons(update)
    if isinstance(bound, Bound):
        await _say(update, _bound_text(person.t, bound))
        # Records the officer entered and that wait for correction go to another officer.
        await role_change.tell(context, bound.handed_over)
    else:
        await _say(update, person.t(PROBLEM_TEXTS[bound]))


async def _ask_officer(update: Update, t: Translator, asked: OfficerAsked) -> None:
    """Tell an officer what the worker link is, and ask whether to give the role up."""
    assert update.effective_message is not None
    text = t(
        OFFICER_OPENED_WORKER_LINK,
        unit=asked.unit_name,
        role=t(ROLE_NAMES[asked.role]),
        own_unit=asked.own_unit_name,
    )
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(KEEP_ROLE), callback_data=KEEP_DATA)],
            [InlineKeyboardButton(t(BECOME_WORKER), callback_data=f"{BECOME_PREFIX}{asked.code}")],
        ]
    )
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def _say(update: Update, text: str) -> None:
    """Answer in the chat of the link or of the pressed button."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(text)


async def _drop_buttons(update: Update) -> None:
    query = update.callback_query
    assert query is not None
    # The message may be gone or have no buttons left: nothing to tidy then.
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)


def _bound_text(t: Translator, bound: Bound) -> str:
    """What to tell the person they now are (and, for a worker link, gave up)."""
    lines = []
    if bound.gave_up is not None:
        role, own_unit = bound.gave_up
        lines.append(t(ROLE_GIVEN_UP, role=t(ROLE_NAMES[role]), own_unit=own_unit))
    if bound.role == Role.WORKER:
        lines.append(
            t(
                "Welcome! You have joined {unit}. Send /register to start your registration.",
                unit=bound.unit_name,
            )
        )
    else:
        lines.append(
            t(
                "You are now registered as {role} for {unit}. Send /queue to see the records "
                "waiting for you, /help for everything else.",
                role=t(ROLE_NAMES[bound.role]),
                unit=bound.unit_name,
            )
        )
    return "\n\n".join(lines)
