"""Telegram accounts: who they are, their language, role and unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Role
from storage.models import Unit, User

# Built once: every update looks up its sender.
_BY_TELEGRAM_ID = select(User).where(User.telegram_id == bindparam("telegram_id"))


async def get_by_telegram_id(session: AsyncSession, telegram_id: int) -> User | None:
    """The user with this Telegram id, if the bot has met them."""
    result = await session.execute(_BY_TELEGRAM_ID, {"telegram_id": telegram_id})
    return result.scalar_one_or_none()


async def get_or_create(session: AsyncSession, telegram_id: int, display_name: str) -> User:
    """The user with this Telegram id, created as a worker on first contact."""
    user = await get_by_telegram_id(session, telegram_id)
    if user is None:
        user = User(telegram_id=telegram_id, display_name=display_name, role=Role.WORKER)
        session.add(user)
        await session.flush()
    elif display_name and user.display_name != display_name:
        user.display_name = display_name
    return user


async def get(session: AsyncSession, user_id: int) -> User | None:
    """The user with this database id."""
    return await session.get(User, user_id)


def mark_blocked(user: User, at: dt.datetime) -> None:
    """Remember that the user blocked the bot, so nothing more is sent to them."""
    user.blocked_at = at


async def officers_with_units(
    session: AsyncSession, roles: Collection[str], unit_id: int | None = None
) -> list[tuple[User, Unit]]:
    """The accounts holding one of ``roles`` (of ``unit_id`` if given), with their unit, by unit
    code and Telegram id."""
    query = (
        select(User, Unit)
        .join(Unit, User.unit_id == Unit.id)
        .where(User.role.in_(list(roles)))
        .order_by(Unit.code, User.telegram_id)
    )
    if unit_id is not None:
        query = query.where(User.unit_id == unit_id)
    return [(user, unit) for user, unit in (await session.execute(query)).all()]
