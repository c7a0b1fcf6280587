"""The review: every answer (sensitive ones masked) by section, computed values, problems,
one Edit button per section."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from flows.forms.checks import Severity, failure, severity
from flows.forms.computed import computed_values
from flows.forms.kinds import Field
from flows.forms.parsing.choices import CHOOSE_A_BUTTON
from flows.forms.schema import Form, Section
from flows.forms.texts import Joined, Text, labelled
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.navigation import relevant, scope
from flows.registration.screens import Button, Screen
from flows.registration.state import RegistrationState

FEN: Final = Decimal("0.01")


def problems(form: Form, answers: dict[str, object]) -> list[Text]:
    """The failed cross-checks that block submission."""
    return _failed(form, answers, "error")


def warnings(form: Form, answers: dict[str, object]) -> list[Text]:
    """The failed cross-checks that are only worth a second look (they block nothing)."""
    return _failed(form, answers, "warning")


def _failed(form: Form, answers: dict[str, object], level: Severity) -> list[Text]:
    # Checks may compare with computed values (own income within the household's).
    values: dict[str, object] = {
        name: str(amount) for name, amount in computed_values(form.computed, answers).items()
    }
    values.update(answers)
    found = (
        failure(check, values, form.label, form.option_label)
        for check in form.checks
        if severity(check) == level
    )
    return [message for message in found if message is not None]


def computed_lines(
    form: Form, answers: dict[str, object], only: set[str] | None = None
) -> list[Text]:
    """``Household disposable income per month: ¥1,200.00`` for each known value (in ``only``)."""
    values = computed_values(form.computed, answers)
    return [
        labelled(
            value.label,
            Message(N_("{amount}"), {"amount": values[value.id].quantize(FEN, ROUND_HALF_UP)}),
        )
        for value in form.computed
        if value.id in values and (only is None or value.id in only)
    ]


def editable(form: Form, state: RegistrationState) -> list[Field]:
    """The fields the review offers to change: all relevant ones, or those flagged."""
    return scope(form, state)


def editable_sections(form: Form, state: RegistrationState) -> list[Section]:
    """The sections the review offers to change: those with a field to change."""
    named = {field.section for field in editable(form, state)}
    return [section for section in form.sections if section.id in named]


def review_screen(form: Form, state: RegistrationState, notes: tuple[Text, ...] = ()) -> Screen:
    """Every relevant answer under its section's heading, an Edit per section, Submit, Delete."""
    answers: dict[str, object] = dict(state.answers)
    lines: list[Text] = [*notes, Message(N_("Please check your answers:"))]
    fields = relevant(form, answers)
    placed = _computed_sections(form)
    for section in form.sections:
        mine = [field for field in fields if field.section == section.id]
        if not mine:
            continue
        lines.extend(("", Message(N_("— {section} —"), {"section": section.label})))
        for field in mine:
            lines.extend(_answer_lines(field, answers))
        computed_here = {name for name, home in placed.items() if home == section.id}
        if computed_here:
            lines.extend(computed_lines(form, answers, computed_here))
    unplaced = {value.id for value in form.computed if value.id not in placed}
    if unplaced:
        lines.extend(computed_lines(form, answers, unplaced))
    lines.append("")
    lines.extend(Joined(("⚠️ ", message)) for message in problems(form, answers))
    lines.extend(Joined(("❕ ", message)) for message in warnings(form, answers))
    if state.only is not None:
        lines.append(
            Message(N_("Returned for correction: only the flagged answers can be changed."))
        )
    lines.append(Message(N_("To change answers, press their section's Edit button.")))
    edits = [
        Button(
            Message(N_("✏️ Edit {section}"), {"section": section.label}),
            callbacks.data(callbacks.SECTION, section.id),
        )
        for section in editable_sections(form, state)
    ]
    # One a row: a section's name is too long to share the width of a phone's screen.
    rows = [(button,) for button in edits]
    rows.append((Button(Message(N_("📨 Submit")), callbacks.data(callbacks.SUBMIT)),))
    rows.append((Button(Message(N_("🗑 Delete this draft")), callbacks.data(callbacks.DELETE)),))
    return Screen(tuple(lines), tuple(rows))


def _answer_lines(field: Field, answers: dict[str, object]) -> list[Text]:
    """``label: answer``, with what the ID number tells and a group's entries below it."""
    return [labelled(field.label, field.shown(answers.get(field.id))), *field.details(answers)]


def _computed_sections(form: Form) -> dict[str, str]:
    """The section each computed value is shown in: that of the last question it reads."""
    last: dict[str, Field] = {}
    for value in form.computed:
        read = [
            form.field(name) if form.has_field(name) else last.get(name) for name in value.inputs()
        ]
        known = [field for field in read if field is not None]
        if known:
            last[value.id] = max(known, key=lambda field: form.position(field.id))
    return {name: field.section for name, field in last.items() if field.section is not None}


def submit_screen(hint: bool = False) -> Screen:
    """Shown under the pre-check: confirm, or back to the review (``hint``: use the buttons)."""
    return Screen(
        (
            *((CHOOSE_A_BUTTON,) if hint else ()),
            Message(
                N_(
                    "Submit now? Your unit's union officer will then review the registration; "
                    "you can change it only if it is returned to you."
                )
            ),
        ),
        (
            (
                Button(Message(N_("✅ Confirm and submit")), callbacks.data(callbacks.CONFIRM)),
                Button(Message(N_("◀ Back to the review")), callbacks.data(callbacks.REVIEW)),
            ),
        ),
    )


def submitted_screen(on_behalf: bool = False) -> Screen:
    """What happens next, said once the registration is submitted (by an officer for a worker)."""
    if on_behalf:
        return Screen(
            (
                Message(N_("The registration has been submitted.")),
                Message(
                    N_(
                        "It is reviewed at the unit, then by the levels above. Each decision "
                        "comes to you here, since the worker is not in this chat."
                    )
                ),
            )
        )
    return Screen(
        (
            Message(N_("Your registration has been submitted. Thank you.")),
            Message(
                N_(
                    "Next, your unit's union officer reviews it, then the levels above. I will "
                    "tell you here when it is approved or if anything needs correcting."
                )
            ),
        )
    )


def after_submission_screen(notes: tuple[Text, ...] = ()) -> Screen:
    """What a submitted registration answers to anything sent to it later."""
    return Screen(
        (
            *notes,
            Message(N_("Your registration is submitted, so it can no longer be changed here.")),
            Message(
                N_(
                    "Send /status to see where it stands. If something in it needs correcting, "
                    "please tell your union officer."
                )
            ),
        )
    )
