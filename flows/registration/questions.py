"""The screen that asks one question: progress, label, help, example, buttons."""

from __future__ import annotations

from typing import Final

from flows.forms.display import shown
from flows.forms.parsing.ethnicity import ethnicities
from flows.forms.schema import Field, Form
from flows.forms.texts import Joined, Text
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.navigation import previous_field, progress
from flows.registration.screens import Button, Screen
from flows.registration.state import RegistrationState

ETHNICITIES_PER_PAGE: Final = 12
ETHNICITIES_PER_ROW: Final = 3
CHECKED: Final = "✅ "
UNCHECKED: Final = "⬜ "


def question_screen(
    form: Form, state: RegistrationState, field: Field, notes: tuple[Text, ...] = ()
) -> Screen:
    """Ask ``field`` (``notes`` come first: what was wrong, what was just computed …)."""
    lines: list[Text] = [*notes, progress(form, state, field), *describe(field)]
    current = state.answers.get(field.id)
    if current is not None and field.type != "choices":
        lines.append(Message(N_("Current answer: {answer}"), {"answer": shown(field, current)}))
    if field.type == "file" and isinstance(state.pending, list) and state.pending:
        lines.append(
            Message(
                N_("{count} of at most {limit} received: send the next one, or press Done."),
                {"count": len(state.pending), "limit": field.max_files},
            )
        )
    rows = [*answer_buttons(field, state), navigation_row(form, state, field)]
    # The phone's "share my number" button would give an officer's own number for the worker's.
    contact_button = field.type == "phone" and not state.on_behalf
    return Screen(tuple(lines), tuple(row for row in rows if row), contact_button=contact_button)


def describe(field: Field) -> list[Text]:
    """The question itself: label, help and, for typed answers, an example."""
    lines: list[Text] = [field.label]
    if field.help is not None:
        lines.append(field.help)
    if field.type == "choices":
        lines.append(Message(N_("Press the options to tick them, then press Done.")))
    if field.example is not None:
        lines.append(Message(N_("Example: {example}"), {"example": field.example}))
    return lines


def answer_buttons(field: Field, state: RegistrationState) -> list[tuple[Button, ...]]:
    """The buttons that answer the question, one option per row."""
    match field.type:
        case "choice":
            return [
                (Button(option.label, callbacks.data(callbacks.CHOOSE, field.id, option.id)),)
                for option in field.options
            ]
        case "choices":
            ticked = state.pending if isinstance(state.pending, list) else []
            toggles = [
                (
                    Button(
                        Joined((CHECKED if option.id in ticked else UNCHECKED, option.label)),
                        callbacks.data(callbacks.TOGGLE, field.id, option.id),
                    ),
                )
                for option in field.options
            ]
            return [*toggles, (_done(field),)]
        case "yes_no":
            return [
                (
                    Button(
                        Message(N_("Yes")),
                        callbacks.data(callbacks.CHOOSE, field.id, callbacks.YES),
                    ),
                    Button(
                        Message(N_("No")), callbacks.data(callbacks.CHOOSE, field.id, callbacks.NO)
                    ),
                )
            ]
        case "ethnicity":
            return _ethnicity_page(field, state.page)
        case "file" if isinstance(state.pending, list) and state.pending:
            return [(_done(field),)]
    return []


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


def _done(field: Field) -> Button:
    return Button(Message(N_("Done ✔")), callbacks.data(callbacks.DONE, field.id))


def _ethnicity_page(field: Field, page: int) -> list[tuple[Button, ...]]:
    groups = ethnicities()
    pages = (len(groups) + ETHNICITIES_PER_PAGE - 1) // ETHNICITIES_PER_PAGE
    page = min(max(page, 0), pages - 1)
    shown_here = groups[page * ETHNICITIES_PER_PAGE : (page + 1) * ETHNICITIES_PER_PAGE]
    rows = [
        tuple(
            Button(group.label, callbacks.data(callbacks.CHOOSE, field.id, group.code))
            for group in shown_here[start : start + ETHNICITIES_PER_ROW]
        )
        for start in range(0, len(shown_here), ETHNICITIES_PER_ROW)
    ]
    turn: list[Button] = []
    if page > 0:
        turn.append(Button("◀", callbacks.data(callbacks.PAGE, field.id, str(page - 1))))
    turn.append(Button(f"{page + 1}/{pages}", callbacks.data(callbacks.PAGE, field.id, str(page))))
    if page < pages - 1:
        turn.append(Button("▶", callbacks.data(callbacks.PAGE, field.id, str(page + 1))))
    return [*rows, tuple(turn)]
