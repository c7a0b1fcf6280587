"""The registration conversation: a pure state machine over a form (see :mod:`.machine`).

Public API: :func:`step`, :class:`RegistrationState`, :func:`new_state`,
:func:`start_correction`, the events, the effects, :class:`Screen`/:class:`Button` and
:func:`render_text`. Nothing here knows Telegram or the database.
"""

from __future__ import annotations

from flows.forms.parsing.files import FileRef
from flows.registration.effects import (
    AnswerAccepted,
    ConsentDeclined,
    ConsentGiven,
    DeleteConfirmed,
    DeleteRequested,
    Effect,
    Paused,
    SensitiveInputRead,
    Step,
    SubmitConfirmed,
    SubmitRequested,
    UniqueCheck,
)
from flows.registration.events import (
    Back,
    ButtonPressed,
    ContactShared,
    DeleteDraft,
    DuplicateFound,
    Event,
    FileSent,
    Pause,
    Resume,
    Skip,
    TextInput,
    Unsupported,
    duplicate_found,
)
from flows.registration.machine import step
from flows.registration.screens import CONTACT_LABEL, Button, Screen, Text, render_text
from flows.registration.state import Phase, RegistrationState, new_state, start_correction

__all__ = [
    "CONTACT_LABEL",
    "AnswerAccepted",
    "Back",
    "Button",
    "ButtonPressed",
    "ConsentDeclined",
    "ConsentGiven",
    "ContactShared",
    "DeleteConfirmed",
    "DeleteDraft",
    "DeleteRequested",
    "DuplicateFound",
    "Effect",
    "Event",
    "FileRef",
    "FileSent",
    "Pause",
    "Paused",
    "Phase",
    "RegistrationState",
    "Resume",
    "Screen",
    "SensitiveInputRead",
    "Skip",
    "Step",
    "SubmitConfirmed",
    "SubmitRequested",
    "Text",
    "TextInput",
    "UniqueCheck",
    "Unsupported",
    "duplicate_found",
    "new_state",
    "render_text",
    "start_correction",
    "step",
]
