"""The baseline of the registration benchmark: a bot that answers every text with the same text.

It is built the way :func:`bot.app.build_application` builds the real bot (the same
``SongnuanApplication``, context type and stand-in request), with one ``MessageHandler`` instead
of the real handlers, so what the two cost apart is the registration's own work.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.context import BotContext, Services, SongnuanApplication
from bot.dispatch import Dispatcher
from bot.standin.request import StandInRequest
from bot.standin.running import STAND_IN_TOKEN


async def echo(update: Update, context: BotContext) -> None:
    """Send the text back to the chat it came from."""
    message = update.effective_message
    assert message is not None and message.text is not None
    await message.get_bot().send_message(message.chat_id, message.text)


def build_echo_application(services: Services, request: StandInRequest) -> SongnuanApplication:
    """The echo bot, talking to the Bot API through ``request``."""
    application = (
        ApplicationBuilder()
        .application_class(SongnuanApplication, kwargs={"services": services})
        .context_types(ContextTypes(context=BotContext))
        .token(STAND_IN_TOKEN)
        .updater(None)
        .request(request)
        .get_updates_request(request)
        .build()
    )
    assert isinstance(application, SongnuanApplication)
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return application


class BareDispatcher(Dispatcher):
    """python-telegram-bot alone: no update ledger, no unit of work, one task per chat.

    Shows what the exactly-once ledger of :mod:`bot.dispatch` costs on its own.
    """

    async def receive(self, batch: list[Update]) -> None:
        """Queue the updates without storing them."""
        for update in batch:
            self._enqueue(update)

    async def handle(self, update: Update) -> None:
        """Hand the update straight to the application."""
        await self.application.process_update(update)
