"""Invitations: making and withdrawing links, and what opening one does to an account.

The rules are :mod:`flows.access`'s: when a link is usable (``invitation_problem``), what it
binds (``by_invitation``: a worker link never demotes an officer, who is asked first), when an
officer is asked before another officer link replaces their role (``replaces_officer_role``).
The bot's handlers and ``songnuan invite`` call the functions here; each returns what
happened for the adapter to say.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

from bot.clock import Clock
from bot.uow import UnitOfWork
from flows.access import (
    OFFICER_LEVELS,
    Action,
    Actor,
    Binding,
    InvitationProblem,
    Refusal,
    Refused,
    Role,
    UnitTarget,
    by_invitation,
    gives_up_officer_role,
    invitation_problem,
    officer_becomes_worker,
    replaces_officer_role,
    require,
    role_of,
    unit_kind_for,
)
from flows.audit import AuditKind, InvitationCreated, InvitationRevoked, RoleGranted
from storage.crypto import Vault
from storage.models import Invitation, Registration, Unit, User
from storage.repositories import audit, handover, invitations, registrations, units

DAYS: Final = 7
BY_COMMAND_LINE: Final = "command line"


# Opening a link


@dataclass(frozen=True)
class HandedOver:
    """A record entered for a worker that now waits for correction by another officer."""

    to_telegram_id: int
    to_locale: str | None
    registration_id: int
    name: str
    author_name: str
    unit_name: str


@dataclass(frozen=True)
class Bound:
    """The account now holds the invitation's role at its unit."""

    role: str
    unit_name: str
    # The officer role given up for a worker link, and its unit's name (None: none given up).
    gave_up: tuple[str, str] | None
    handed_over: tuple[HandedOver, ...]


@dataclass(frozen=True)
class OfficerAsked:
    """An officer opened a worker link: nothing bound; asked whether to give the role up."""

    code: str
    unit_name: str
    role: str
    own_unit_name: str


@dataclass(frozen=True)
class ReplacementAsked:
    """An officer link would replace the officer's role: nothing bound; asked first."""

    code: str
    role: str
    unit_name: str
    new_role: str
    new_unit_name: str
    # The records the officer entered that wait for correction, and who would take them.
    waiting: tuple[int, ...]
    heir_name: str | None


@dataclass(frozen=True)
class RoleKept:
    """An officer kept the role after opening a worker link."""

    role: str
    own_unit_name: str


Followed = Bound | OfficerAsked | ReplacementAsked | InvitationProblem


async def follow_link(
    uow: UnitOfWork, vault: Vault, clock: Clock, user: User, code: str, *, confirmed: bool = False
) -> Followed:
    """Bind ``user`` to the invitation's role and unit, once, or say why not.

    An officer who opens a worker join link is asked first and bound to nothing yet; one whose
    role an officer link would replace is asked first too (``confirmed``: they said yes).
    """
    now = clock.now()
    invitation = await _usable(uow, code, now)
    if isinstance(invitation, InvitationProblem):
        return invitation
    current = role_of(user.role, user.unit_id)
    invited = invitation.role
    binding = by_invitation(current, invited, invitation.unit_id)
    if binding is None:
        return await _officer_asked(uow, user, invitation)
    if not confirmed and replaces_officer_role(current, user.unit_id, invited, invitation.unit_id):
        return await _replacement_asked(uow, user, invitation)
    return await _claim_and_bind(uow, vault, now, user, invitation, binding)


async def _usable(uow: UnitOfWork, code: str, now: dt.datetime) -> Invitation | InvitationProblem:
    """The invitation with this code, or why it cannot be used now."""
    invitation = await invitations.by_code(uow.session, code)
    problem = invitation_problem(invitation, now)
    if problem is not None:
        return problem
    assert invitation is not None
    return invitation


async def give_up_officer_role(
    uow: UnitOfWork, vault: Vault, clock: Clock, user: User, code: str
) -> Bound | InvitationProblem:
    """An officer gives the officer role up to join a worker link's unit (audited)."""
    now = clock.now()
    invitation = await _usable(uow, code, now)
    if isinstance(invitation, InvitationProblem):
        return invitation
    if invitation.role != Role.WORKER:
        # Only a worker link offers this button: made-up data binds nothing.
        return InvitationProblem.UNKNOWN
    binding = officer_becomes_worker(invitation.unit_id)
    return await _claim_and_bind(uow, vault, now, user, invitation, binding)


async def keep_officer_role(uow: UnitOfWork, user: User) -> RoleKept | None:
    """An officer keeps the role after opening a worker link: nothing changes (None: no longer
    an officer meanwhile, so there is no role to keep)."""
    own_unit = await _unit(uow, user.unit_id)
    if own_unit is None or role_of(user.role, user.unit_id) not in OFFICER_LEVELS:
        return None
    return RoleKept(user.role, own_unit.name)


async def _claim_and_bind(
    uow: UnitOfWork,
    vault: Vault,
    now: dt.datetime,
    user: User,
    invitation: Invitation,
    binding: Binding,
) -> Bound | InvitationProblem:
    before_role, before_unit = user.role, user.unit_id
    if not await invitations.claim(uow.session, invitation, now):
        # Another account took the last use between the check and the claim.
        return InvitationProblem.USED
    unit = await _unit(uow, invitation.unit_id)
    assert unit is not None
    gave_up = None
    gives_up = gives_up_officer_role(role_of(user.role, user.unit_id), binding)
    if gives_up:
        own_unit = await _unit(uow, user.unit_id)
        gave_up = (user.role, own_unit.name if own_unit else "?")
        # What the officer was in the middle of (a reason being typed) is theirs no more.
        user.awaiting = None
    user.role, user.unit_id = binding.role, binding.unit_id
    audit.record(
        uow.session,
        AuditKind.ROLE_CHANGED if gives_up else AuditKind.ROLE_GRANTED,
        actor_user_id=user.id,
        from_state=before_role,
        to_state=user.role,
        details=RoleGranted(
            invitation_id=invitation.id, unit_id=invitation.unit_id, from_unit_id=before_unit
        ),
    )
    handed = await hand_over_after_binding(uow, vault, user, before_role, before_unit)
    return Bound(invitation.role, unit.name, gave_up, tuple(handed))


async def hand_over_after_binding(
    uow: UnitOfWork, vault: Vault, user: User, before_role: str, before_unit: int | None
) -> list[HandedOver]:
    """Hand the records the person can no longer correct to another officer of their unit, and
    take the new unit's stranded ones; the notices to send once this is saved."""
    session = uow.session
    handed: list[HandedOver] = []
    if before_role == Role.UNIT_OFFICER and (user.role, user.unit_id) != (
        before_role,
        before_unit,
    ):
        for registration in await handover.awaiting_correction(session, user.id):
            others = await handover.unit_officers(session, registration.unit_id, but=user.id)
            if others:
                handed.append(await _hand(uow, vault, registration, others[0], user))
    if user.role == Role.UNIT_OFFICER and user.unit_id is not None:
        for registration in await handover.orphans(session, user.unit_id):
            author = await session.get(User, registration.entered_by_user_id)
            assert author is not None
            handed.append(await _hand(uow, vault, registration, user, author))
    return handed


async def _hand(
    uow: UnitOfWork, vault: Vault, registration: Registration, to: User, author: User
) -> HandedOver:
    unit = await _unit(uow, registration.unit_id)
    answers = registrations.answers_of(vault, registration)
    handover.hand_over(uow.session, registration, to)
    return HandedOver(
        to_telegram_id=to.telegram_id,
        to_locale=to.locale,
        registration_id=registration.id,
        name=str(answers.get("name", "")),
        author_name=author.display_name,
        unit_name=unit.name if unit is not None else "",
    )


async def _officer_asked(uow: UnitOfWork, user: User, invitation: Invitation) -> OfficerAsked:
    unit = await _unit(uow, invitation.unit_id)
    own_unit = await _unit(uow, user.unit_id)
    assert unit is not None and own_unit is not None
    return OfficerAsked(invitation.code, unit.name, user.role, own_unit.name)


async def _replacement_asked(
    uow: UnitOfWork, user: User, invitation: Invitation
) -> ReplacementAsked:
    session = uow.session
    unit = await _unit(uow, user.unit_id)
    new_unit = await _unit(uow, invitation.unit_id)
    assert unit is not None and new_unit is not None
    waiting = await handover.awaiting_correction(session, user.id)
    heir = None
    if waiting:
        others = await handover.unit_officers(session, waiting[0].unit_id, but=user.id)
        heir = others[0].display_name if others else None
    return ReplacementAsked(
        code=invitation.code,
        role=user.role,
        unit_name=unit.name,
        new_role=invitation.role,
        new_unit_name=new_unit.name,
        waiting=tuple(registration.id for registration in waiting),
        heir_name=heir,
    )


async def _unit(uow: UnitOfWork, unit_id: int | None) -> Unit | None:
    return await uow.session.get(Unit, unit_id) if unit_id is not None else None


# Making and withdrawing links


@dataclass(frozen=True)
class Created:
    """A new invitation: its code, unit and expiry (the adapter makes the link)."""

    invitation_id: int
    code: str
    role: str
    unit_code: str
    unit_name: str
    expires_at: dt.datetime


class InviteProblem(enum.Enum):
    """Why no join link was made (the refusals of the access matrix aside)."""

    NO_SUCH_UNIT = "no_such_unit"
    NOT_A_UNIT = "not_a_unit"  # workers join a unit, not a department or the province


@dataclass(frozen=True)
class NotMade:
    """No link made: why, and the unit code or name it is about."""

    problem: InviteProblem
    about: str


@dataclass(frozen=True)
class WhichUnit:
    """A department's or the province's officer must name the unit: those they may invite to."""

    units: tuple[tuple[str, str], ...]  # code, name


async def invite_workers(
    uow: UnitOfWork, clock: Clock, actor: Actor, unit_code: str | None
) -> Created | NotMade | WhichUnit | Refusal:
    """A worker join link (any number of uses, :data:`DAYS` days) for the officer's unit or the
    unit named by its code."""
    if unit_code is not None:
        unit = await units.by_code(uow.session, unit_code)
        if unit is None:
            return NotMade(InviteProblem.NO_SUCH_UNIT, unit_code)
    else:
        unit = await _unit(uow, actor.unit_id)
        assert unit is not None
        if unit.kind != "unit":
            return WhichUnit(
                tuple(
                    (unit.code, unit.name)
                    for unit in await units.all_units(uow.session)
                    if unit.kind == "unit" and actor.scope.covers(unit.id)
                )
            )
    try:
        require(actor, Action.INVITE, UnitTarget(unit.id))
    except Refused as refused:
        return refused.refusal
    if unit.kind != unit_kind_for(Role.WORKER):
        return NotMade(InviteProblem.NOT_A_UNIT, unit.name)
    return await create(
        uow, clock, role=Role.WORKER, unit=unit, days=DAYS, max_uses=None, actor=actor
    )


async def create(
    uow: UnitOfWork,
    clock: Clock,
    *,
    role: Role,
    unit: Unit,
    days: int,
    max_uses: int | None,
    actor: Actor | None,
) -> Created:
    """A new invitation to ``role`` at ``unit``, audited (``actor`` None: the command line)."""
    invitation = invitations.create(
        uow.session,
        role=role.value,
        unit_id=unit.id,
        expires_at=clock.now() + dt.timedelta(days=days),
        max_uses=max_uses,
        created_by_user_id=actor.user_id if actor is not None else None,
    )
    await uow.session.flush()
    # Only the keys that say something are stored: the unit in the bot, the way otherwise.
    made = (
        InvitationCreated(invitation_id=invitation.id, role=role.value, by=BY_COMMAND_LINE)
        if actor is None
        else InvitationCreated(invitation_id=invitation.id, role=role.value, unit_id=unit.id)
    )
    audit.record(
        uow.session,
        AuditKind.INVITATION_CREATED,
        actor_user_id=actor.user_id if actor is not None else None,
        details=made,
    )
    return Created(
        invitation.id, invitation.code, role.value, unit.code, unit.name, invitation.expires_at
    )


class WrongKind(Exception):
    """The unit is of another kind than the invitation's role binds to."""

    def __init__(self, unit: Unit, wanted: str) -> None:
        super().__init__(
            f"{unit.code} is a {unit.kind}; a {wanted}-level invitation needs a {wanted}"
        )


async def invite_by_command_line(
    uow: UnitOfWork, clock: Clock, role: Role, unit_code: str, *, days: int
) -> Created | None:
    """An invitation to ``role`` at the unit with ``unit_code``, made on the command line: an
    officer link works once, a worker link until it expires. None when there is no such unit;
    raises :class:`WrongKind` for a unit of another kind than the role binds to."""
    unit = await units.by_code(uow.session, unit_code)
    if unit is None:
        return None
    wanted = unit_kind_for(role)
    if unit.kind != wanted:
        raise WrongKind(unit, wanted)
    max_uses = None if role is Role.WORKER else 1
    return await create(uow, clock, role=role, unit=unit, days=days, max_uses=max_uses, actor=None)


class RevokeProblem(enum.Enum):
    """Why a link was not withdrawn (the refusals of the access matrix aside)."""

    NO_SUCH_LINK = "no_such_link"
    OFFICER_LINK = "officer_link"  # withdrawn only with the command line
    ALREADY_WITHDRAWN = "already_withdrawn"


@dataclass(frozen=True)
class Withdrawn:
    """A link withdrawn: it no longer lets anyone join."""

    code: str
    unit_name: str


async def withdraw_worker_link(
    uow: UnitOfWork, clock: Clock, actor: Actor, code: str | None = None, ident: int | None = None
) -> Withdrawn | RevokeProblem | Refusal:
    """An officer withdraws a worker join link of a unit in their scope (by code or number)."""
    invitation = None
    if code is not None:
        invitation = await invitations.by_code(uow.session, code)
    elif ident is not None:
        invitation = await uow.session.get(Invitation, ident)
    if invitation is None:
        return RevokeProblem.NO_SUCH_LINK
    try:
        require(actor, Action.INVITE, UnitTarget(invitation.unit_id))
    except Refused as refused:
        return refused.refusal
    if invitation.role != Role.WORKER:
        return RevokeProblem.OFFICER_LINK
    if invitation.revoked_at is not None:
        return RevokeProblem.ALREADY_WITHDRAWN
    return await withdraw(uow, clock, invitation, actor)


async def withdraw(
    uow: UnitOfWork, clock: Clock, invitation: Invitation, actor: Actor | None
) -> Withdrawn:
    """Withdraw ``invitation``, audited (``actor`` None: the command line, which may withdraw
    any link)."""
    invitation.revoked_at = clock.now()
    audit.record(
        uow.session,
        AuditKind.INVITATION_REVOKED,
        actor_user_id=actor.user_id if actor is not None else None,
        details=(
            InvitationRevoked(invitation_id=invitation.id, by=BY_COMMAND_LINE)
            if actor is None
            else InvitationRevoked(invitation_id=invitation.id, unit_id=invitation.unit_id)
        ),
    )
    unit = await _unit(uow, invitation.unit_id)
    return Withdrawn(invitation.code, unit.name if unit else "?")


# Listing links


@dataclass(frozen=True)
class Listed:
    """An invitation as a list shows it."""

    code: str
    role: str
    unit_code: str
    uses: int
    max_uses: int | None
    expires_at: dt.datetime
    problem: InvitationProblem | None  # None: usable


async def listed(
    uow: UnitOfWork, clock: Clock, unit_code: str | None, *, every: bool
) -> list[Listed] | None:
    """The usable invitations (``every``: all of them), of one unit if given; None when there
    is no unit with that code."""
    unit_id = None
    if unit_code is not None:
        unit = await units.by_code(uow.session, unit_code)
        if unit is None:
            return None
        unit_id = unit.id
    now = clock.now()
    rows = []
    for invitation, unit in await invitations.with_units(uow.session, unit_id):
        problem = invitation_problem(invitation, now)
        if problem is None or every:
            rows.append(
                Listed(
                    invitation.code,
                    invitation.role,
                    unit.code,
                    invitation.uses,
                    invitation.max_uses,
                    invitation.expires_at,
                    problem,
                )
            )
    return rows
