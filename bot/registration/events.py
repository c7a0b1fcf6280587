"""From a Telegram update to the event the registration machine understands."""

from __future__ import annotations

from telegram import Message, Update

from flows.registration import (
    ButtonPressed,
    ContactShared,
    Event,
    FileRef,
    FileSent,
    Resume,
    TextInput,
    Unsupported,
)
from flows.reminders import RESUME_DATA


def event_of(update: Update) -> Event:
    """The person's action in ``update``: text, a pressed button, a contact, a file, or other."""
    query = update.callback_query
    if query is not None:
        # A reminder's button opens the draft where the person stopped.
        return Resume() if query.data == RESUME_DATA else ButtonPressed(query.data or "")
    message = update.effective_message
    if message is None:
        return Unsupported("nothing")
    if message.contact is not None:
        sender = message.from_user
        own = sender is not None and message.contact.user_id == sender.id
        return ContactShared(message.contact.phone_number, own=own)
    file = file_of(message)
    if file is not None:
        return FileSent(file)
    if message.text is not None:
        return TextInput(message.text)
    return Unsupported(_kind(message))


def file_of(message: Message) -> FileRef | None:
    """The photo (its largest size) or document the message carries, if any."""
    if message.photo:
        largest = message.photo[-1]
        return FileRef(
            file_id=largest.file_id,
            file_unique_id=largest.file_unique_id,
            kind="photo",
            file_size=largest.file_size,
        )
    document = message.document
    if document is not None:
        return FileRef(
            file_id=document.file_id,
            file_unique_id=document.file_unique_id,
            kind="document",
            mime_type=document.mime_type,
            file_size=document.file_size,
            file_name=document.file_name,
        )
    return None


def _kind(message: Message) -> str:
    for kind in ("sticker", "voice", "video", "audio", "location", "video_note", "animation"):
        if getattr(message, kind, None) is not None:
            return kind
    return "other"
