"""What the conversation shows, neutral of any messenger: lines of text and rows of buttons.

One :class:`Screen` is one message. Button data is at most 64 bytes and starts with ``r:``
(see :mod:`flows.registration.callbacks`); a screen with ``contact_button`` also offers the
messenger's "share my phone number" button (its label: :data:`CONTACT_LABEL`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from flows.forms.texts import Joined, Text, render_text
from flows.i18n import N_, Message

__all__ = ["CONTACT_LABEL", "Button", "Joined", "Screen", "Text", "render_text"]

CONTACT_LABEL: Final = Message(N_("📱 Share my phone number"))


@dataclass(frozen=True)
class Button:
    """A button: what it says and the callback data it sends back."""

    label: Text
    data: str


@dataclass(frozen=True)
class Screen:
    """One message: its lines (shown one per line) and its buttons, row by row."""

    lines: tuple[Text, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()
    contact_button: bool = False
