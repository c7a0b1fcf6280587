"""The legal moves of a record: submission by its owner, decisions by officers.

:func:`submit` and :func:`decide` are pure: they return the :class:`Transition` to store, or
raise :class:`~flows.access.Refused` with a message for the person who tried.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from flows.access import Action, Actor, Level, Reason, Refusal, Refused, level_name, may
from flows.audit import AuditKind, TransitionDetails
from flows.forms.parsing.normalize import visible
from flows.i18n import N_, Message
from flows.review.amounts import check_amount, unconfirmed
from flows.review.decisions import AmendAmount, Approve, Decision, Return, WithdrawGrant, action_of
from flows.review.records import RecordView
from flows.review.states import STATE_NAMES, UNSUBMITTED, State, next_level

REASON_MAX: Final = 500
CARD_OUTDATED: Final = Refusal(
    Reason.CHANGED_MEANWHILE,
    Message(N_("This record has changed since this card was shown; please look at it again.")),
)
NOT_GRANTED: Final = Refusal(
    Reason.NOT_GRANTED, Message(N_("Only the amount of a record granted aid can be changed."))
)
CHANGED_MEANWHILE: Final = Refusal(
    Reason.CHANGED_MEANWHILE,
    Message(N_("The registration changed meanwhile; please check it and submit again.")),
)


DECISION_KINDS: Final = frozenset(
    {
        AuditKind.APPROVED,
        AuditKind.RETURNED,
        AuditKind.REJECTED,
        AuditKind.AID_GRANTED,
        AuditKind.AMOUNT_CHANGED,
        AuditKind.GRANT_WITHDRAWN,
    }
)


@dataclass(frozen=True)
class Transition:
    """One move of a record: who, from where to where, why, which fields, which amount."""

    record_id: int
    kind: AuditKind
    actor_user_id: int | None
    from_state: State
    to_state: State
    from_level: Level | None
    to_level: Level | None
    reason: str | None = None
    fields: tuple[str, ...] = ()
    amount: Decimal | None = None
    previous_amount: Decimal | None = None
    changed: tuple[str, ...] = ()
    against_precheck: str | None = None

    def details(self) -> TransitionDetails:
        """The audit event's details: levels, field ids and amounts, nothing personal."""
        details: dict[str, object] = {"from_level": self.from_level, "to_level": self.to_level}
        if self.fields:
            details["fields"] = list(self.fields)
        if self.changed or self.kind is AuditKind.RESUBMITTED:
            details["changed"] = list(self.changed)
        if self.amount is not None:
            details["amount"] = str(self.amount)
        if self.previous_amount is not None:
            details["previous_amount"] = str(self.previous_amount)
        if self.against_precheck is not None:
            details["against_precheck"] = self.against_precheck
        # Validated from the keys set, so that only those are stored, as they always were.
        return TransitionDetails.model_validate(details)


def submit(
    record: RecordView, actor: Actor, now: dt.datetime, changed: tuple[str, ...] = ()
) -> Transition:
    """Send a draft to the first level, and a corrected record too (``changed``: the flagged
    answers that now differ).

    One route after a return, whoever returned it: the unit's union vouches for every record it
    passes up (the notices have it collect, check and stamp them), so a corrected record is
    checked there again and climbs the chain again, as the worker was told when submitting.
    """
    if actor.user_id is None or actor.user_id != record.entered_by_user_id:
        raise _refused(
            Reason.NOT_OWN_RECORD,
            N_("Only the person who filled in this registration can submit it."),
        )
    # Authorship alone is not enough: an officer who has left the record's unit no longer acts
    # on it (the person registered always may).
    refusal = may(actor, Action.VIEW_CARD, record.target)
    if refusal is not None:
        raise Refused(refusal)
    if record.state is State.DRAFT:
        if now < record.intake_opens:
            raise _refused(
                Reason.INTAKE_NOT_OPEN,
                N_("Registration opens on {moment}."),
                moment=record.intake_opens.astimezone(record.zone),
            )
        if now >= record.intake_closes:
            raise _refused(
                Reason.INTAKE_CLOSED,
                N_("Registration closed on {moment}; new submissions are no longer accepted."),
                moment=record.intake_closes.astimezone(record.zone),
            )
        return _move(record, actor, AuditKind.SUBMITTED, State.SUBMITTED, record.levels[0])
    if record.state is State.RETURNED:
        _check_review_open(record, now)
        return _move(
            record,
            actor,
            AuditKind.RESUBMITTED,
            State.RESUBMITTED,
            record.levels[0],
            changed=changed,
        )
    raise _refused(Reason.ALREADY_SUBMITTED, N_("This registration has been submitted already."))


# What the registration's "Delete this draft" can remove: the draft, and a record returned for
# correction, which the person edits in the same screens.
DELETABLE: Final = frozenset({State.DRAFT, State.RETURNED})


def delete(state: State) -> State:
    """The state of a record its owner deletes (kept, so that its history stays whole); raises
    Refused for a record submitted meanwhile (an old button pressed)."""
    if state not in DELETABLE:
        raise _refused(
            Reason.ALREADY_SUBMITTED, N_("This registration has been submitted already.")
        )
    return State.DELETED


def decide(record: RecordView, decision: Decision, actor: Actor, now: dt.datetime) -> Transition:
    """An officer's decision on a record, checked against access, state, deadline and content."""
    refusal = may(actor, action_of(decision), record.target)
    if refusal is not None:
        # A record that went up past the officer's level was decided by someone at theirs.
        raise Refused(not_waiting(record) if _moved_past(record, actor) else refusal)
    _check_review_open(record, now)
    if isinstance(decision, AmendAmount | WithdrawGrant):
        return _amend(record, decision, actor)
    level = record.waiting_level
    if level is None:
        raise Refused(not_waiting(record))
    if isinstance(decision, Approve):
        return _approve(record, decision, actor, level)
    if isinstance(decision, Return):
        fields = _flagged(record, decision.fields)
        reason = check_reason(decision.reason)
        return _move(record, actor, AuditKind.RETURNED, State.RETURNED, level, reason, fields)
    return _move(
        record, actor, AuditKind.REJECTED, State.REJECTED, level, check_reason(decision.reason)
    )


def not_waiting(record: RecordView) -> Refusal:
    """Why a record that waits for nobody cannot be decided: who decided it, and how."""
    state = Message(STATE_NAMES[record.state])
    if record.state in UNSUBMITTED:
        return Refusal(
            Reason.NOT_WAITING, Message(N_("This registration has not been submitted yet."))
        )
    if record.decided_by:
        message = Message(
            N_("This record was already decided by {name}: it is now {state}."),
            {"name": record.decided_by, "state": state},
        )
    else:
        message = Message(
            N_("This record was already decided: it is now {state}."), {"state": state}
        )
    return Refusal(Reason.ALREADY_DECIDED, message)


def decision_refusal(actor: Actor, action: Action, record: RecordView) -> Refusal | None:
    """Why the officer may not start ``action`` on the record now, or None: asked when a
    decision begins (a button pressed), before anything is typed.

    Like :func:`decide`: a record that went past the officer's level, or waits for nobody, was
    decided already, and the refusal says by whom.
    """
    refusal = may(actor, action, record.target)
    if refusal is not None:
        if refusal.reason is Reason.WRONG_LEVEL and _moved_past(record, actor):
            return not_waiting(record)
        return refusal
    if record.waiting_level is None:
        return not_waiting(record)
    return None


def amend_refusal(actor: Actor, record: RecordView) -> Refusal | None:
    """Why the officer may not correct or withdraw the aid granted to the record now, or None."""
    refusal = may(actor, Action.SET_AMOUNT, record.target)
    if refusal is None and record.state is not State.AID_GRANTED:
        refusal = NOT_GRANTED
    return refusal


def _moved_past(record: RecordView, actor: Actor) -> bool:
    levels = list(record.levels)
    if actor.level not in levels or record.level not in levels:
        return False
    return levels.index(record.level) > levels.index(actor.level)


def _approve(record: RecordView, decision: Approve, actor: Actor, level: Level) -> Transition:
    transition = _approval(record, decision, actor, level)
    if decision.against is None:
        return transition
    if decision.reason is None:
        raise _refused(
            Reason.REASON_REQUIRED,
            N_("Please give the reason for approving against the pre-check's advice."),
        )
    reason = check_reason(decision.reason)
    return replace(transition, reason=reason, against_precheck=decision.against)


def _approval(record: RecordView, decision: Approve, actor: Actor, level: Level) -> Transition:
    following = next_level(record.levels, level)
    if following is None:
        if decision.amount is None:
            raise _refused(
                Reason.AMOUNT_REQUIRED,
                N_("Please enter the aid amount: yours is the last level of review."),
            )
        amount = _confirmed(record, decision.amount, decision.confirmed)
        return _move(record, actor, AuditKind.AID_GRANTED, State.AID_GRANTED, level, amount=amount)
    if decision.amount is not None:
        raise _refused(
            Reason.AMOUNT_NOT_EXPECTED,
            N_("The aid amount is set by {level}, the last level of review."),
            level=level_name(record.last_level),
        )
    return _move(record, actor, AuditKind.APPROVED, State.APPROVED, following)


def _amend(record: RecordView, decision: AmendAmount | WithdrawGrant, actor: Actor) -> Transition:
    if record.state is not State.AID_GRANTED:
        raise Refused(NOT_GRANTED)
    if isinstance(decision, WithdrawGrant):
        reason = check_reason(decision.reason)
        withdrawn = _move(
            record, actor, AuditKind.GRANT_WITHDRAWN, State.REJECTED, record.level, reason
        )
        return replace(withdrawn, previous_amount=record.aid_amount)
    amount = _confirmed(record, decision.amount, decision.confirmed)
    reason = check_reason(decision.reason)
    return _move(
        record,
        actor,
        AuditKind.AMOUNT_CHANGED,
        State.AID_GRANTED,
        record.level,
        reason,
        amount=amount,
    )


def _confirmed(record: RecordView, amount: Decimal, confirmed: bool) -> Decimal:
    return grant_amount(record, amount, confirmed=confirmed)


def grant_amount(record: RecordView, amount: Decimal, *, confirmed: bool) -> Decimal:
    """The amount as granted to the record; raises :class:`Refused` for an amount that is not
    one, and (``AMOUNT_UNCONFIRMED``) for one above the policy's confirmation line that the
    officer has not yet confirmed in words."""
    checked = check_amount(amount)
    refused = unconfirmed(checked, record.amount_bound, confirmed)
    if refused is not None:
        raise refused
    return checked


def _move(
    record: RecordView,
    actor: Actor,
    kind: AuditKind,
    to_state: State,
    to_level: Level | None,
    reason: str | None = None,
    fields: tuple[str, ...] = (),
    *,
    amount: Decimal | None = None,
    changed: tuple[str, ...] = (),
) -> Transition:
    return Transition(
        record_id=record.id,
        kind=kind,
        actor_user_id=actor.user_id,
        from_state=record.state,
        to_state=to_state,
        from_level=record.level,
        to_level=to_level,
        reason=reason,
        fields=fields,
        amount=amount,
        previous_amount=record.aid_amount if amount is not None else None,
        changed=changed,
    )


def _check_review_open(record: RecordView, now: dt.datetime) -> None:
    if now >= record.review_closes:
        raise _refused(
            Reason.REVIEW_CLOSED,
            N_("The review closed on {moment}; records can no longer be changed."),
            moment=record.review_closes.astimezone(record.zone),
        )


def _flagged(record: RecordView, fields: tuple[str, ...]) -> tuple[str, ...]:
    flagged = tuple(dict.fromkeys(field.strip() for field in fields if field.strip()))
    if not flagged:
        raise _refused(Reason.FIELDS_REQUIRED, N_("Please choose at least one answer to correct."))
    if record.field_ids is not None:
        unknown = [field for field in flagged if field not in record.field_ids]
        if unknown:
            raise _refused(
                Reason.UNKNOWN_FIELDS,
                N_("These answers are not part of the registration: {fields}."),
                fields=", ".join(unknown),
            )
    return flagged


def check_reason(text: str) -> str:
    """An officer's reason as kept: what can be seen of it (control and format characters
    removed, trimmed), not empty, not too long; raises Refused else."""
    reason = visible(text)
    if not reason:
        raise _refused(Reason.REASON_REQUIRED, N_("Please give a reason."))
    if len(reason) > REASON_MAX:
        raise _refused(
            Reason.REASON_TOO_LONG,
            N_("The reason is too long: at most {count} characters."),
            count=REASON_MAX,
        )
    return reason


def _refused(reason: Reason, msgid: str, **params: object) -> Refused:
    return Refused(Refusal(reason, Message(msgid, params)))
