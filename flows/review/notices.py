"""What people are told about a move: the worker's notice, the officer's confirmation, a status.

Each returns a :data:`~flows.forms.texts.Text`, rendered in the reader's language with
:func:`~flows.forms.texts.render_text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from flows.access import Level, level_name
from flows.audit import AuditKind
from flows.forms.display import LIST_SEPARATOR
from flows.forms.masking import scrub
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.review.states import STATE_NAMES, WAITING, State
from flows.review.transitions import Transition

ASK_THE_UNIT = N_("If you have questions about it, please talk to your unit's union officer.")


def worker_notice(
    transition: Transition, labels: Mapping[str, Text] | None = None, command: str = "/register"
) -> Text:
    """The notice for the person registered (in their language); ``labels`` name the fields.

    ``command`` continues the registration (``/enter`` for an officer who entered it). Numbers
    in an officer's reason are masked: the notice stays in the chat.
    """
    by = _level(transition.from_level)
    reason = scrub(transition.reason or "")
    kind = transition.kind
    if kind is AuditKind.SUBMITTED:
        return Message(
            N_("Your registration was submitted to {level} for review."),
            {"level": _level(transition.to_level)},
        )
    if kind is AuditKind.RESUBMITTED:
        return Message(
            N_("Your corrected registration was sent back to {level}."),
            {"level": _level(transition.to_level)},
        )
    if kind is AuditKind.APPROVED:
        return Message(
            N_("Good news: {by} approved your registration and passed it on to {level}."),
            {"by": by, "level": _level(transition.to_level)},
        )
    if kind is AuditKind.AID_GRANTED:
        return Message(
            N_("Your registration was approved. Aid granted: {amount}."),
            {"amount": transition.amount},
        )
    if kind is AuditKind.AMOUNT_CHANGED:
        return Message(
            N_("The aid amount of your registration was changed to {amount}. Reason: {reason}"),
            {"amount": transition.amount, "reason": reason},
        )
    if kind is AuditKind.GRANT_WITHDRAWN:
        return Joined(
            (
                Message(
                    N_(
                        "The aid granted to your registration was withdrawn by {by}. "
                        "Reason: {reason}"
                    ),
                    {"by": by, "reason": reason},
                ),
                Message(ASK_THE_UNIT),
            ),
            "\n",
        )
    if kind is AuditKind.RETURNED:
        names = [(labels or {}).get(field, field) for field in transition.fields]
        return Joined(
            (
                Message(
                    N_("Your registration was returned for correction by {by}. Reason: {reason}"),
                    {"by": by, "reason": reason},
                ),
                Message(
                    N_("Please correct: {fields}"), {"fields": Joined(tuple(names), LIST_SEPARATOR)}
                ),
                Message(
                    N_("Send {command} to make the corrections and submit again."),
                    {"command": command},
                ),
            ),
            "\n",
        )
    return Joined(
        (
            Message(
                N_("We are sorry: {by} did not accept your registration. Reason: {reason}"),
                {"by": by, "reason": reason},
            ),
            Message(ASK_THE_UNIT),
        ),
        "\n",
    )


def tells_unit_officers(transition: Transition, first: Level) -> bool:
    """Whether the unit's officers hear of the transition: a return from a level above the
    unit, when the unit is the chain's ``first`` level (the corrected record waits for them
    first)."""
    return (
        transition.kind is AuditKind.RETURNED
        and first is Level.UNIT
        and transition.from_level is not Level.UNIT
    )


def officer_outcome(transition: Transition) -> Message:
    """The line that replaces the buttons on the officer's card once the decision is stored."""
    kind = transition.kind
    if kind is AuditKind.APPROVED:
        return Message(
            N_("✅ Approved; passed on to {level}."), {"level": _level(transition.to_level)}
        )
    if kind is AuditKind.AID_GRANTED:
        return Message(N_("✅ Approved; aid granted: {amount}."), {"amount": transition.amount})
    if kind is AuditKind.AMOUNT_CHANGED:
        return Message(N_("✏️ Aid amount changed to {amount}."), {"amount": transition.amount})
    if kind is AuditKind.GRANT_WITHDRAWN:
        return Message(N_("🚫 Aid withdrawn; the record is now rejected."))
    if kind is AuditKind.RETURNED:
        return Message(N_("↩️ Returned for correction."))
    if kind is AuditKind.REJECTED:
        return Message(N_("❌ Rejected."))
    return Message(N_("📨 Submitted."))


def status_text(
    state: State, level: Level | None, *, owner: bool = True, amount: Decimal | None = None
) -> Message:
    """Where a record is: ``waiting for review by the unit's union``.

    Its ``owner`` is told what to do about a return and how much aid was granted (``amount``).
    """
    if state in WAITING and level is not None:
        return Message(N_("Waiting for review by {level}."), {"level": level_name(level)})
    if state is State.RETURNED and level is not None:
        if not owner:
            return Message(N_("Returned for correction by {level}."), {"level": level_name(level)})
        return Message(
            N_("Returned for correction by {level}: send /register to correct it."),
            {"level": level_name(level)},
        )
    if state is State.AID_GRANTED and owner and amount is not None:
        granted = N_("Your registration was approved. Aid granted: {amount}.")
        return Message(granted, {"amount": amount})
    if state is State.REJECTED and owner:
        return Message(N_("Your registration was not accepted."))
    return Message(STATE_NAMES[state])


def _level(level: Level | None) -> Message:
    return level_name(level) if level is not None else Message(N_("the union"))
