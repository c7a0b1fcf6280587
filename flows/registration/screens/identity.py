"""Showing what a resident ID number tells (sex, birth date, age) for the person to confirm."""

from __future__ import annotations

import datetime as dt

from flows.forms.kinds import Field
from flows.forms.kinds.resident_id import derived_lines
from flows.forms.masking import mask_number
from flows.forms.texts import Text, labelled
from flows.i18n import N_, Message
from flows.registration import callbacks
from flows.registration.screens import Button, Screen


def confirm_screen(
    field: Field, number: str, today: dt.date, notes: tuple[Text, ...] = ()
) -> Screen:
    """Is this right? Yes / No, re-enter."""
    return Screen(
        (
            *notes,
            labelled(field.label, mask_number(number)),
            Message(N_("This number says:")),
            *derived_lines(number, today),
            Message(N_("Is this right?")),
        ),
        (
            (
                Button(
                    Message(N_("✅ Yes, that is right")), callbacks.data(callbacks.OK, field.id)
                ),
                Button(Message(N_("✏️ No, re-enter")), callbacks.data(callbacks.REDO, field.id)),
            ),
        ),
    )
