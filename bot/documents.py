"""Supporting documents: copies kept in the data directory, encrypted, once a record is submitted.

Telegram keeps the files people send, and the record keeps their file ids; a copy in the data
directory lets the union keep its files when the bot's chats are gone. The copies hold ID card
and bank card pictures, so they are sealed with the same key as the answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from flows.forms import Form
from storage.crypto import Vault
from storage.private import private_dir, write_private

log = logging.getLogger(__name__)

_CONTEXT = b"document"
SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


def documents_of(form: Form, answers: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each file the answers hold, with a name for its copy: ``<field>-<n>``."""
    for field in form.fields:
        for number, file in enumerate(field.files(answers.get(field.id)), start=1):
            yield f"{field.id}-{number}", file


def folder_of(data_dir: Path, registration_id: int) -> Path:
    """Where a record's documents are kept."""
    return data_dir / "documents" / str(registration_id)


async def keep_copies(
    bot: Bot,
    vault: Vault,
    data_dir: Path,
    registration_id: int,
    form: Form,
    answers: Mapping[str, Any],
) -> int:
    """Download the record's files from the Bot API and store them sealed; how many."""
    folder = folder_of(data_dir, registration_id)
    kept = 0
    for name, file in documents_of(form, answers):
        try:
            remote = await bot.get_file(file["file_id"])
            content = bytes(await remote.download_as_bytearray())
        except TelegramError as error:
            log.warning("Could not download a document of record %d: %s", registration_id, error)
            continue
        private_dir(folder)
        suffix = SUFFIXES.get(str(file.get("mime_type")), "")
        sealed = vault.encrypt(content, context=_CONTEXT)
        write_private(folder / f"{name}{suffix}.sealed", sealed)
        kept += 1
    return kept


def open_copies(vault: Vault, data_dir: Path, registration_id: int) -> Iterator[tuple[str, bytes]]:
    """The record's kept documents, decrypted: (file name, content)."""
    folder = folder_of(data_dir, registration_id)
    for path in sorted(folder.glob("*.sealed")) if folder.is_dir() else []:
        yield path.name.removesuffix(".sealed"), vault.decrypt(path.read_bytes(), context=_CONTEXT)


def kept_copy(
    vault: Vault, data_dir: Path, registration_id: int, name: str
) -> tuple[str, bytes] | None:
    """One kept document (``<field>-<n>``), decrypted, with its file name; None if not kept."""
    folder = folder_of(data_dir, registration_id)
    found = sorted(folder.glob(f"{name}.*sealed")) if folder.is_dir() else []
    if not found:
        return None
    content = vault.decrypt(found[0].read_bytes(), context=_CONTEXT)
    return found[0].name.removesuffix(".sealed"), content


async def send_document(
    bot: Bot,
    chat_id: int,
    file: Mapping[str, Any],
    caption: str,
    copy: Callable[[], tuple[str, bytes] | None],
) -> bool:
    """Send a document by its Telegram file id, else from the kept ``copy``; False if neither.

    A file id is good only for the bot that received the file: a new bot token, or a chat
    stand-in started afresh, no longer knows it, while the union's copy is still here.
    """
    photo = file.get("kind") == "photo"
    try:
        if photo:
            await bot.send_photo(chat_id, file["file_id"], caption=caption)
        else:
            await bot.send_document(chat_id, file["file_id"], caption=caption)
        return True
    except BadRequest as error:
        log.info("A document's file id was refused (%s); sending the kept copy", error.message)
    kept = copy()
    if kept is None:
        return False
    kept_name, content = kept
    file_name = str(file.get("file_name") or kept_name)
    if photo:
        await bot.send_photo(chat_id, content, caption=caption, filename=file_name)
    else:
        await bot.send_document(chat_id, content, caption=caption, filename=file_name)
    return True
