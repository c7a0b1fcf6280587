"""Replies as part of an update's effect: stored before they are made, made again after a crash.

Handlers commit, then reply. Between the two a crash would leave the effect stored and the
reply never sent: the person answered a question and never sees the next one. So every call
that shows something to someone (send…, edit…, delete…, copy…, forward…) made while an
update is handled, after its effects were committed, is first stored in the outbox
(:mod:`storage.repositories.outbox`), made, then confirmed. Calls a handler knows before it
commits go into the very transaction of the commit (:func:`commit_and_send`), so that there is
no moment at which the effect is stored and its reply is not. At start, and every little
while, calls stored and never confirmed are made again.

This is at-least-once: a crash after Telegram took a message and before it was confirmed makes
it again, and the person sees it twice. Edits and deletions made twice change nothing.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import InputFile
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import JSONDict, ODVInput
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot
from telegram.request._requestparameter import RequestParameter

from bot import uow
from storage.crypto import Vault
from storage.database import writing
from storage.repositories import outbox as stored

log = logging.getLogger(__name__)

# Calls that show something to someone; reading calls (getMe, getFile …) and toasts (an
# expired query cannot be answered again) are made as they are.
SHOWING = ("send", "edit", "delete", "copy", "forward")
# Telegram's word for an edit that would change nothing: the edit is there already.
NOT_MODIFIED = "message is not modified"

_making = contextvars.ContextVar("songnuan_outbox_making", default=False)


class StoredFile(BaseModel):
    """A file a call uploads, kept with the call so that it can be uploaded again."""

    name: str
    mime_type: str
    content: str  # base64

    def input_file(self) -> InputFile:
        """The file as python-telegram-bot uploads it."""
        return InputFile(base64.b64decode(self.content), filename=self.name)


class Call(BaseModel):
    """One Bot API call: its method, its parameters, and what to do if Telegram refuses it."""

    endpoint: str
    params: dict[str, Any] = Field(default_factory=dict)
    files: dict[str, StoredFile] = Field(default_factory=dict)
    # Made instead when Telegram refuses this call (an edit of a message it cannot edit).
    or_else: list[Call] = Field(default_factory=list)

    @classmethod
    def of(cls, endpoint: str, data: Mapping[str, object], or_else: Sequence[Call] = ()) -> Call:
        """The call of ``endpoint`` with python-telegram-bot's parameters (markups, files)."""
        params: dict[str, Any] = {}
        files: dict[str, StoredFile] = {}
        for key, value in data.items():
            if value is None or value is DEFAULT_NONE:
                continue
            if isinstance(value, InputFile):
                files[key] = _stored_file(value)
                continue
            params[key] = RequestParameter.from_input(key, value).value
        return cls(endpoint=endpoint, params=params, files=files, or_else=list(or_else))

    def data(self) -> JSONDict:
        """The parameters to make the call with."""
        data: JSONDict = dict(self.params)
        for key, file in self.files.items():
            data[key] = file.input_file()
        return data

    @property
    def chat_id(self) -> object:
        """The chat the call is for, if it names one."""
        return self.params.get("chat_id")


def send_message(chat_id: int, text: str, reply_markup: object = None) -> Call:
    """sendMessage."""
    return Call.of("sendMessage", {"chat_id": chat_id, "text": text, "reply_markup": reply_markup})


def edit_message_text(
    chat_id: int,
    message_id: int,
    text: str,
    reply_markup: object = None,
    or_else: Sequence[Call] = (),
) -> Call:
    """editMessageText; ``or_else`` is made instead if the message cannot be edited."""
    data = {"chat_id": chat_id, "message_id": message_id, "text": text}
    return Call.of("editMessageText", {**data, "reply_markup": reply_markup}, or_else)


def edit_message_reply_markup(chat_id: int, message_id: int, reply_markup: object = None) -> Call:
    """editMessageReplyMarkup (no markup: the buttons go)."""
    data = {"chat_id": chat_id, "message_id": message_id, "reply_markup": reply_markup}
    return Call.of("editMessageReplyMarkup", data)


def delete_message(chat_id: int, message_id: int) -> Call:
    """deleteMessage."""
    return Call.of("deleteMessage", {"chat_id": chat_id, "message_id": message_id})


def _stored_file(file: InputFile) -> StoredFile:
    filename, content, mime_type = file.field_tuple
    if not isinstance(content, bytes):
        position = content.tell()
        raw = content.read()
        content.seek(position)
        content = raw if isinstance(raw, bytes) else raw.encode()
    return StoredFile(
        name=filename or "file",
        mime_type=mime_type,
        content=base64.b64encode(content).decode("ascii"),
    )


def _message_id(result: object) -> int | None:
    if isinstance(result, dict):
        ident = result.get("message_id")
        return int(ident) if isinstance(ident, int) else None
    return None


def _interrupted(error: TelegramError) -> bool:
    """Whether a failed call may not have reached Telegram (and is worth making again)."""
    return isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest)


class OutboxBot(ExtBot[None]):
    """The application's bot: calls that show something, made while an update is handled after
    its effects were committed, go through the outbox.

    Every handler commits before it shows anything; one that does not is recorded in
    ``early_replies`` (and logged), which the stand-in's tests hold to be empty.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._early_replies: list[str] = []

    @property
    def early_replies(self) -> list[str]:
        """The calls that showed something before their update was committed."""
        return self._early_replies

    async def _do_post(
        self,
        endpoint: str,
        data: JSONDict,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> bool | JSONDict | list[JSONDict]:
        timeouts = {
            "read_timeout": read_timeout,
            "write_timeout": write_timeout,
            "connect_timeout": connect_timeout,
            "pool_timeout": pool_timeout,
        }
        unit = uow.active()
        if unit is None or unit.outbox is None or _making.get() or not endpoint.startswith(SHOWING):
            return await super()._do_post(endpoint, data, **timeouts)
        if not unit.effects_committed:
            # A reply before the update is marked handled: a crash would make it twice.
            self._early_replies.append(f"{endpoint} {str(data.get('text', ''))[:50]!r}")
            log.warning("%s made before update %s was committed", endpoint, unit.update_id)
            return await super()._do_post(endpoint, data, **timeouts)
        journal = unit.outbox
        ident = await journal.store(unit.update_id, [Call.of(endpoint, data)])
        try:
            result = await super()._do_post(endpoint, data, **timeouts)
        except TelegramError as error:
            if not _interrupted(error):
                journal.confirm_soon(stored.Confirmation(ident, 1, finished=True))
            raise
        journal.confirm_soon(stored.Confirmation(ident, 1, True, _message_id(result)))
        return result

    async def make(self, call: Call) -> int | None:
        """Make a stored call; the message it made, if any. Raises if it may not have reached
        Telegram.

        A refused call is replaced by its ``or_else``; an edit that would change nothing is
        there already, so it counts as made.
        """
        token = _making.set(True)
        try:
            return _message_id(await self._post(call.endpoint, call.data()))
        except BadRequest as error:
            if NOT_MODIFIED in error.message.lower():
                return None
            if not call.or_else:
                log.info("Telegram refused a stored %s: %s", call.endpoint, error.message)
                return None
            made = None
            for other in call.or_else:
                made = await self.make(other) or made
            return made
        except Forbidden as error:
            log.info("Telegram refused a stored %s: %s", call.endpoint, error.message)
            return None
        finally:
            _making.reset(token)


class Outbox:
    """The outbox of one installation: stores calls, makes them, confirms them, makes again.

    Confirmations are written a moment later, many in one transaction: a crash in that moment
    costs at most a repeat of what was made just before it, never a loss.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], vault: Vault) -> None:
        self.sessions = sessions
        self.vault = vault
        self._confirmed: list[stored.Confirmation] = []
        # The task waiting CONFIRM_DELAY to write; once it writes it is no longer here.
        self._flushing: asyncio.Task[None] | None = None
        # One write of confirmations at a time: a flush returns only once those taken before
        # it are written too (a stop must not leave a write in flight to be cancelled).
        self._writing = asyncio.Lock()

    async def store(self, update_id: int | None, calls: Sequence[Call]) -> int:
        """Store calls in a transaction of their own (after the update's commit)."""
        async with writing(self.sessions) as session:
            return await self.store_in(session, update_id, calls)

    async def store_in(
        self, session: AsyncSession, update_id: int | None, calls: Sequence[Call]
    ) -> int:
        """Store calls in ``session``'s transaction (the update's own commit)."""
        contents = [call.model_dump(mode="json", exclude_defaults=True) for call in calls]
        return await stored.journal(session, self.vault, update_id, contents, _now())

    def confirm_soon(self, confirmation: stored.Confirmation) -> None:
        """Record, within a moment, how far a row's calls were made."""
        self._confirmed.append(confirmation)
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(CONFIRM_DELAY)
        # From here on it writes: a flush asked for meanwhile waits for it, never cancels it.
        if self._flushing is asyncio.current_task():
            self._flushing = None
        await self._write()

    async def flush(self) -> None:
        """Write the confirmations gathered so far (at once: before a stop, in tests), and
        wait for a write of them already under way."""
        waiting = self._flushing
        if waiting is not None and waiting is not asyncio.current_task():
            waiting.cancel()  # still waiting to write: nothing left for it to do
            self._flushing = None
        await self._write()

    async def _write(self) -> None:
        async with self._writing:
            while self._confirmed:
                confirmations, self._confirmed = self._confirmed, []
                try:
                    async with writing(self.sessions) as session:
                        await stored.confirm(session, confirmations, _now())
                except BaseException:
                    # Not written (the database away, the task cancelled): kept for the next
                    # flush, or the rows would stay unconfirmed and be made once more.
                    self._confirmed[:0] = confirmations
                    raise

    async def make_all(
        self, bot: OutboxBot, ident: int, calls: Sequence[Call], made: int = 0
    ) -> None:
        """Make a row's calls in order from ``made`` on, then confirm them; stop at one that
        may not have reached Telegram (the redelivery goes on from it, in order, later)."""
        message_id = None
        for index in range(made, len(calls)):
            try:
                message_id = await bot.make(calls[index]) or message_id
            except TelegramError as error:
                log.warning("A stored %s could not be made yet: %s", calls[index].endpoint, error)
                self.confirm_soon(stored.Confirmation(ident, index, finished=False))
                return
        self.confirm_soon(stored.Confirmation(ident, len(calls), True, message_id))

    async def redeliver(self, bot: OutboxBot, *, everything: bool = False) -> int:
        """Make the calls stored and never confirmed (all of them at start); how many rows."""
        await self.flush()
        now = _now()
        async with writing(self.sessions) as session:
            # At start no one else holds a claim: the process that did is gone, however
            # recently it claimed (a process killed right after its own start, say).
            claimed = await stored.claim_interrupted(
                session, self.vault, now, everything=everything
            )
            await stored.forget_sent(session, now - KEEP_CONFIRMED)
        if claimed:
            log.info("Making the Bot API calls of %d stored row(s) left unconfirmed", len(claimed))
        for row in claimed:
            calls = [Call.model_validate(content) for content in row.calls]
            await self.make_all(bot, row.ident, calls, row.made)
        await self.flush()
        return len(claimed)


# How long confirmations gather before they are written together.
CONFIRM_DELAY = 0.05
# Confirmed rows are kept a while so that a support person can see what was sent when.
KEEP_CONFIRMED = dt.timedelta(days=2)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def commit_and_send(unit: uow.UnitOfWork, bot: object, calls: Sequence[Call]) -> None:
    """Commit the update's work together with the calls that show it, then make them."""
    assert isinstance(bot, OutboxBot) and unit.outbox is not None
    ident = await unit.commit_with(calls)
    assert ident is not None
    await unit.outbox.make_all(bot, ident, calls)
