"""/invite: an officer's join link for the workers of a unit (many uses until it expires or
is withdrawn), and withdrawing one: ``/invite revoke <code>`` or the link's button."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.handlers import strays
from bot.officers.acting import Acting, acting, say, tell
from flows import callback_data
from flows.access import Action, Refused, UnitTarget, require
from flows.audit import AuditKind, InvitationCreated, InvitationRevoked
from flows.i18n import N_, Message
from storage.models import Invitation, Unit
from storage.repositories import audit, invitations, units

DAYS: Final = 7
WORKER: Final = "worker"
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


async def invite(update: Update, context: BotContext) -> None:
    """Make a join link for the officer's unit, or the unit named by its code."""
    who = await acting(update, context)
    refusal = who.officer_refusal()
    if refusal is not None:
        await tell(update, context, who, refusal.message)
        return
    args = context.args or []
    if args and args[0].lower() == "revoke":
        await _revoke_code(update, context, who, args[1] if len(args) > 1 else None)
        return
    if args:
        unit = await units.by_code(context.session, args[0])
        if unit is None:
            await tell(update, context, who, Message(NO_SUCH_UNIT, {"code": args[0]}))
            return
    else:
        assert who.actor.unit_id is not None
        unit = await context.session.get(Unit, who.actor.unit_id)
        assert unit is not None
        if unit.kind != "unit":
            await _which_unit(update, context, who)
            return
    try:
        require(who.actor, Action.INVITE, UnitTarget(unit.id))
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return
    if unit.kind != "unit":
        await tell(update, context, who, Message(NOT_A_UNIT, {"unit": unit.name}))
        return
    await _create(update, context, who, unit)


async def _create(update: Update, context: BotContext, who: Acting, unit: Unit) -> None:
    now = context.services.clock.now()
    invitation = invitations.create(
        context.session,
        role=WORKER,
        unit_id=unit.id,
        expires_at=now + dt.timedelta(days=DAYS),
        max_uses=None,
        created_by_user_id=who.actor.user_id,
    )
    await context.session.flush()
    audit.record(
        context.session,
        AuditKind.INVITATION_CREATED,
        actor_user_id=who.actor.user_id,
        details=InvitationCreated(invitation_id=invitation.id, role=WORKER, unit_id=unit.id),
    )
    await context.uow.commit()
    t = who.t
    text = "\n".join(
        [
            t(CREATED, unit=unit.name, moment=invitation.expires_at),
            link(context.bot.username, invitation.code),
            t(CREATED_NOTE, unit=unit.name, code=invitation.code),
        ]
    )
    button = InlineKeyboardButton(t(WITHDRAW), callback_data=f"{REVOKE_PREFIX}{invitation.id}")
    await context.bot.send_message(who.chat_id, text, reply_markup=InlineKeyboardMarkup([[button]]))


def link(username: str, code: str) -> str:
    """The deep link that opens the bot with the invitation's code."""
    return f"https://t.me/{username}?start={code}"


async def _which_unit(update: Update, context: BotContext, who: Acting) -> None:
    """A department's or the province's officer names the unit by its code."""
    listed = [
        unit
        for unit in await units.all_units(context.session)
        if unit.kind == "unit" and who.actor.scope.covers(unit.id)
    ]
    lines = [who.t(WHICH_UNIT), *(f"{unit.code} · {unit.name}" for unit in listed[:MAX_LISTED])]
    if len(listed) > MAX_LISTED:
        lines.append(who.t(MORE_UNITS, count=len(listed) - MAX_LISTED))
    await context.uow.commit()
    await say(update, context, "\n".join(lines))


async def _revoke_code(update: Update, context: BotContext, who: Acting, code: str | None) -> None:
    if code is None:
        await tell(update, context, who, Message(REVOKE_USAGE))
        return
    await _revoke(update, context, who, await invitations.by_code(context.session, code))


async def revoke_pressed(update: Update, context: BotContext) -> None:
    """The link's "Withdraw" button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    number = callback_data.number(query.data.removeprefix(REVOKE_PREFIX))
    if number is None:
        await strays.refuse_press(update, context)
        return
    who = await acting(update, context)
    refusal = who.officer_refusal()
    if refusal is not None:
        await tell(update, context, who, refusal.message)
        return
    invitation = await context.session.get(Invitation, number)
    if await _revoke(update, context, who, invitation):
        # The message may be gone or have no buttons left: nothing to tidy then.
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(reply_markup=None)


async def _revoke(
    update: Update, context: BotContext, who: Acting, invitation: Invitation | None
) -> bool:
    """Withdraw a worker join link of a unit in the officer's scope; True if done."""
    if invitation is None:
        await tell(update, context, who, Message(NO_SUCH_LINK))
        return False
    try:
        require(who.actor, Action.INVITE, UnitTarget(invitation.unit_id))
    except Refused as refused:
        await tell(update, context, who, refused.message)
        return False
    if invitation.role != WORKER:
        await tell(update, context, who, Message(OFFICER_LINK))
        return False
    if invitation.revoked_at is not None:
        await tell(update, context, who, Message(ALREADY_WITHDRAWN))
        return False
    invitation.revoked_at = context.services.clock.now()
    audit.record(
        context.session,
        AuditKind.INVITATION_REVOKED,
        actor_user_id=who.actor.user_id,
        details=InvitationRevoked(invitation_id=invitation.id, unit_id=invitation.unit_id),
    )
    unit = await context.session.get(Unit, invitation.unit_id)
    await tell(update, context, who, Message(WITHDRAWN, {"unit": unit.name if unit else "?"}))
    return True
