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
from typing import Any

from telegram import Update

from bot.context import SongnuanApplication
from bot.uow import UnitOfWork, UpdateAlreadyHandled
from storage.database import writing
from storage.repositories import updates

log = logging.getLogger(__name__)


def chat_key(payload: dict[str, Any]) -> int:
    """The chat an update belongs to, for ordering (0 for updates without one)."""
    for kind in ("message", "edited_message", "callback_query", "my_chat_member"):
        body = payload.get(kind)
        if isinstance(body, dict):
            source = body.get("message") if kind == "callback_query" else body
            if isinstance(source, dict) and "chat" in source:
                return int(source["chat"]["id"])
            if "from" in body:
                return int(body["from"]["id"])
    return 0


class Dispatcher:
    """Feeds stored updates to the application, one worker per chat."""

    def __init__(self, application: SongnuanApplication) -> None:
        self.application = application
        self._queues: dict[int, asyncio.Queue[dict[str, Any]]] = {}
        self._workers: set[asyncio.Task[None]] = set()

    async def receive(self, payloads: list[dict[str, Any]]) -> None:
        """Store new updates (before they are acknowledged) and queue them for handling.

        A repeated delivery of an update already stored is not queued again: it is either
        handled already or waiting in a queue (or among the leftovers of the last run).
        """
        services = self.application.services
        async with writing(services.sessions) as session:
            new = await updates.record(session, services.vault, payloads)
        for payload in payloads:
            if payload["update_id"] in new:
                self._enqueue(payload)

    async def resume(self) -> int:
        """Queue the updates stored but not handled before the last stop; how many."""
        services = self.application.services
        async with services.sessions() as session:
            leftovers = await updates.pending(session, services.vault)
        for payload in leftovers:
            self._enqueue(payload)
        if leftovers:
            log.info("Handling %d update(s) left from the last run", len(leftovers))
        return len(leftovers)

    async def join(self) -> None:
        """Wait until every queued update is handled."""
        while self._workers:
            await asyncio.gather(*list(self._workers))

    def _enqueue(self, payload: dict[str, Any]) -> None:
        key = chat_key(payload)
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = asyncio.Queue()
            worker = asyncio.create_task(self._work(key, queue), name=f"chat-{key}")
            self._workers.add(worker)
            worker.add_done_callback(self._workers.discard)
        queue.put_nowait(payload)

    async def _work(self, key: int, queue: asyncio.Queue[dict[str, Any]]) -> None:
        try:
            while not queue.empty():
                payload = queue.get_nowait()
                try:
                    await self.handle(payload)
                except Exception:
                    # Not marked done, so handled again at the next start; the chat goes on.
                    log.exception("Update %s failed outside its handlers", payload["update_id"])
        finally:
            del self._queues[key]

    async def handle(self, payload: dict[str, Any]) -> None:
        """Handle one stored, not yet handled update; the handlers' commit marks it done."""
        application = self.application
        update_id = int(payload["update_id"])
        async with UnitOfWork(application.services.sessions, update_id) as unit:
            await application.process_update(Update.de_json(payload, application.bot))
            try:
                await unit.commit()
            except UpdateAlreadyHandled:
                log.info("Update %d was handled by another worker first", update_id)
