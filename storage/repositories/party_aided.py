"""Party members already aided by the Party organisation (Henan): not aided again by the union.

The list holds resident IDs only as keyed hashes (:meth:`storage.crypto.Vault.blind_index` of
the canonical 18-character number, as registrations store theirs), so it matches records
without keeping any number. A match is flagged on the record's history when the list is
imported and at every later submission; the pre-check reads :func:`is_listed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.review import UNSUBMITTED
from storage.crypto import Vault
from storage.models import AuditEvent, PartyAidedPerson, Registration
from storage.repositories import audit

FLAGGED = "party_aided_flagged"


def resident_id_hash(vault: Vault, number: str) -> str:
    """The keyed hash of a canonical resident ID (the registration's ``resident_id_hash``)."""
    return vault.blind_index(number)


async def add(
    session: AsyncSession, hashes: Iterable[str], now: dt.datetime, *, replace: bool = False
) -> int:
    """Put hashed IDs on the list (``replace``: instead of the old list); returns how many
    were new."""
    if replace:
        await session.execute(delete(PartyAidedPerson))
    wanted = set(hashes)
    known = set(
        await session.scalars(
            select(PartyAidedPerson.resident_id_hash).where(
                PartyAidedPerson.resident_id_hash.in_(wanted)
            )
        )
    )
    session.add_all(
        PartyAidedPerson(resident_id_hash=value, imported_at=now) for value in wanted - known
    )
    await session.flush()
    return len(wanted - known)


async def is_listed(session: AsyncSession, resident_id_hash: str | None) -> bool:
    """Whether this (hashed) resident ID is on the list."""
    if resident_id_hash is None:
        return False
    found = await session.get(PartyAidedPerson, resident_id_hash)
    return found is not None


async def listed_among(session: AsyncSession, registration_ids: Sequence[int]) -> set[int]:
    """Which of these registrations belong to someone on the list (for cards and tables)."""
    if not registration_ids:
        return set()
    result = await session.scalars(
        select(Registration.id)
        .join(
            PartyAidedPerson,
            PartyAidedPerson.resident_id_hash == Registration.resident_id_hash,
        )
        .where(Registration.id.in_(registration_ids))
    )
    return set(result)


async def flag(session: AsyncSession, registration: Registration) -> bool:
    """Note on the record's history that its person is on the list, once; True if noted now."""
    already = await session.scalar(
        select(AuditEvent.id)
        .where(AuditEvent.registration_id == registration.id, AuditEvent.kind == FLAGGED)
        .limit(1)
    )
    if already is not None:
        return False
    audit.record(
        session,
        FLAGGED,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        details={"exclusion": "P"},
    )
    return True


async def flag_submitted(session: AsyncSession) -> list[int]:
    """Flag every submitted record whose person is on the list; the ids flagged now.

    Drafts are left to their submission, which checks the list again.
    """
    matches = await session.scalars(
        select(Registration)
        .join(
            PartyAidedPerson,
            PartyAidedPerson.resident_id_hash == Registration.resident_id_hash,
        )
        .where(Registration.state.notin_([state.value for state in UNSUBMITTED]))
        .order_by(Registration.id)
    )
    return [registration.id for registration in matches.all() if await flag(session, registration)]
