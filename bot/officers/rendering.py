"""The review's screens (:mod:`flows.review.card`) as Telegram messages, sent or edited in place.

Every officer's screen keeps the queue's "Next" button of the card it replaced, so that going
to a sub-screen (fields to return, the reason, the amount, the history) and back, or deciding,
never loses the officer's place in the queue; the place travels in the button's data.
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import Bot, InlineKeyboardMarkup, MaybeInaccessibleMessage
from telegram.error import BadRequest

from bot.registration.rendering import inline_keyboard
from flows.i18n import N_, Message, Translator
from flows.registration import Button, Screen, render_text
from flows.review import callbacks

log = logging.getLogger(__name__)

MAX_MESSAGE: Final = 4096
NEXT_LABEL: Final = Message(N_("⏭ Next"))


def text_of(screen: Screen, t: Translator) -> str:
    """The screen's lines, one a line, cut to what one Telegram message holds."""
    text = "\n".join(render_text(line, t) for line in screen.lines)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def keyboard_of(screen: Screen, t: Translator) -> InlineKeyboardMarkup | None:
    """The screen's inline buttons."""
    return inline_keyboard(screen, t)


def next_offset_of(message: MaybeInaccessibleMessage | None) -> int | None:
    """The queue offset the message's "Next" button leads to, if it has one."""
    markup = getattr(message, "reply_markup", None)
    if not isinstance(markup, InlineKeyboardMarkup):
        return None
    for row in markup.inline_keyboard:
        for button in row:
            pressed = callbacks.decode(str(button.callback_data or ""))
            if pressed is not None and pressed.action == callbacks.NEXT:
                return pressed.record_id
    return None


def with_next(screen: Screen, offset: int | None) -> Screen:
    """The screen with a "Next" row leading to ``offset`` (unless it has one, or no offset)."""
    if offset is None or any(
        button.data.startswith(f"{callbacks.PREFIX}{callbacks.NEXT}:")
        for row in screen.buttons
        for button in row
    ):
        return screen
    row = (Button(NEXT_LABEL, callbacks.data(callbacks.NEXT, offset, 0)),)
    return Screen(screen.lines, (*screen.buttons, row), screen.contact_button)


async def send(bot: Bot, chat_id: int, screen: Screen, t: Translator) -> int:
    """Send the screen as a new message; its id."""
    sent = await bot.send_message(chat_id, text_of(screen, t), reply_markup=keyboard_of(screen, t))
    return sent.message_id


async def edit(bot: Bot, chat_id: int, message_id: int, screen: Screen, t: Translator) -> bool:
    """Show the screen in place of the message; False if it cannot be edited any more."""
    try:
        await bot.edit_message_text(
            text_of(screen, t),
            chat_id=chat_id,
            message_id=message_id,
            reply_markup=keyboard_of(screen, t),
        )
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return True  # the same screen again: it is shown already
        # A message too old to edit, or deleted.
        log.info("Could not edit an officer's screen in place: %s", error.message)
        return False
    return True


async def show_in_place(
    bot: Bot, message: MaybeInaccessibleMessage | None, chat_id: int, screen: Screen, t: Translator
) -> None:
    """Edit the pressed message into the screen, or send the screen if that cannot be done."""
    if message is not None and await edit(bot, message.chat.id, message.message_id, screen, t):
        return
    await send(bot, chat_id, screen, t)
