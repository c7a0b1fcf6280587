"""Opening an invitation deep link: bind the account to its role and unit, or say why not."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.people import Person, person_of
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

ROLE_NAMES = {
    "worker": N_("worker"),
    "unit_officer": N_("union officer of the unit"),
    "department_officer": N_("union officer of the supervising department"),
    "province_officer": N_("officer of the provincial union"),
}


async def redeem(update: Update, context: BotContext, code: str) -> None:
    """Bind the sender to the invitation's role and unit, once, or explain the refusal."""
    assert update.effective_message is not None
    person = await person_of(update, context)
    now = context.services.clock.now()
    invitation = await invitations.by_code(context.session, code)
    problem = invitations.problem(invitation, now)
    if problem is None:
        assert invitation is not None
        if await invitations.claim(context.session, invitation, now):
            unit = await context.session.get(Unit, invitation.unit_id)
            assert unit is not None
            _bind(context, person, invitation)
            await context.uow.commit()
            await update.effective_message.reply_text(_bound_text(person.t, invitation, unit))
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
