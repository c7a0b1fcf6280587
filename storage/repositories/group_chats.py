"""The groups the bot has answered once (it serves private chats only)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import GroupChat


async def first_answer(session: AsyncSession, chat_id: int, now: dt.datetime) -> bool:
    """Whether the bot has not answered this group before; from now on it has."""
    if await session.get(GroupChat, chat_id) is not None:
        return False
    session.add(GroupChat(chat_id=chat_id, answered_at=now))
    return True
