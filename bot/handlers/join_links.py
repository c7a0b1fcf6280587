"""/invite: an officer's join link for the workers of a unit (many uses until it expires or
is withdrawn), and withdrawing one: ``/invite revoke <code>`` or the link's button."""

from __future__ import annotations

import contextlib
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.handlers import strays
from bot.officers.acting import Acting, acting_if, officer, permitted, say, tell
from bot.usecases import invitations
from bot.usecases.invitations import (
    Created,
    InviteProblem,
    NotMade,
    RevokeProblem,
    WhichUnit,
    Withdrawn,
)
from flows import callback_data
from flows.access import Refusal
from flows.i18n import N_, Message

REVOKE_PREFIX: Final = "inv:x:"
MAX_LISTED: Final = 30

CREATED: Final = N_(
    "🔗 Join link for the workers of {unit}, valid until {moment} for any number of workers:"
)
CREATED_NOTE: Final = N_(
    "Whoever opens it joins {unit} as a worker: send it only to your unit's members. "
    "To withdraw it: /invite revoke {code}"
)
WITHDRAW: Final = N_("🚫 Withdraw this link")
WITHDRAWN: Final = N_("The join link for {unit} is withdrawn: it no longer lets anyone join.")
ALREADY_WITHDRAWN: Final = N_("This join link was withdrawn already.")
NO_SUCH_LINK: Final = N_("There is no invitation link with this code.")
OFFICER_LINK: Final = N_(
    "This is an officer's invitation; it can be withdrawn only with the command line."
)
NO_SUCH_UNIT: Final = N_("There is no unit with the code {code}.")
WHICH_UNIT: Final = N_("Workers join a unit. Send /invite and the code of one of these units:")
NOT_A_UNIT: Final = N_("{unit} is not a unit that workers join.")
MORE_UNITS: Final = N_("… and {count} more.")
REVOKE_USAGE: Final = N_(
    "Send /invite revoke and the code of the link, for example: /invite revoke Ab12Cd34"
)


@acting_if(officer)
async def invite(update: Update, context: BotContext, who: Acting) -> None:
    """Make a join link for the officer's unit, or the unit named by its code."""
    args = context.args or []
    if args and args[0].lower() == "revoke":
        await _revoke_code(update, context, who, args[1] if len(args) > 1 else None)
        return
    made = await invitations.invite_workers(
        context.uow, context.services.clock, who.actor, args[0] if args else None
    )
    if isinstance(made, Created):
        await context.uow.commit()
        await _created(context, who, made)
    elif isinstance(made, WhichUnit):
        await context.uow.commit()
        await say(update, context, _which_unit(who, made))
    elif isinstance(made, NotMade):
        await tell(update, context, who, _not_made(made))
    else:
        await tell(update, context, who, made.message)


def _not_made(made: NotMade) -> Message:
    if made.problem is InviteProblem.NO_SUCH_UNIT:
        return Message(NO_SUCH_UNIT, {"code": made.about})
    return Message(NOT_A_UNIT, {"unit": made.about})


async def _created(context: BotContext, who: Acting, created: Created) -> None:
    t = who.t
    text = "\n".join(
        [
            t(CREATED, unit=created.unit_name, moment=created.expires_at),
            link(context.bot.username, created.code),
            t(CREATED_NOTE, unit=created.unit_name, code=created.code),
        ]
    )
    button = InlineKeyboardButton(
        t(WITHDRAW), callback_data=f"{REVOKE_PREFIX}{created.invitation_id}"
    )
    await context.bot.send_message(who.chat_id, text, reply_markup=InlineKeyboardMarkup([[button]]))


def link(username: str, code: str) -> str:
    """The deep link that opens the bot with the invitation's code."""
    return f"https://t.me/{username}?start={code}"


def _which_unit(who: Acting, which: WhichUnit) -> str:
    """A department's or the province's officer names the unit by its code."""
    listed = which.units
    lines = [who.t(WHICH_UNIT), *(f"{code} · {name}" for code, name in listed[:MAX_LISTED])]
    if len(listed) > MAX_LISTED:
        lines.append(who.t(MORE_UNITS, count=len(listed) - MAX_LISTED))
    return "\n".join(lines)


async def _revoke_code(update: Update, context: BotContext, who: Acting, code: str | None) -> None:
    if code is None:
        await tell(update, context, who, Message(REVOKE_USAGE))
        return
    withdrawn = await invitations.withdraw_worker_link(
        context.uow, context.services.clock, who.actor, code=code
    )
    await tell(update, context, who, _withdrawal(withdrawn))


async def revoke_pressed(update: Update, context: BotContext) -> None:
    """The link's "Withdraw" button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    number = callback_data.number(query.data.removeprefix(REVOKE_PREFIX))
    if number is None:
        await strays.refuse_press(update, context)
        return
    who = await permitted(update, context, officer)
    if who is None:
        return
    withdrawn = await invitations.withdraw_worker_link(
        context.uow, context.services.clock, who.actor, ident=number
    )
    await tell(update, context, who, _withdrawal(withdrawn))
    if isinstance(withdrawn, Withdrawn):
        # The message may be gone or have no buttons left: nothing to tidy then.
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(reply_markup=None)


REVOKE_PROBLEMS: Final = {
    RevokeProblem.NO_SUCH_LINK: NO_SUCH_LINK,
    RevokeProblem.OFFICER_LINK: OFFICER_LINK,
    RevokeProblem.ALREADY_WITHDRAWN: ALREADY_WITHDRAWN,
}


def _withdrawal(withdrawn: Withdrawn | RevokeProblem | Refusal) -> Message:
    """What to say about a withdrawal: done, or why not."""
    if isinstance(withdrawn, Withdrawn):
        return Message(WITHDRAWN, {"unit": withdrawn.unit_name})
    if isinstance(withdrawn, RevokeProblem):
        return Message(REVOKE_PROBLEMS[withdrawn])
    return withdrawn.message
