"""What the person did, as the conversation sees it (the bot makes one from each update)."""

from __future__ import annotations

from dataclasses import dataclass

from flows.access.scope import Actor
from flows.forms.parsing.files import FileRef


@dataclass(frozen=True)
class TextInput:
    """A text message."""

    text: str


@dataclass(frozen=True)
class ButtonPressed:
    """An inline button was pressed; ``data`` is its callback data (``r:…``)."""

    data: str


@dataclass(frozen=True)
class ContactShared:
    """A contact was shared; its number as Telegram gives it.

    ``own``: the contact card is the sender's own (the phone question's button shares it);
    anyone's card can be sent from the phone's contacts, and that one is not the answer.
    """

    phone_number: str
    own: bool


@dataclass(frozen=True)
class FileSent:
    """A photo or a document."""

    file: FileRef


@dataclass(frozen=True)
class Unsupported:
    """A message the conversation cannot read: a sticker, a voice message, a location …"""

    kind: str


@dataclass(frozen=True)
class Back:
    """Go back to the previous question."""


@dataclass(frozen=True)
class Skip:
    """Skip an optional question."""


@dataclass(frozen=True)
class Resume:
    """``/register``: show where the person stopped."""


@dataclass(frozen=True)
class Pause:
    """``/cancel``: stop for now, keep everything."""


@dataclass(frozen=True)
class DeleteDraft:
    """Ask to delete the draft (confirmed by a button)."""


@dataclass(frozen=True)
class DuplicateFound:
    """The bot found the value of a unique field (the resident ID) in another registration.

    Send it with the state from *before* the step whose :class:`~.effects.UniqueCheck` failed.
    ``record_id``: the holder's number, when the person may know it (:func:`duplicate_found`).
    """

    field_id: str
    record_id: int | None = None


def duplicate_found(
    field_id: str, actor: Actor, holder_id: int, holder_unit_id: int
) -> DuplicateFound:
    """The event for a value another registration holds, as ``actor`` may learn of it.

    A worker learns that a record exists, never whose; an officer whose scope holds the record
    is told its number (they are the union officer a worker would be sent to).
    """
    in_scope = actor.is_officer and actor.scope.covers(holder_unit_id)
    return DuplicateFound(field_id, holder_id if in_scope else None)


Event = (
    TextInput
    | ButtonPressed
    | ContactShared
    | FileSent
    | Unsupported
    | Back
    | Skip
    | Resume
    | Pause
    | DeleteDraft
    | DuplicateFound
)
