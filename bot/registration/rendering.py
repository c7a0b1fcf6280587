"""Screens of the registration machine as Telegram messages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from flows.i18n import N_, Translator
from flows.registration import CONTACT_LABEL, Screen, render_text

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


@dataclass(frozen=True)
class Outgoing:
    """One message to send: its text and its keyboard."""

    text: str
    markup: Markup = None


def inline_keyboard(screen: Screen, t: Translator) -> InlineKeyboardMarkup | None:
    """The screen's buttons, row by row, or none."""
    if not screen.buttons:
        return None
    return _keyboard(
        tuple(
            tuple((render_text(button.label, t), button.data) for button in row)
            for row in screen.buttons
        )
    )


@lru_cache(maxsize=4096)
def _keyboard(rows: tuple[tuple[tuple[str, str], ...], ...]) -> InlineKeyboardMarkup:
    # The same questions are asked of everyone, and Telegram's objects are immutable and slow
    # to build, so each keyboard is built once.
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def messages_of(screen: Screen, t: Translator) -> list[Outgoing]:
    """The message(s) that show ``screen``.

    A Telegram message carries one keyboard: the inline buttons, or the reply keyboard with
    the "share my phone number" button. A screen that needs both is shown as the question
    with its inline buttons, then a short line that brings up the phone's button.
    """
    text = "\n".join(render_text(line, t) for line in screen.lines)
    shown = [Outgoing(text, inline_keyboard(screen, t))]
    if screen.contact_button:
        contact = ReplyKeyboardMarkup(
            [[KeyboardButton(render_text(CONTACT_LABEL, t), request_contact=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        if screen.buttons:
            shown.append(Outgoing(t(SHARE_HINT), contact))
        else:
            shown = [Outgoing(text, contact)]
    return shown


SHARE_HINT = N_("Or tap the button below to share the number of this phone.")


def without_reply_keyboard(messages: list[Outgoing]) -> list[Outgoing]:
    """Take the phone's reply keyboard away with the first message that has no keyboard."""
    for index, message in enumerate(messages):
        if message.markup is None:
            changed = Outgoing(message.text, ReplyKeyboardRemove())
            return [*messages[:index], changed, *messages[index + 1 :]]
    return messages
