"""What every handler can reach: the services of the installation and the update's unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot import uow
from bot.clock import Clock
from bot.outbox import Outbox, OutboxBot
from bot.settings import Settings
from storage.crypto import Vault


@dataclass(frozen=True)
class Services:
    """The installation's long-lived collaborators, made once in :func:`bot.app.build`."""

    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    vault: Vault
    clock: Clock


class SongnuanApplication(Application[Any, Any, Any, Any, Any, Any]):
    """A python-telegram-bot Application that carries the :class:`Services`."""

    def __init__(self, *, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.outbox = Outbox(services.sessions, services.vault)

    @property
    def outbox_bot(self) -> OutboxBot:
        """The bot, which stores its replies in the outbox (see :mod:`bot.outbox`)."""
        assert isinstance(self.bot, OutboxBot)
        return self.bot


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The callback context of Songnuan's handlers."""

    @property
    def services(self) -> Services:
        """The installation's services."""
        application = self.application
        assert isinstance(application, SongnuanApplication)
        return application.services

    @property
    def uow(self) -> uow.UnitOfWork:
        """The unit of work of the update being handled."""
        return uow.current()

    @property
    def session(self) -> AsyncSession:
        """The database session of the update being handled."""
        return uow.current().session
