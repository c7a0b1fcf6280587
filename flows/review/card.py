"""The screens of the officers' review: the record card, choosing fields to return, the
reason, the amount, the history. Neutral of any messenger, like the registration's screens.

The card shows every relevant answer numbered (sensitive ones masked unless the viewer may see
them in full and asked to), what the pre-check said, whether the person is on the Party-aided
list, and for a resubmission what the correction changed. Decision buttons (and the pre-check's:
mark the answers untruthful, override the outcome) appear only when the record waits at the
viewer's level within their scope.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

from flows.access import Action, Actor, may, sees_full_numbers
from flows.forms.kinds import Field
from flows.forms.schema import Form
from flows.forms.texts import Joined, Text, labelled
from flows.i18n import N_, Message
from flows.registration.navigation import relevant
from flows.registration.screens import Button, Screen
from flows.registration.screens.review import computed_lines
from flows.review import callbacks
from flows.review.amounts import in_words
from flows.review.notices import status_text
from flows.review.records import RecordView
from flows.review.remarks import (
    ADD_LABEL,
    CHANGE_LABEL,
    EXAMPLE,
    REMARK_MAX,
    REMOVE_LABEL,
    remark_line,
    remark_refusal,
)
from flows.review.states import State

PER_ROW: Final = 6
AMOUNTS_PER_ROW: Final = 3
PARTY_AIDED_NOTE: Final = Message(
    N_(
        "⚠️ On the list of Party members already aided by the Party organisation "
        "(exclusion P): not to be aided again by the union."
    )
)
BACK_TO_CARD: Final = Message(N_("◀ Back to the record"))
PRECHECK_LABEL: Final = Message(N_("⚖ Pre-check"))


def field_labels(form: Form) -> dict[str, Text]:
    """Each field's label, to name flagged and changed answers."""
    return {field.id: field.label for field in form.fields}


def needs_amount(record: RecordView) -> bool:
    """Whether approving the record sets the aid amount (it waits at the last level)."""
    return record.waiting_level is not None and record.waiting_level is record.last_level


def decidable(record: RecordView, viewer: Actor) -> bool:
    """Whether the viewer may decide the record now (it waits at their level, in scope)."""
    return record.waiting_level is not None and may(viewer, Action.APPROVE, record.target) is None


def amendable(record: RecordView, viewer: Actor) -> bool:
    """Whether the viewer may correct or withdraw the aid granted to the record (the last
    level, in scope)."""
    return (
        record.state is State.AID_GRANTED and may(viewer, Action.SET_AMOUNT, record.target) is None
    )


def remarkable(record: RecordView, viewer: Actor, remarks_printed: bool) -> bool:
    """Whether the card offers the viewer to write the record's remark: the form's tables
    print one, and the viewer may write it (see :mod:`flows.review.remarks`)."""
    return remarks_printed and remark_refusal(record, viewer) is None


def card_screen(
    form: Form,
    record: RecordView,
    answers: Mapping[str, object],
    viewer: Actor,
    *,
    unit_name: str,
    precheck: Sequence[Text] = (),
    party_aided: bool = False,
    changed: tuple[str, ...] | None = None,
    full_numbers: bool = False,
    next_offset: int | None = None,
    outcome: Text | None = None,
    remark: str | None = None,
    remarks_printed: bool = False,
) -> Screen:
    """The record card; ``outcome`` (after a decision) replaces the decision buttons.

    The remark (备注) is shown to every officer who sees the card; the button to write it is
    offered after the first level's approval, also in the approval's outcome on the card.
    """
    full = full_numbers and sees_full_numbers(viewer, record.target)
    labels = field_labels(form)
    lines: list[Text] = [
        Message(N_("📋 Record {id} · {unit}"), {"id": str(record.id), "unit": unit_name}),
        status_text(record.state, record.level, owner=False),
    ]
    if changed is not None:
        named = Joined(tuple(labels.get(field, field) for field in changed), "、")
        lines.append(
            Message(N_("🔁 Corrected and resubmitted. Changed: {fields}"), {"fields": named})
            if changed
            else Message(N_("🔁 Corrected and resubmitted; no flagged answer changed."))
        )
    if party_aided:
        lines.append(PARTY_AIDED_NOTE)
    lines.extend(_answer_lines(form, answers, full))
    lines.extend(computed_lines(form, dict(answers)))
    lines.extend(precheck)
    shown_remark = remark_line(remark)
    if shown_remark is not None:
        lines.append(shown_remark)
    if record.aid_amount is not None:
        lines.append(Message(N_("Aid amount: {amount}"), {"amount": record.aid_amount}))
    if outcome is not None:
        lines.append(outcome)
    remarking = None
    if remarkable(record, viewer, remarks_printed):
        remarking = remark_button(record, remark)
    return Screen(
        tuple(lines),
        _card_buttons(form, record, answers, viewer, full, next_offset, outcome, remarking),
    )


def remark_button(record: RecordView, remark: str | None) -> Button:
    """The button that writes the record's remark: add one, or change the one there is."""
    return Button(CHANGE_LABEL if remark else ADD_LABEL, _data(callbacks.REMARK, record))


def remark_screen(record: RecordView, remark: str | None) -> Screen:
    """Ask for the remark printed in the 备注 column (the one there is shown, and may be
    removed)."""
    lines: list[Text] = [
        Message(
            N_(
                "Record {id}: please type the remark printed in the 备注 column of the form, "
                "at most {limit} characters, for example: {example}"
            ),
            {"id": str(record.id), "limit": REMARK_MAX, "example": EXAMPLE},
        )
    ]
    rows: list[tuple[Button, ...]] = []
    if remark:
        lines.append(Message(N_("The remark now: {remark}"), {"remark": remark}))
        rows.append((Button(REMOVE_LABEL, _data(callbacks.REMARK_REMOVE, record)),))
    rows.append((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),))
    return Screen(tuple(lines), tuple(rows))


def return_screen(
    form: Form, record: RecordView, answers: Mapping[str, object], chosen: tuple[str, ...]
) -> Screen:
    """Choose the answers to correct by their numbers, listed with their questions, then Done."""
    fields = relevant(form, answers)
    lines: list[Text] = [
        Message(
            N_("Return record {id}: press the numbers of the answers to correct, then Done."),
            {"id": str(record.id)},
        ),
        # The card's answers are gone from the screen: each number says what it stands for.
        *(
            Joined(("✅ " if field.id in chosen else "", f"{number}. ", field.label))
            for number, field in enumerate(fields, start=1)
        ),
    ]
    buttons = []
    for number, field in enumerate(fields, start=1):
        toggled = set(chosen) ^ {field.id}
        label = f"✅ {number}" if field.id in chosen else str(number)
        mask = callbacks.mask_of(form, toggled)
        buttons.append(Button(label, _data(callbacks.TOGGLE, record, mask)))
    rows = [tuple(buttons[start : start + PER_ROW]) for start in range(0, len(buttons), PER_ROW)]
    last = [Button(BACK_TO_CARD, _data(callbacks.CARD, record))]
    if chosen:
        done = Message(N_("✔️ Done"))
        last.insert(
            0, Button(done, _data(callbacks.RETURN_DONE, record, callbacks.mask_of(form, chosen)))
        )
    rows.append(tuple(last))
    return Screen(tuple(lines), tuple(rows))


def reason_screen(record: RecordView, rejecting: bool) -> Screen:
    """Ask for the reason the worker will read."""
    question = (
        N_("Why is record {id} rejected? Please type the reason; the worker will read it.")
        if rejecting
        else N_("Why is record {id} returned? Please type the reason; the worker will read it.")
    )
    return Screen(
        (Message(question, {"id": str(record.id)}),),
        ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),),
    )


def amount_screen(record: RecordView, standard: Sequence[Decimal]) -> Screen:
    """Approving at the last level: the policy's standard amounts, or type one."""
    ask = (
        N_("Record {id}: choose the aid amount, or type it in yuan.")
        if standard
        else N_("Record {id}: please type the aid amount in yuan, for example 1000.")
    )
    lines: tuple[Text, ...] = (Message(ask, {"id": str(record.id)}),)
    buttons = [
        Button(
            Message(N_("{amount}"), {"amount": amount}),
            _data(callbacks.AMOUNT, record, str(amount)),
        )
        for amount in standard
    ]
    rows = [
        tuple(buttons[start : start + AMOUNTS_PER_ROW])
        for start in range(0, len(buttons), AMOUNTS_PER_ROW)
    ]
    rows.append((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),))
    return Screen(lines, tuple(rows))


def confirm_amount_screen(record: RecordView, amount: Decimal, *, amending: bool) -> Screen:
    """An amount above the policy's confirmation line: repeated in figures and in words, to be
    confirmed by a press (or typed again)."""
    lines: tuple[Text, ...] = (
        Message(
            N_("⚠️ Record {id}: {amount} is more than {bound}, more than aid usually is."),
            {"id": str(record.id), "amount": amount, "bound": record.amount_bound},
        ),
        labelled(Message(N_("In words")), in_words(amount)),
        Message(N_("Is this the amount you mean? Confirm it, or type the amount again.")),
    )
    action = callbacks.AMEND_SURE if amending else callbacks.AMOUNT_SURE
    return Screen(
        lines,
        (
            (
                Button(
                    Message(N_("✅ Yes, {amount}"), {"amount": amount}),
                    _data(action, record, str(amount)),
                ),
            ),
            (Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),
        ),
    )


def amend_screen(record: RecordView) -> Screen:
    """Correcting the amount granted: type the right one."""
    return Screen(
        (
            Message(
                N_("Record {id} was granted {amount}. Please type the correct amount in yuan."),
                {"id": str(record.id), "amount": record.aid_amount},
            ),
        ),
        ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),),
    )


def amend_reason_screen(record: RecordView, amount: Decimal | None) -> Screen:
    """Why the amount is corrected (``amount``) or the aid withdrawn (None)."""
    lines: tuple[Text, ...] = (
        (
            Message(
                N_(
                    "Why is the aid of record {id} changed from {before} to {amount}? Please "
                    "type the reason; the worker will read it."
                ),
                {"id": str(record.id), "before": record.aid_amount, "amount": amount},
            )
            if amount is not None
            else Message(
                N_(
                    "Why is the aid of record {id} ({amount}) withdrawn? The record will be "
                    "rejected. Please type the reason; the worker will read it."
                ),
                {"id": str(record.id), "amount": record.aid_amount},
            )
        ),
    )
    return Screen(lines, ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),))


def history_screen(record: RecordView, lines: Sequence[Text]) -> Screen:
    """The record's history under its number, with the way back to the card."""
    return Screen(
        (Message(N_("History of record {id}:"), {"id": str(record.id)}), *lines),
        ((Button(BACK_TO_CARD, _data(callbacks.CARD, record)),),),
    )


def _answer_lines(form: Form, answers: Mapping[str, object], full: bool) -> list[Text]:
    lines: list[Text] = []
    for number, field in enumerate(relevant(form, answers), start=1):
        value = answers.get(field.id)
        lines.append(Joined((f"{number}. ", labelled(field.label, _shown(field, value, full)))))
        lines.extend(field.details(answers))
    return lines


def _shown(field: Field, value: object, full: bool) -> Text:
    if full and field.is_sensitive and isinstance(value, str):
        return field.in_full(value)
    return field.shown(value)


def _card_buttons(
    form: Form,
    record: RecordView,
    answers: Mapping[str, object],
    viewer: Actor,
    full: bool,
    next_offset: int | None,
    outcome: Text | None,
    remarking: Button | None,
) -> tuple[tuple[Button, ...], ...]:
    rows: list[tuple[Button, ...]] = []
    if outcome is None and decidable(record, viewer):
        rows.append(
            (
                Button(Message(N_("✅ Approve")), _data(callbacks.APPROVE, record)),
                Button(Message(N_("↩️ Return")), _data(callbacks.RETURN, record)),
                Button(Message(N_("❌ Reject")), _data(callbacks.REJECT, record)),
            )
        )
        # Marking untruthful or overriding the pre-check: for those who decide, as they decide.
        rows.append((Button(PRECHECK_LABEL, _data(callbacks.PRECHECK, record)),))
    # Correcting a grant stays at hand, right after it too: a slip is best caught at once.
    if amendable(record, viewer):
        rows.append(
            (
                Button(Message(N_("✏️ Correct the amount")), _data(callbacks.AMEND, record)),
                Button(Message(N_("🚫 Withdraw the aid")), _data(callbacks.WITHDRAW, record)),
            )
        )
    if remarking is not None:
        rows.append((remarking,))
    more = [Button(Message(N_("🕘 History")), _data(callbacks.HISTORY, record))]
    if any(field.files(answers.get(field.id)) for field in form.fields):
        more.append(Button(Message(N_("📎 Documents")), _data(callbacks.DOCUMENTS, record)))
    if not full and sees_full_numbers(viewer, record.target):
        more.append(Button(Message(N_("🔓 Full numbers")), _data(callbacks.FULL, record)))
    rows.append(tuple(more))
    if next_offset is not None:
        rows.append(
            (Button(Message(N_("⏭ Next")), callbacks.data(callbacks.NEXT, next_offset, 0)),)
        )
    return tuple(rows)


def _data(action: str, record: RecordView, argument: str | None = None) -> str:
    return callbacks.data(action, record.id, record.version, argument)
