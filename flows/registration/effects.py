"""What the bot must do besides showing the screens, and the result of one step."""

from __future__ import annotations

from dataclasses import dataclass

from flows.forms.texts import Text
from flows.registration.screens import Screen
from flows.registration.state import RegistrationState


@dataclass(frozen=True)
class AnswerAccepted:
    """An answer (or an answer derived from the ID) was stored in the state."""

    field_id: str
    value: object


@dataclass(frozen=True)
class UniqueCheck:
    """Apply this step's state only if no other registration of the campaign holds ``value``.

    If one does, keep the old state and call ``step(form, old_state, DuplicateFound(field_id))``.
    """

    field_id: str
    value: str


@dataclass(frozen=True)
class SensitiveInputRead:
    """The person's last message carried a sensitive number: delete it, show the echo instead."""

    masked_echo: Text


@dataclass(frozen=True)
class ConsentGiven:
    """Record the consent to the processing of sensitive personal information (PIPL art. 29)."""


@dataclass(frozen=True)
class ConsentDeclined:
    """The person declined; no sensitive question will be asked."""


@dataclass(frozen=True)
class SubmitRequested:
    """Run the policy pre-check and show it above the screens (Confirm: ``r:confirm``)."""


@dataclass(frozen=True)
class SubmitConfirmed:
    """Store the record as submitted (check the intake deadline and uniqueness first)."""


@dataclass(frozen=True)
class DeleteRequested:
    """The person asked to delete the draft; the screens ask to confirm."""


@dataclass(frozen=True)
class DeleteConfirmed:
    """Delete the draft."""


@dataclass(frozen=True)
class Paused:
    """The person paused; the draft is kept as it is."""


Effect = (
    AnswerAccepted
    | UniqueCheck
    | SensitiveInputRead
    | ConsentGiven
    | ConsentDeclined
    | SubmitRequested
    | SubmitConfirmed
    | DeleteRequested
    | DeleteConfirmed
    | Paused
)


@dataclass(frozen=True)
class Step:
    """One step's result: the new state, the screens to show in order, the effects."""

    state: RegistrationState
    screens: tuple[Screen, ...]
    effects: tuple[Effect, ...] = ()
