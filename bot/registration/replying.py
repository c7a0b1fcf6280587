"""How a turn of the registration shows on Telegram: one message a turn where it can be."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.registration.rendering import Outgoing, messages_of, without_reply_keyboard
from flows.forms import Form
from flows.i18n import N_, Translator
from flows.registration import RegistrationState, SensitiveInputRead, Step, render_text

log = logging.getLogger(__name__)

KEYBOARD_PUT_AWAY = N_("The button that shares your phone number comes back with that question.")

MAX_MESSAGE = 4096


async def reply(
    update: Update,
    t: Translator,
    form: Form,
    before: RegistrationState,
    result: Step,
    extra: list[str],
) -> None:
    """Show a turn's outcome: notes (an echo, the pre-check) and the next screens.

    A toggle or another page edits the question in place; an answered question keeps its text
    and loses its buttons; a message that carried a sensitive number is deleted.
    """
    outgoing: list[Outgoing] = []
    for screen in result.screens:
        outgoing.extend(messages_of(screen, t))
    # Leaving the phone question in any way takes its "share my number" keyboard away, which
    # only a new message can do.
    phone_keyboard_goes = _phone_keyboard_shown(form, before) and not any(
        screen.contact_button for screen in result.screens
    )
    query = update.callback_query
    if query is not None:
        await query.answer()
        in_place = not extra and not phone_keyboard_goes
        if in_place and await _edited_in_place(update, before, result, outgoing):
            return
        await _drop_keyboard(update)
    notes = list(extra)
    for effect in result.effects:
        if isinstance(effect, SensitiveInputRead):
            await _hide_sensitive_message(update)
            notes.insert(0, render_text(effect.masked_echo, t))
    if phone_keyboard_goes:
        if not notes and all(item.markup is not None for item in outgoing):
            # Only a message of its own can take the phone's keyboard away.
            notes = [t(KEYBOARD_PUT_AWAY)]
        outgoing = without_reply_keyboard([*map(Outgoing, notes), *outgoing])
    else:
        outgoing = _with_notes(notes, outgoing)
    message = update.effective_message
    assert message is not None
    for item in outgoing:
        await message.get_bot().send_message(message.chat_id, item.text, reply_markup=item.markup)


def _with_notes(notes: list[str], outgoing: list[Outgoing]) -> list[Outgoing]:
    """Notes (an echo, the pre-check) head the next question's message: one message a turn."""
    if not notes:
        return outgoing
    if not outgoing:
        return [Outgoing(note) for note in notes]
    first = outgoing[0]
    text = "\n\n".join([*notes, first.text])
    if len(text) > MAX_MESSAGE:
        return [*(Outgoing(note) for note in notes), *outgoing]
    return [Outgoing(text, first.markup), *outgoing[1:]]


def _phone_keyboard_shown(form: Form, before: RegistrationState) -> bool:
    """Whether the question just answered offered the phone's "share my number" keyboard."""
    cursor = before.cursor
    return (
        cursor is not None
        and not before.on_behalf
        and any(field.id == cursor and field.type == "phone" for field in form.fields)
    )


async def _edited_in_place(
    update: Update, before: RegistrationState, result: Step, outgoing: list[Outgoing]
) -> bool:
    """A toggle or another page changes the question's message itself, not a new one."""
    query = update.callback_query
    assert query is not None and isinstance(query.message, object)
    same_question = (
        result.state.phase == before.phase
        and result.state.cursor == before.cursor
        and result.state.sub == before.sub
        and len(result.screens) == 1
        and len(outgoing) == 1
        and not result.effects
        and result.state.answers == before.answers
        and result.state != before
    )
    item = outgoing[0]
    # Only inline buttons can change in place; a reply keyboard needs a new message.
    if not same_question or not isinstance(item.markup, InlineKeyboardMarkup | None):
        return False
    try:
        await query.edit_message_text(item.text, reply_markup=item.markup)
    except BadRequest as error:
        log.info("Could not edit the question in place: %s", error.message)
        return False
    return True


async def _drop_keyboard(update: Update) -> None:
    """An answered question keeps its text but loses its buttons, like a filled-in line."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as error:
        log.info("Could not remove the answered question's buttons: %s", error.message)


async def _hide_sensitive_message(update: Update) -> None:
    """Delete the person's message that carried a full ID or card number from the chat."""
    message = update.effective_message
    if message is None or update.callback_query is not None:
        return
    try:
        await message.delete()
    except BadRequest as error:
        log.info("Could not delete a message with a sensitive number: %s", error.message)


async def say(update: Update, text: str) -> None:
    """Answer a press, if it was one, and write ``text``."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    message = update.effective_message
    assert message is not None
    await message.get_bot().send_message(message.chat_id, text)
