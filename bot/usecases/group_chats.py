"""Group chats: the bot serves private chats only and points a group there once."""

from __future__ import annotations

from bot.clock import Clock
from bot.uow import UnitOfWork
from storage.repositories import group_chats


async def first_word_in_group(uow: UnitOfWork, clock: Clock, chat_id: int) -> bool:
    """Whether the bot should point this group to the private chat: only the first time it is
    written in (remembered, so a restart does not repeat it)."""
    return await group_chats.first_answer(uow.session, chat_id, clock.now())
