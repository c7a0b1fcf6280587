"""Handling updates exactly once: record, acknowledge, handle in order per chat, skip repeats.

python-telegram-bot's own polling acknowledges an update as soon as it is queued, so a crash
would lose the queue. Here every update is stored first (:mod:`storage.repositories.updates`),
handled inside a :class:`~bot.uow.UnitOfWork` whose commit marks it done, and whatever is left
undone at start is handled then. Updates of one chat are handled one after another, in order;
different chats proceed side by side.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update

from bot.context import SongnuanApplication
from bot.uow import UnitOfWork, UpdateAlreadyHandled
from storage.database import writing
from storage.repositories import updates

log = logging.getLogger(__name__)


def chat_key(update: Update) -> int:
    """The chat an update belongs to, for ordering (0 for updates without one)."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else 0


class Dispatcher:
    """Feeds stored updates to the application, one worker per chat."""

    def __init__(self, application: SongnuanApplication) -> None:
        self.application = application
        self._queues: dict[int, asyncio.Queue[Update]] = {}
        self._workers: set[asyncio.Task[None]] = set()

    async def receive(self, batch: list[Update]) -> None:
        """Store new updates (before they are acknowledged) and queue them for handling.

        A repeated delivery of an update already stored is not queued again: it is either
        handled already or waiting in a queue (or among the leftovers of the last run).
        """
        services = self.application.services
        try:
            async with writing(services.sessions) as session:
                new = await updates.record(
                    session, services.vault, [update.to_dict() for update in batch]
                )
        except Exception as error:
            # Never the error's text: it may quote what a user typed.
            log.warning(
                "Storing %d update(s) together failed (%s); storing them one by one",
                len(batch),
                type(error).__name__,
            )
            new = await self._record_each(batch)
        for update in batch:
            if update.update_id in new:
                self._enqueue(update)

    async def _record_each(self, batch: list[Update]) -> set[int]:
        """Store each update on its own; one that still fails is kept as rejected.

        A rejected update is acknowledged with the others, so it can never hold back the
        queue. If even its rejection cannot be written the database itself is failing: that
        error goes up, nothing is acknowledged and the batch is fetched again later.
        """
        services = self.application.services
        new: set[int] = set()
        for update in batch:
            try:
                async with writing(services.sessions) as session:
                    new |= await updates.record(session, services.vault, [update.to_dict()])
            except Exception as error:
                reason = type(error).__name__
                async with writing(services.sessions) as session:
                    await updates.reject(session, update.update_id, reason)
                log.error("Update %d cannot be stored (%s): not handled", update.update_id, reason)
        return new

    async def resume(self) -> int:
        """Make the replies left unconfirmed, then queue the updates stored but not handled
        before the last stop; how many updates."""
        application = self.application
        # Replies stored and never confirmed come first: they answer what came before.
        await application.outbox.redeliver(application.outbox_bot, everything=True)
        services = application.services
        async with services.sessions() as session:
            leftovers = await updates.pending(session, services.vault)
        bot = self.application.bot
        for payload in leftovers:
            self._enqueue(Update.de_json(payload, bot))
        if leftovers:
            log.info("Handling %d update(s) left from the last run", len(leftovers))
        return len(leftovers)

    async def join(self) -> None:
        """Wait until every queued update is handled and its replies confirmed."""
        while self._workers:
            await asyncio.gather(*list(self._workers))
        await self.application.outbox.flush()

    def _enqueue(self, update: Update) -> None:
        key = chat_key(update)
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = asyncio.Queue()
            worker = asyncio.create_task(self._work(key, queue), name=f"chat-{key}")
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)
        queue.put_nowait(update)

    async def _work(self, key: int, queue: asyncio.Queue[Update]) -> None:
        try:
            while not queue.empty():
                update = queue.get_nowait()
                try:
                    await self.handle(update)
                except Exception:
                    # Not marked done, so handled again at the next start; the chat goes on.
                    log.exception("Update %s failed outside its handlers", update.update_id)
        finally:
            del self._queues[key]

    async def handle(self, update: Update) -> None:
        """Handle one stored, not yet handled update; the handlers' commit marks it done."""
        application = self.application
        update_id = update.update_id
        sessions = application.services.sessions
        async with UnitOfWork(sessions, update_id, application.outbox) as unit:
            await application.process_update(update)
            try:
                await unit.commit()
            except UpdateAlreadyHandled:
                log.info("Update %d was handled by another worker first", update_id)
