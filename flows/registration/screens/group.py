"""Screens of a repeated group (Jilin's 其他家庭成员): an entry's questions, the list so far."""

from __future__ import annotations

from flows.forms.kinds import Field, GroupField
from flows.forms.kinds.base import DONE
from flows.forms.schema import Form
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.navigation import progress
from flows.registration.screens import Button, Screen
from flows.registration.screens.question import describe
from flows.registration.state import RegistrationState


def item_screen(
    form: Form, state: RegistrationState, group: GroupField, notes: tuple[Text, ...] = ()
) -> Screen:
    """Ask the entry's field ``state.sub``."""
    part = group.part(state.sub or "")
    number = state.entry or len(state.items or []) + 1
    lines: list[Text] = [
        *notes,
        progress(form, state, group),
        Joined((group.item_label or group.label, f" {number}")),
        *describe(part),
    ]
    if part.id in state.item:
        lines.append(
            Message(N_("Current answer: {answer}"), {"answer": part.shown(state.item[part.id])})
        )
    row = [Button(Message(N_("◀ Back")), callbacks.data(callbacks.BACK, group.id))]
    if not part.required:
        row.append(Button(Message(N_("Skip ▶")), callbacks.data(callbacks.SKIP, group.id)))
    if part.id in state.item:
        row.append(Button(Message(N_("Keep ✓")), callbacks.data(callbacks.KEEP, group.id)))
    return Screen(tuple(lines), (tuple(row),))


def menu_screen(
    form: Form,
    state: RegistrationState,
    group: GroupField,
    notes: tuple[Text, ...] = (),
    fix: Field | None = None,
) -> Screen:
    """The entries so far, with Add another, Done, Edit and Delete beside each entry, and Back.

    ``fix`` offers a button to change the answer a failed count check compares with.
    """
    items = state.items or []
    lines: list[Text] = [*notes, progress(form, state, group), group.label]
    lines.extend(Joined((f"{number}. ", group.entry(item))) for number, item in enumerate(items, 1))
    if not items:
        lines.append(Message(N_("(none listed yet)")))
    rows: list[tuple[Button, ...]] = [
        (
            Button(Message(N_("➕ Add another")), callbacks.data(callbacks.ADD, group.id)),
            Button(Message(N_("Done ✔")), callbacks.data(DONE, group.id)),
        )
    ]
    rows.extend(
        (
            Button(
                Message(N_("✏️ Edit {number}"), {"number": number}),
                callbacks.data(callbacks.CHANGE_ENTRY, group.id, str(number)),
            ),
            Button(
                Message(N_("🗑 Delete {number}"), {"number": number}),
                callbacks.data(callbacks.REMOVE, group.id, str(number)),
            ),
        )
        for number in range(1, len(items) + 1)
    )
    if fix is not None:
        rows.append(
            (
                Button(
                    Message(N_("✏️ Change: {label}"), {"label": fix.label}),
                    callbacks.data(callbacks.EDIT, fix.id),
                ),
            )
        )
    rows.append((Button(Message(N_("◀ Back")), callbacks.data(callbacks.BACK, group.id)),))
    return Screen(tuple(lines), tuple(rows))
