"""What people are told about a move: the worker's notice, the officer's confirmation, a status.

Each returns a :data:`~flows.forms.texts.Text`, rendered in the reader's language with
:func:`~flows.forms.texts.render_text`.
"""

from __future__ import annotations

from collections.abc import Mapping

from flows.access import Level, level_name
from flows.forms.display import LIST_SEPARATOR
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.review.states import STATE_NAMES, WAITING, State
from flows.review.transitions import Kind, Transition


def worker_notice(transition: Transition, labels: Mapping[str, Text] | None = None) -> Text:
    """The notice for the person registered (in their language); ``labels`` name the fields."""
    by = _level(transition.from_level)
    kind = transition.kind
    if kind is Kind.SUBMITTED:
        return Message(
            N_("Your registration was submitted to {level} for review."),
            {"level": _level(transition.to_level)},
        )
    if kind is Kind.RESUBMITTED:
        return Message(
            N_("Your corrected registration was sent back to {level}."),
            {"level": _level(transition.to_level)},
        )
    if kind is Kind.APPROVED:
        return Message(
            N_("Good news: {by} approved your registration and passed it on to {level}."),
            {"by": by, "level": _level(transition.to_level)},
        )
    if kind is Kind.AID_GRANTED:
        return Message(
            N_("Your registration was approved. Aid granted: {amount}."),
            {"amount": transition.amount},
        )
    if kind is Kind.AMOUNT_CHANGED:
        return Message(
            N_("The aid amount of your registration was changed to {amount}. Reason: {reason}"),
            {"amount": transition.amount, "reason": transition.reason or ""},
        )
    if kind is Kind.RETURNED:
        names = [(labels or {}).get(field, field) for field in transition.fields]
        return Joined(
            (
                Message(
                    N_("Your registration was returned for correction by {by}. Reason: {reason}"),
                    {"by": by, "reason": transition.reason or ""},
                ),
                Message(
                    N_("Please correct: {fields}"), {"fields": Joined(tuple(names), LIST_SEPARATOR)}
                ),
                Message(N_("Send /register to make the corrections and submit again.")),
            ),
            "\n",
        )
    return Joined(
        (
            Message(
                N_("We are sorry: {by} did not accept your registration. Reason: {reason}"),
                {"by": by, "reason": transition.reason or ""},
            ),
            Message(
                N_("If you have questions about it, please talk to your unit's union officer.")
            ),
        ),
        "\n",
    )


def officer_outcome(transition: Transition) -> Message:
    """The line that replaces the buttons on the officer's card once the decision is stored."""
    kind = transition.kind
    if kind is Kind.APPROVED:
        return Message(
            N_("✅ Approved; passed on to {level}."), {"level": _level(transition.to_level)}
        )
    if kind is Kind.AID_GRANTED:
        return Message(N_("✅ Approved; aid granted: {amount}."), {"amount": transition.amount})
    if kind is Kind.AMOUNT_CHANGED:
        return Message(N_("✏️ Aid amount changed to {amount}."), {"amount": transition.amount})
    if kind is Kind.RETURNED:
        return Message(N_("↩️ Returned for correction."))
    if kind is Kind.REJECTED:
        return Message(N_("❌ Rejected."))
    return Message(N_("📨 Submitted."))


def status_text(state: State, level: Level | None) -> Message:
    """Where a record is, for its owner's status: ``waiting for review by the unit's union``."""
    if state in WAITING and level is not None:
        return Message(N_("Waiting for review by {level}."), {"level": level_name(level)})
    if state is State.RETURNED and level is not None:
        return Message(
            N_("Returned for correction by {level}: send /register to correct it."),
            {"level": level_name(level)},
        )
    return Message(STATE_NAMES[state])


def _level(level: Level | None) -> Message:
    return level_name(level) if level is not None else Message(N_("the union"))
