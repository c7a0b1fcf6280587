"""Opening an invitation deep link: bind the account to its role and unit, or say why not."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.handlers import role_change
from bot.people import Person, person_of
from flows.access.roles import ROLE_NAMES
from flows.i18n import N_, Translator
from storage.models import Invitation, Unit
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


async def redeem(
    update: Update, context: BotContext, code: str, *, confirmed: bool = False
) -> None:
    """Bind the sender to the invitation's role and unit, once, or explain the refusal.

    An officer whose role it would replace is asked first (``confirmed``: they said yes).
    """
    assert update.effective_message is not None
    person = await person_of(update, context)
    now = context.services.clock.now()
    invitation = await invitations.by_code(context.session, code)
    problem = invitations.problem(invitation, now)
    if problem is None:
        assert invitation is not None
        if not confirmed and role_change.asks_first(person.user, invitation):
            await role_change.ask(context, person, invitation)
            return
        before_role, before_unit = person.user.role, person.user.unit_id
        if await invitations.claim(context.session, invitation, now):
            unit = await context.session.get(Unit, invitation.unit_id)
            assert unit is not None
            _bind(context, person, invitation)
            notices = await role_change.after_binding(context, person, before_role, before_unit)
            await context.uow.commit()
            await update.effective_message.reply_text(_bound_text(person.t, invitation, unit))
            await role_change.tell(context, notices)
            return
        # Another account took the last use between the check and the claim.
        problem = InvitationProblem.USED
    await context.uow.commit()
    await update.effective_message.reply_text(person.t(PROBLEM_TEXTS[problem]))


def _bind(context: BotContext, person: Person, invitation: Invitation) -> None:
    user = person.user
    before = user.role
    # A worker join link never demotes an officer who opens it.
    if invitation.role != "worker" or user.role == "worker":
        user.role = invitation.role
    user.unit_id = invitation.unit_id
    audit.record(
        context.session,
        "role_granted",
        actor_user_id=user.id,
        from_state=before,
        to_state=user.role,
        details={"invitation_id": invitation.id, "unit_id": invitation.unit_id},
    )


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
