"""How a turn of the registration shows on Telegram: one message a turn where it can be."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.outbox import (
    Call,
    delete_message,
    edit_message_reply_markup,
    edit_message_text,
    send_message,
)
from bot.registration.rendering import Outgoing, messages_of, without_reply_keyboard
from flows.forms import Form
from flows.i18n import N_, Translator
from flows.registration import RegistrationState, SensitiveInputRead, Step, render_text

KEYBOARD_PUT_AWAY = N_("The button that shares your phone number comes back with that question.")

MAX_MESSAGE = 4096


def plan_reply(
    update: Update,
    t: Translator,
    form: Form,
    before: RegistrationState,
    result: Step,
    extra: list[str],
) -> list[Call]:
    """The calls that show a turn's outcome: notes (an echo, the pre-check), the next screens.

    A toggle or another page edits the question in place; an answered question keeps its text
    and loses its buttons; a message that carried a sensitive number is deleted. They are
    planned before the turn is committed, and stored with it (see :mod:`bot.outbox`).
    """
    message = update.effective_message
    assert message is not None
    chat_id = message.chat_id
    outgoing: list[Outgoing] = []
    for screen in result.screens:
        outgoing.extend(messages_of(screen, t))
    # Leaving the phone question in any way takes its "share my number" keyboard away, which
    # only a new message can do.
    phone_keyboard_goes = _phone_keyboard_shown(form, before) and not any(
        screen.contact_button for screen in result.screens
    )
    calls: list[Call] = []
    query = update.callback_query
    if query is not None:
        calls.append(Call.of("answerCallbackQuery", {"callback_query_id": query.id}))
        in_place = not extra and not phone_keyboard_goes
        if in_place and _same_question(before, result, outgoing):
            sends = [send_message(chat_id, item.text, item.markup) for item in outgoing]
            item = outgoing[0]
            edit = edit_message_text(
                chat_id,
                message.message_id,
                item.text,
                item.markup,
                # A message Telegram will not edit keeps its text, loses its buttons, and the
                # question comes anew.
                or_else=[edit_message_reply_markup(chat_id, message.message_id), *sends],
            )
            return [*calls, edit]
        calls.append(edit_message_reply_markup(chat_id, message.message_id))
    notes = list(extra)
    for effect in result.effects:
        if isinstance(effect, SensitiveInputRead):
            if query is None:
                calls.append(delete_message(chat_id, message.message_id))
            notes.insert(0, render_text(effect.masked_echo, t))
    if phone_keyboard_goes:
        if not notes and all(item.markup is not None for item in outgoing):
            # Only a message of its own can take the phone's keyboard away.
            notes = [t(KEYBOARD_PUT_AWAY)]
        outgoing = without_reply_keyboard([*map(Outgoing, notes), *outgoing])
    else:
        outgoing = _with_notes(notes, outgoing)
    calls.extend(send_message(chat_id, item.text, item.markup) for item in outgoing)
    return calls


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
        and form.has_field(cursor)
        and form.field(cursor).takes_contact
    )


def _same_question(before: RegistrationState, result: Step, outgoing: list[Outgoing]) -> bool:
    """A toggle or another page changes the question's message itself, not a new one.

    Only inline buttons can change in place; a reply keyboard needs a new message.
    """
    return (
        result.state.phase == before.phase
        and result.state.cursor == before.cursor
        and result.state.sub == before.sub
        and len(result.screens) == 1
        and len(outgoing) == 1
        and not result.effects
        and result.state.answers == before.answers
        and result.state != before
        and isinstance(outgoing[0].markup, InlineKeyboardMarkup | None)
    )


async def say(update: Update, text: str) -> None:
    """Answer a press, if it was one, and write ``text``."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    message = update.effective_message
    assert message is not None
    await message.get_bot().send_message(message.chat_id, text)
