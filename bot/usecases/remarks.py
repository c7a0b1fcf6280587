"""The remark (备注) an officer writes on a record: who may, until when, on which version."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Actor, Refused
from flows.i18n import DEFAULT_ZONE
from flows.review.remarks import check_may_remark, remark_refusal
from flows.review.transitions import CARD_OUTDATED
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import remarks, review


async def write_remark(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    remark: str | None,
    officer: Actor,
    now: dt.datetime,
    *,
    seen_version: int | None = None,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> str | None:
    """Store ``remark`` (checked by :func:`~flows.review.remarks.check_remark`; None removes
    it) and audit the change; returns the remark it replaced.

    Raises :class:`~flows.access.Refused` if the officer may not write it now, or if the record
    is no longer the ``seen_version`` the card showed. The record's version moves on, so that a
    card of the next level shown before the change is refreshed before it decides.
    """
    view = await review.record_view(session, registration, zone=zone)
    check_may_remark(view, officer, now)
    if seen_version is not None and seen_version != registration.version:
        raise Refused(CARD_OUTDATED)
    before = remarks.remark_of(vault, registration)
    if before == remark:
        return before
    if not await remarks.store_remark(session, vault, registration, remark):
        fresh = await review.record_view(session, registration, zone=zone)
        raise Refused(remark_refusal(fresh, officer, now) or CARD_OUTDATED)
    remarks.record_change(session, vault, registration, officer, before, remark)
    return before
