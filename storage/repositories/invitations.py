"""Invitation codes: deep links that bind a Telegram account to a role and a unit."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invitation, Unit

# 16 url-safe characters: 96 bits, well inside the 64 characters a deep-link payload allows.
CODE_BYTES = 12


def new_code() -> str:
    """A fresh random code that does not start with "-" (``invite revoke -x…`` reads an option)."""
    while (code := secrets.token_urlsafe(CODE_BYTES)).startswith("-"):
        pass
    return code


def create(
    session: AsyncSession,
    *,
    role: str,
    unit_id: int,
    expires_at: dt.datetime,
    max_uses: int | None,
    created_by_user_id: int | None,
) -> Invitation:
    """A new invitation with a fresh random code (``max_uses`` None: until it expires)."""
    invitation = Invitation(
        code=new_code(),
        role=role,
        unit_id=unit_id,
        expires_at=expires_at,
        max_uses=max_uses,
        created_by_user_id=created_by_user_id,
    )
    session.add(invitation)
    return invitation


async def by_code(session: AsyncSession, code: str) -> Invitation | None:
    """The invitation with this code."""
    return await session.scalar(select(Invitation).where(Invitation.code == code))


async def claim(session: AsyncSession, invitation: Invitation, now: dt.datetime) -> bool:
    """Count one use, atomically: False if it expired, ran out or was revoked meanwhile."""
    result = await session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
            or_(Invitation.max_uses.is_(None), Invitation.uses < Invitation.max_uses),
        )
        .values(uses=Invitation.uses + 1)
        .execution_options(synchronize_session="fetch")
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def with_units(
    session: AsyncSession, unit_id: int | None = None
) -> list[tuple[Invitation, Unit]]:
    """Every invitation with its unit (only ``unit_id``'s if given), by unit code, oldest first."""
    query = select(Invitation, Unit).join(Unit).order_by(Unit.code, Invitation.id)
    if unit_id is not None:
        query = query.where(Invitation.unit_id == unit_id)
    return [(invitation, unit) for invitation, unit in await session.execute(query)]
