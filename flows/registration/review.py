"""The review: every answer (sensitive ones masked), computed values, problems, Edit buttons."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from flows.forms.checks import Severity, failure, severity
from flows.forms.computed import computed_values
from flows.forms.display import entry, shown, shown_derived
from flows.forms.parsing.choices import CHOOSE_A_BUTTON
from flows.forms.schema import DERIVED_FROM_ID, DERIVED_LABELS, Field, Form
from flows.forms.texts import Joined, Text, labelled
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.navigation import relevant
from flows.registration.screens import Button, Screen
from flows.registration.state import RegistrationState

EDIT_BUTTONS_PER_ROW: Final = 6
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
    fields = relevant(form, state.answers)
    return [field for field in fields if state.only is None or field.id in state.only]


def review_screen(form: Form, state: RegistrationState, notes: tuple[Text, ...] = ()) -> Screen:
    """Every relevant answer numbered, with an Edit button per number, Submit and Delete."""
    answers: dict[str, object] = dict(state.answers)
    lines: list[Text] = [*notes, Message(N_("Please check your answers:"))]
    numbers: dict[str, int] = {}
    for number, field in enumerate(relevant(form, answers), start=1):
        numbers[field.id] = number
        lines.append(
            Joined((f"{number}. ", labelled(field.label, shown(field, answers.get(field.id)))))
        )
        if field.type == "resident_id" and field.id in answers:
            lines.extend(
                Joined(("    ", labelled(DERIVED_LABELS[name], shown_derived(name, answers[name]))))
                for name in DERIVED_FROM_ID
                if name in answers
            )
        entries = answers.get(field.id)
        if field.type == "group" and isinstance(entries, list):
            lines.extend(
                Joined((f"    {index}) ", entry(field, item)))
                for index, item in enumerate(entries, start=1)
                if isinstance(item, dict)
            )
    lines.extend(computed_lines(form, answers))
    lines.extend(Joined(("⚠️ ", message)) for message in problems(form, answers))
    lines.extend(Joined(("❕ ", message)) for message in warnings(form, answers))
    if state.only is not None:
        lines.append(
            Message(N_("Returned for correction: only the flagged answers can be changed."))
        )
    lines.append(Message(N_("To change an answer, press its number.")))
    edits = [
        Button(f"✏️ {numbers[field.id]}", callbacks.data(callbacks.EDIT, field.id))
        for field in editable(form, state)
    ]
    rows = [
        tuple(edits[start : start + EDIT_BUTTONS_PER_ROW])
        for start in range(0, len(edits), EDIT_BUTTONS_PER_ROW)
    ]
    rows.append((Button(Message(N_("📨 Submit")), callbacks.data(callbacks.SUBMIT)),))
    rows.append((Button(Message(N_("🗑 Delete this draft")), callbacks.data(callbacks.DELETE)),))
    return Screen(tuple(lines), tuple(rows))


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
