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
from bot.people import Person, person_of
from flows.access import (
    OFFICER_LEVELS,
    Binding,
    Role,
    by_invitation,
    officer_becomes_worker,
    role_of,
)
from flows.access.roles import ROLE_NAMES
from flows.audit import AuditKind, RoleGranted
from flows.i18n import N_, Translator
from storage.models import Invitation, Unit, User
from storage.repositories import audit, invitations
from storage.repositories.invitations import InvitationProblem

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

WORKER: Final = "worker"


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
    now = context.services.clock.now()
    invitation = await invitations.by_code(context.session, code)
    problem = invitations.problem(invitation, now)
    if problem is None:
        assert invitation is not None
        binding = by_invitation(_role(person), Role(invitation.role), invitation.unit_id)
        if binding is None:
            await _ask_officer(update, context, person, invitation)
            return
        if not confirmed and role_change.asks_first(person.user, invitation):
            await role_change.ask(context, person, invitation)
            return
        before_role, before_unit = person.user.role, person.user.unit_id
        if await invitations.claim(context.session, invitation, now):
            text = await _bind(context, person, invitation, binding)
            notices = await role_change.after_binding(context, person, before_role, before_unit)
            await context.uow.commit()
            await _say(update, text)
            await role_change.tell(context, notices)
            return
        # Another account took the last use between the check and the claim.
        problem = InvitationProblem.USED
    await context.uow.commit()
    await _say(update, person.t(PROBLEM_TEXTS[problem]))


async def keep_pressed(update: Update, context: BotContext) -> None:
    """An officer keeps the officer role after opening a worker link: nothing changes."""
    query = update.callback_query
    assert query is not None
    person = await person_of(update, context)
    own_unit = await _unit_of(context, person)
    await context.uow.commit()
    await query.answer()
    await _drop_buttons(update)
    if own_unit is None or _role(person) not in OFFICER_LEVELS:
        return  # no longer an officer meanwhile: there is no role to keep
    role = person.t(ROLE_NAMES[person.user.role])
    await _say(update, person.t(ROLE_KEPT, role=role, own_unit=own_unit.name))


async def become_pressed(update: Update, context: BotContext) -> None:
    """An officer gives the officer role up to join the link's unit as a worker (audited)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    person = await person_of(update, context)
    now = context.services.clock.now()
    invitation = await invitations.by_code(context.session, query.data.removeprefix(BECOME_PREFIX))
    problem = invitations.problem(invitation, now)
    if problem is None and invitation is not None and invitation.role != WORKER:
        # Only a worker link offers this button: made-up data binds nothing.
        problem = InvitationProblem.UNKNOWN
    notices: list[tuple[User, str]] = []
    if problem is None:
        assert invitation is not None
        before_role, before_unit = person.user.role, person.user.unit_id
        if await invitations.claim(context.session, invitation, now):
            binding = officer_becomes_worker(invitation.unit_id)
            text = await _bind(context, person, invitation, binding)
            # Records the officer entered and that wait for correction go to another officer.
            notices = await role_change.after_binding(context, person, before_role, before_unit)
        else:
            problem = InvitationProblem.USED
    if problem is not None:
        text = person.t(PROBLEM_TEXTS[problem])
    await context.uow.commit()
    await query.answer()
    await _drop_buttons(update)
    await _say(update, text)
    await role_change.tell(context, notices)


def _role(person: Person) -> Role:
    return role_of(person.user.role, person.user.unit_id)


async def _unit_of(context: BotContext, person: Person) -> Unit | None:
    unit_id = person.user.unit_id
    return await context.session.get(Unit, unit_id) if unit_id is not None else None


async def _ask_officer(
    update: Update, context: BotContext, person: Person, invitation: Invitation
) -> None:
    """Tell an officer what the worker link is, and ask whether to give the role up."""
    assert update.effective_message is not None
    unit = await context.session.get(Unit, invitation.unit_id)
    own_unit = await _unit_of(context, person)
    assert unit is not None and own_unit is not None
    await context.uow.commit()
    t = person.t
    text = t(
        OFFICER_OPENED_WORKER_LINK,
        unit=unit.name,
        role=t(ROLE_NAMES[person.user.role]),
        own_unit=own_unit.name,
    )
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(KEEP_ROLE), callback_data=KEEP_DATA)],
            [
                InlineKeyboardButton(
                    t(BECOME_WORKER), callback_data=f"{BECOME_PREFIX}{invitation.code}"
                )
            ],
        ]
    )
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def _bind(
    context: BotContext, person: Person, invitation: Invitation, binding: Binding
) -> str:
    """Bind, audited; what to tell the person they now are."""
    user, t = person.user, person.t
    unit = await context.session.get(Unit, invitation.unit_id)
    assert unit is not None
    lines = []
    gives_up = binding.role is Role.WORKER and _role(person) in OFFICER_LEVELS
    if gives_up:
        own_unit = await _unit_of(context, person)
        role = t(ROLE_NAMES[user.role])
        lines.append(t(ROLE_GIVEN_UP, role=role, own_unit=own_unit.name if own_unit else "?"))
        # What the officer was in the middle of (a reason being typed) is theirs no more.
        user.awaiting = None
    before, before_unit = user.role, user.unit_id
    user.role, user.unit_id = binding.role, binding.unit_id
    audit.record(
        context.session,
        AuditKind.ROLE_CHANGED if gives_up else AuditKind.ROLE_GRANTED,
        actor_user_id=user.id,
        from_state=before,
        to_state=user.role,
        details=RoleGranted(
            invitation_id=invitation.id, unit_id=invitation.unit_id, from_unit_id=before_unit
        ),
    )
    lines.append(_bound_text(t, invitation, unit))
    return "\n\n".join(lines)


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


def _bound_text(t: Translator, invitation: Invitation, unit: Unit) -> str:
    if invitation.role == "worker":
        return t(
            "Welcome! You have joined {unit}. Send /register to start your registration.",
            unit=unit.name,
        )
    return t(
        "You are now registered as {role} for {unit}. Send /queue to see the records "
        "waiting for you, /help for everything else.",
        role=t(ROLE_NAMES[invitation.role]),
        unit=unit.name,
    )
