"""The officer's say on the pre-check: the answers marked untruthful, the outcome overridden.

The pre-check stored with a record (:class:`~flows.policy.stored.StoredPrecheck`) keeps
``untruthful`` once an officer marked the answers untrue (the result was then checked again with
that fact), and ``override`` once an officer set the outcome by their own judgement. Here are
the screens that lead there and the lines the card shows of both; the caller gives the
officers' names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from flows.forms.masking import scrub
from flows.forms.texts import Text
from flows.i18n import N_, Message
from flows.policy import OUTCOMES
from flows.policy.stored import Mark, StoredPrecheck
from flows.registration.screens import Button, Screen
from flows.review import callbacks
from flows.review.card import BACK_TO_CARD
from flows.review.outcomes import OUTCOME_LABELS, outcome_name
from flows.review.records import RecordView

PRECHECK_HEADING: Final = Message(N_("🔎 Pre-check when submitted (advisory):"))
RECHECKED_HEADING: Final = Message(
    N_("🔎 Pre-check, made again when the answers were marked untruthful (advisory):")
)
MARK_LABEL: Final = Message(N_("Mark the answers untruthful"))
OVERRIDE_LABEL: Final = Message(N_("Override the outcome"))


def heading(stored: StoredPrecheck) -> Message:
    """The card's heading above the stored pre-check's explanation."""
    return RECHECKED_HEADING if stored.untruthful else PRECHECK_HEADING


def officers_of(stored: StoredPrecheck | None) -> set[int]:
    """The accounts of the officers who marked or overrode the pre-check (to name them)."""
    if stored is None:
        return set()
    return {entry.by for entry in (stored.untruthful, stored.override) if entry is not None}


def is_marked_untruthful(stored: StoredPrecheck | None) -> bool:
    """Whether an officer marked the record's answers untruthful."""
    return stored is not None and stored.untruthful is not None


def marks(stored: StoredPrecheck | None, names: Mapping[int, str]) -> list[Text]:
    """The untruthful mark and the override, with who set them and why.

    An override shows the computed outcome too, so that both are read side by side.
    """
    lines: list[Text] = []
    if stored is None:
        return lines
    untruthful = stored.untruthful
    if untruthful is not None:
        lines.append(
            Message(
                N_("⚠️ Answers marked untruthful by {officer}: {reason}"),
                {"officer": _name(names, untruthful), "reason": _reason(untruthful)},
            )
        )
    override = stored.override
    if override is not None:
        lines.append(computed(stored))
        lines.append(
            Message(
                N_("⚖ Overridden by {officer}: {outcome} — {reason}"),
                {
                    "officer": _name(names, override),
                    "outcome": outcome_name(override.outcome),
                    "reason": _reason(override),
                },
            )
        )
    return lines


def computed(stored: StoredPrecheck) -> Message:
    """The outcome the policy gave (whatever an officer set over it)."""
    return Message(N_("Computed outcome: {outcome}"), {"outcome": outcome_name(stored.outcome)})


# Outcomes an approval goes against: the officer is asked to confirm it.
ADVISED_AGAINST: Final = frozenset({"not_eligible", "excluded"})


def approve_anyway_screen(record: RecordView, stored: StoredPrecheck | None) -> Screen | None:
    """Ask to confirm an approval the pre-check advises against; None if it does not."""
    outcome = in_effect(stored)
    if outcome not in ADVISED_AGAINST:
        return None
    question = Message(
        N_("The pre-check of record {id} says: {outcome}. Approve it all the same?"),
        {"id": str(record.id), "outcome": outcome_name(outcome)},
    )
    sure = Button(
        Message(N_("✅ Approve all the same")), _data(callbacks.APPROVE, record, callbacks.SURE)
    )
    return Screen((question,), ((sure,), (Button(BACK_TO_CARD, _data(callbacks.CARD, record)),)))


def anyway_reason_screen(record: RecordView, outcome: str | None) -> Screen:
    """Approving against the pre-check's advice: why, typed, kept in the history."""
    question = Message(
        N_(
            "Why is record {id} approved although the pre-check says: {outcome}? Please type "
            "the reason; it is kept in the record's history."
        ),
        {"id": str(record.id), "outcome": outcome_name(outcome or "")},
    )
    return Screen((question,), ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),))


def in_effect(stored: StoredPrecheck | None) -> str | None:
    """The outcome the record stands at: an officer's override, else the computed one."""
    return stored.in_effect() if stored is not None else None


def precheck_screen(
    record: RecordView, stored: StoredPrecheck | None, names: Mapping[int, str]
) -> Screen:
    """What the officer may do with the pre-check: mark untruthful, override, or go back."""
    lines: list[Text] = [
        Message(N_("⚖ Pre-check of record {id} (advisory)."), {"id": str(record.id)})
    ]
    if stored is not None and stored.override is None:
        lines.append(computed(stored))
    lines.extend(marks(stored, names))
    lines.append(
        Message(
            N_(
                "You may mark the answers untruthful (the pre-check is then made again) or "
                "override its outcome. Either needs a reason, kept in the record's history."
            )
        )
    )
    rows: list[tuple[Button, ...]] = []
    if not is_marked_untruthful(stored):
        rows.append((Button(MARK_LABEL, _data(callbacks.UNTRUTHFUL, record)),))
    rows.append((Button(OVERRIDE_LABEL, _data(callbacks.OVERRIDE, record)),))
    rows.append((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),))
    return Screen(tuple(lines), tuple(rows))


def outcome_screen(record: RecordView, stored: StoredPrecheck | None) -> Screen:
    """Choose the outcome the pre-check is to give, one button each."""
    lines: list[Text] = [
        Message(N_("Record {id}: which outcome should the pre-check give?"), {"id": str(record.id)})
    ]
    if stored is not None:
        lines.append(computed(stored))
    rows = [
        (Button(Message(OUTCOME_LABELS[outcome]), _data(callbacks.OVERRIDE_TO, record, outcome)),)
        for outcome in OUTCOMES
        if outcome != in_effect(stored)
    ]
    rows.append((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),))
    return Screen(tuple(lines), tuple(rows))


def untruthful_reason_screen(record: RecordView) -> Screen:
    """Ask why the answers are untruthful."""
    question = Message(
        N_(
            "Why are the answers of record {id} untruthful? Please type the reason; it is kept "
            "in the record's history."
        ),
        {"id": str(record.id)},
    )
    return Screen((question,), ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),))


def override_reason_screen(record: RecordView, outcome: str) -> Screen:
    """Ask why the pre-check should give ``outcome``."""
    question = Message(
        N_(
            "Why should the pre-check of record {id} give “{outcome}”? Please type the reason; "
            "it is kept in the record's history."
        ),
        {"id": str(record.id), "outcome": outcome_name(outcome)},
    )
    return Screen((question,), ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),))


def _name(names: Mapping[int, str], entry: Mark) -> str:
    return names.get(entry.by, f"#{entry.by}")


def _reason(entry: Mark) -> str:
    return scrub(entry.reason)


def _data(action: str, record: RecordView, argument: str | None = None) -> str:
    return callbacks.data(action, record.id, record.version, argument)
