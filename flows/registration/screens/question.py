"""The screen that asks one question: progress, label, help, example, buttons."""

from __future__ import annotations

from flows.forms.kinds import Field
from flows.forms.schema import Form
from flows.forms.texts import Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.navigation import previous_field, progress
from flows.registration.screens import Button, Screen
from flows.registration.state import RegistrationState


def question_screen(
    form: Form, state: RegistrationState, field: Field, notes: tuple[Text, ...] = ()
) -> Screen:
    """Ask ``field`` (``notes`` come first: what was wrong, what was just computed …)."""
    lines: list[Text] = [*notes, progress(form, state, field), *describe(field)]
    current = state.answers.get(field.id)
    if current is not None and field.repeats_answer:
        lines.append(Message(N_("Current answer: {answer}"), {"answer": field.shown(current)}))
    note = field.progress_note(state.pending)
    if note is not None:
        lines.append(note)
    rows = [*answer_buttons(field, state), navigation_row(form, state, field)]
    # The phone's "share my number" button would give an officer's own number for the worker's.
    contact_button = field.takes_contact and not state.on_behalf
    return Screen(tuple(lines), tuple(row for row in rows if row), contact_button=contact_button)


def describe(field: Field) -> list[Text]:
    """The question itself: label, help and, for typed answers, an example."""
    lines: list[Text] = [field.label]
    if field.help is not None:
        lines.append(field.help)
    if field.instruction is not None:
        lines.append(field.instruction)
    if field.example is not None:
        lines.append(Message(N_("Example: {example}"), {"example": field.example}))
    return lines


def answer_buttons(field: Field, state: RegistrationState) -> list[tuple[Button, ...]]:
    """The buttons that answer the question, as its kind lays them out."""
    return [
        tuple(Button(key.label, callbacks.data(key.action, field.id, key.argument)) for key in row)
        for row in field.keys(state.pending, state.page)
    ]


def navigation_row(form: Form, state: RegistrationState, field: Field) -> tuple[Button, ...]:
    """Back (unless this is the first question), Skip if optional, Keep if answered."""
    row: list[Button] = []
    if state.editing or previous_field(form, state, field.id) is not None:
        row.append(Button(Message(N_("◀ Back")), callbacks.data(callbacks.BACK, field.id)))
    if not field.required:
        row.append(Button(Message(N_("Skip ▶")), callbacks.data(callbacks.SKIP, field.id)))
    if field.id in state.answers:
        row.append(Button(Message(N_("Keep ✓")), callbacks.data(callbacks.KEEP, field.id)))
    return tuple(row)
