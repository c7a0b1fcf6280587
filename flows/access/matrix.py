"""The access matrix: which role may do what, to which records and units.

Roles × actions × scope, in one pure function (:func:`may`). Scope comes from the unit tree
(see :mod:`.scope`); decisions also depend on the review level the record waits at, since an
officer decides only at their own level, and only the last level sets the aid amount. Full ID
and card numbers are for the union officers of the person's own unit and the provincial union.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from flows.access.refusal import Reason, Refusal, Refused
from flows.access.roles import LEVEL_NAMES, Level, Role
from flows.access.scope import Actor
from flows.i18n import N_, Message


class Action(StrEnum):
    """What someone asks to do."""

    VIEW_CARD = "view_card"
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    SET_AMOUNT = "set_amount"
    EXPORT = "export"
    INVITE = "invite"
    STATS = "stats"
    HISTORY = "history"
    VIEW_FULL_SENSITIVE = "view_full_sensitive"
    RESOLVE_CONFLICTS = "resolve_conflicts"
    MOVE_DEADLINE = "move_deadline"
    BROADCAST = "broadcast"
    ENTER_FOR_WORKER = "enter_for_worker"


@dataclass(frozen=True)
class RecordTarget:
    """A registration as access sees it: where it belongs and where it waits."""

    unit_id: int
    submitted: bool
    waiting_level: Level | None
    last_level: Level
    subject_user_id: int | None
    entered_by_user_id: int

    def registers(self, user_id: int | None) -> bool:
        """Whether ``user_id`` is the person registered (who always sees their own record)."""
        return user_id is not None and user_id == self.subject_user_id

    def entered_by(self, user_id: int | None) -> bool:
        """Whether ``user_id`` filled the form in (for the person, or for someone else).

        Authorship alone grants nothing: an officer who entered a record sees it while its unit
        is in their scope, like any officer; authorship only lets them see it as a draft.
        """
        return user_id is not None and user_id == self.entered_by_user_id


@dataclass(frozen=True)
class UnitTarget:
    """A unit (its tables, numbers, invitations); ``unit_id`` None is the whole province."""

    unit_id: int | None


Target = RecordTarget | UnitTarget

RECORD_ACTIONS: Final = frozenset(
    {
        Action.VIEW_CARD,
        Action.HISTORY,
        Action.APPROVE,
        Action.RETURN,
        Action.REJECT,
        Action.SET_AMOUNT,
        Action.VIEW_FULL_SENSITIVE,
    }
)
DECISIONS: Final = frozenset({Action.APPROVE, Action.RETURN, Action.REJECT, Action.SET_AMOUNT})
UNIT_ACTIONS: Final = frozenset({Action.EXPORT, Action.INVITE, Action.STATS})


def _refusal(reason: Reason, msgid: str, **params: object) -> Refusal:
    return Refusal(reason, Message(msgid, params))


NOT_BOUND: Final = _refusal(
    Reason.NOT_BOUND,
    N_(
        "Your account is not linked to a union unit yet. Please open the invitation link "
        "you received from your union officer."
    ),
)
NOT_AN_OFFICER: Final = _refusal(Reason.NOT_AN_OFFICER, N_("Only union officers can do this."))
RECORD_OUT_OF_SCOPE: Final = _refusal(
    Reason.OUT_OF_SCOPE, N_("This record belongs to a unit outside your responsibility.")
)
UNIT_OUT_OF_SCOPE: Final = _refusal(
    Reason.OUT_OF_SCOPE, N_("This unit is outside your responsibility.")
)
NOT_OWN_RECORD: Final = _refusal(
    Reason.NOT_OWN_RECORD, N_("You can see only your own registrations.")
)
DRAFT_PRIVATE: Final = _refusal(
    Reason.DRAFT_PRIVATE, N_("This registration has not been submitted yet.")
)
OWN_REGISTRATION: Final = _refusal(
    Reason.OWN_REGISTRATION,
    N_("You cannot decide on your own registration; another officer must."),
)
MASKED_ONLY: Final = _refusal(
    Reason.MASKED_ONLY,
    N_(
        "Full ID and card numbers are shown only to the union officers of the person's own "
        "unit and of the provincial union."
    ),
)
PROVINCE_ONLY: Final = _refusal(
    Reason.PROVINCE_ONLY, N_("Only officers of the provincial union can do this.")
)
PROVINCE_MOVES_DEADLINES: Final = _refusal(
    Reason.PROVINCE_ONLY, N_("Only an officer of the provincial union can move a deadline.")
)
PROVINCE_BROADCASTS: Final = _refusal(
    Reason.PROVINCE_ONLY, N_("Only an officer of the provincial union can send a broadcast.")
)
UNIT_OFFICERS_ENTER: Final = _refusal(
    Reason.UNIT_OFFICERS_ONLY,
    N_(
        "Only a union officer of a unit can enter a registration for a worker. Workers "
        "register themselves with /register."
    ),
)

# Actions that need no target: the one role that may, and what everyone else is told.
ROLE_ACTIONS: Final[dict[Action, tuple[Role, Refusal]]] = {
    Action.RESOLVE_CONFLICTS: (Role.PROVINCE_OFFICER, PROVINCE_ONLY),
    Action.MOVE_DEADLINE: (Role.PROVINCE_OFFICER, PROVINCE_MOVES_DEADLINES),
    Action.BROADCAST: (Role.PROVINCE_OFFICER, PROVINCE_BROADCASTS),
    Action.ENTER_FOR_WORKER: (Role.UNIT_OFFICER, UNIT_OFFICERS_ENTER),
}


def level_name(level: Level) -> Message:
    """``the unit's union``, ``the provincial union`` … for messages."""
    return Message(LEVEL_NAMES[level])


def wrong_level(waiting: Level, own: Level) -> Refusal:
    """The record waits at another level than the officer's."""
    return _refusal(
        Reason.WRONG_LEVEL,
        N_("This record is waiting for {level}; you review for {own}."),
        level=level_name(waiting),
        own=level_name(own),
    )


def not_last_level(last: Level) -> Refusal:
    """Only the campaign's last level sets amounts."""
    return _refusal(
        Reason.NOT_LAST_LEVEL,
        N_("Only {level}, the last level of this campaign's review, sets the aid amount."),
        level=level_name(last),
    )


def may(actor: Actor, action: Action, target: Target | None = None) -> Refusal | None:
    """Why ``actor`` may not do ``action`` (to ``target``), or None if they may.

    The actions of :data:`ROLE_ACTIONS` take no target; every other action needs one.
    """
    if action in ROLE_ACTIONS:
        return _role_action(actor, *ROLE_ACTIONS[action])
    if action in UNIT_ACTIONS:
        if not isinstance(target, UnitTarget):
            raise TypeError(f"{action} applies to a unit, not to {target!r}")
        return _unit_action(actor, target)
    if not isinstance(target, RecordTarget):
        raise TypeError(f"{action} applies to a record, not to {target!r}")
    if action in DECISIONS:
        return _decision(actor, action, target)
    if action is Action.VIEW_FULL_SENSITIVE:
        return _full_view(actor, target)
    return _view(actor, target)


def require(actor: Actor, action: Action, target: Target | None = None) -> None:
    """Raise :class:`Refused` unless ``actor`` may do ``action`` (to ``target``)."""
    refusal = may(actor, action, target)
    if refusal is not None:
        raise Refused(refusal)


def sees_full_numbers(actor: Actor, target: RecordTarget) -> bool:
    """Whether the card shows this actor full ID and card numbers rather than masked ones."""
    return may(actor, Action.VIEW_FULL_SENSITIVE, target) is None


def sees_sensitive_copies(actor: Actor, target: RecordTarget) -> bool:
    """Whether the actor may be sent the record's copy of the ID and bank card: it shows the
    full numbers, so only to those entitled to them, and to the person registered (an officer
    who entered the record is entitled by scope, or not)."""
    return sees_full_numbers(actor, target) or target.registers(actor.user_id)


def _officer_in_scope(actor: Actor, unit_id: int | None, outside: Refusal) -> Refusal | None:
    if actor.role is Role.STRANGER:
        return NOT_BOUND
    if not actor.is_officer:
        return NOT_AN_OFFICER
    if not (actor.scope.everywhere if unit_id is None else actor.scope.covers(unit_id)):
        return outside
    return None


def _view(actor: Actor, target: RecordTarget) -> Refusal | None:
    if target.registers(actor.user_id):
        return None
    if actor.role is Role.STRANGER:
        return NOT_BOUND
    if not actor.is_officer:
        return NOT_OWN_RECORD
    if not actor.scope.covers(target.unit_id):
        return RECORD_OUT_OF_SCOPE
    return None if target.submitted or target.entered_by(actor.user_id) else DRAFT_PRIVATE


def _decision(actor: Actor, action: Action, target: RecordTarget) -> Refusal | None:
    refusal = _officer_in_scope(actor, target.unit_id, RECORD_OUT_OF_SCOPE)
    if refusal is not None:
        return refusal
    if target.subject_user_id is not None and target.subject_user_id == actor.user_id:
        return OWN_REGISTRATION
    assert actor.level is not None
    if action is Action.SET_AMOUNT and actor.level is not target.last_level:
        return not_last_level(target.last_level)
    if target.waiting_level is not None and target.waiting_level is not actor.level:
        return wrong_level(target.waiting_level, actor.level)
    return None


def _full_view(actor: Actor, target: RecordTarget) -> Refusal | None:
    if actor.role is Role.STRANGER:
        return NOT_BOUND
    if not actor.is_officer:
        return MASKED_ONLY
    if not actor.scope.covers(target.unit_id):
        return RECORD_OUT_OF_SCOPE
    if not target.submitted and not target.entered_by(actor.user_id):
        return DRAFT_PRIVATE
    own_unit = actor.role is Role.UNIT_OFFICER and actor.unit_id == target.unit_id
    return None if own_unit or actor.role is Role.PROVINCE_OFFICER else MASKED_ONLY


def _unit_action(actor: Actor, target: UnitTarget) -> Refusal | None:
    return _officer_in_scope(actor, target.unit_id, UNIT_OUT_OF_SCOPE)


def _role_action(actor: Actor, role: Role, refusal: Refusal) -> Refusal | None:
    if actor.role is Role.STRANGER:
        return NOT_BOUND
    return None if actor.role is role else refusal
