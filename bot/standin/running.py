"""The real application, handlers, job queue and database, running against the stand-in."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from telegram import Update
from telegram.ext import BaseRateLimiter

from bot.app import build_application, publish_commands
from bot.context import Services, SongnuanApplication
from bot.dispatch import Dispatcher
from bot.reminders import schedule_reminders
from bot.standin.chats import Chat
from bot.standin.request import StandInRequest
from bot.standin.server import BotApiStandIn
from bot.standin.users import SimulatedUser

STAND_IN_TOKEN = "5550001:STAND-IN"


class StandInBot:
    """Runs the bot on a :class:`BotApiStandIn`; :meth:`settle` handles whatever users sent.

    With ``reminders`` the reminder job runs on the job queue as in production (tests leave it
    off and call :func:`bot.reminders.run_due_reminders` with their own clock).

    Updates go the way they go in production: fetched with getUpdates, stored before the next
    fetch acknowledges them, handled by the :class:`~bot.dispatch.Dispatcher`.
    """

    def __init__(
        self,
        services: Services,
        server: BotApiStandIn | None = None,
        rate_limiter: BaseRateLimiter[Any] | None = None,
        reminders: bool = False,
    ) -> None:
        self.server = server or BotApiStandIn()
        self.application: SongnuanApplication = build_application(
            services,
            request=StandInRequest(self.server),
            rate_limiter=rate_limiter,
            token=STAND_IN_TOKEN,
        )
        if reminders:
            schedule_reminders(self.application)
        self.dispatcher = Dispatcher(self.application)
        self._offset: int | None = None

    @property
    def services(self) -> Services:
        """The installation's services."""
        return self.application.services

    async def start(self) -> None:
        """Connect, publish the commands, start the job queue and handle leftovers."""
        await self.application.initialize()
        await publish_commands(self.application)
        await self.application.start()
        await self.dispatcher.resume()
        await self.dispatcher.join()

    async def stop(self) -> None:
        """Finish the work in hand and stop."""
        await self.dispatcher.join()
        await self.application.stop()
        await self.application.shutdown()

    async def __aenter__(self) -> StandInBot:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def settle(self) -> None:
        """Fetch and handle updates until none are left."""
        while True:
            batch = await self.application.bot.get_updates(
                offset=self._offset, timeout=0, allowed_updates=Update.ALL_TYPES
            )
            if not batch:
                return
            await self.dispatcher.receive(list(batch))
            self._offset = batch[-1].update_id + 1
            await self.dispatcher.join()
            early = self.application.outbox_bot.early_replies
            if early:
                # A handler showed something before its update was committed: a crash there
                # would show it twice, or show what was never stored.
                raise AssertionError(f"replied before committing: {early}")

    def user(
        self,
        user_id: int,
        first_name: str = "王芳",
        language_code: str | None = "zh-hans",
        username: str | None = None,
    ) -> SimulatedUser:
        """A simulated user whose every action is handled before it returns."""
        return SimulatedUser(
            self.server, user_id, first_name, language_code, username, settle=self.settle
        )

    def group(self, chat_id: int = -1001, title: str = "国库处职工群") -> Chat:
        """A group chat the bot was added to; members write in it with ``send_in``."""
        return self.server.open_group(chat_id, title)
