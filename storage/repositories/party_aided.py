"""Party members already aided by the Party organisation (Henan): not aided again by the union.

The list holds resident IDs only as keyed hashes (:meth:`storage.crypto.Vault.blind_index` of
the canonical 18-character number, as registrations store theirs), so it matches records
without keeping any number. A match is flagged on the record's history when the list is
imported and at every later submission; the pre-check reads :func:`is_listed`. A record already
granted aid when its person turns up on the list is brought to the provincial officers, who may
withdraw the aid: the grant is theirs to undo, not the import's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Role
from flows.audit import AuditKind, PartyAidedFlagged
from flows.i18n import N_, translator
from flows.reminders.scope import Scope
from flows.review import UNSUBMITTED, State
from storage.crypto import Vault
from storage.models import AuditEvent, PartyAidedPerson, Registration, User
from storage.repositories import audit, broadcasts
from storage.repositories.reminders import Recipient

GRANTED_BUT_LISTED: Final = N_(
    "⚠️ Record {id} was granted {amount}, but its person is on the list of Party members "
    "already aided by the Party organisation (exclusion P)."
)
HOW_TO_WITHDRAW: Final = N_(
    "To withdraw the aid: send /history {id}, press “◀ Back to the record”, then “🚫 Withdraw "
    "the aid”."
)


@dataclass(frozen=True)
class Match:
    """A submitted record whose person is on the list; ``flagged_now``: first found now."""

    registration_id: int
    state: str
    aid_amount: Decimal | None
    flagged_now: bool

    @property
    def granted(self) -> bool:
        """Whether aid was granted to the record already."""
        return self.state == State.AID_GRANTED


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
        .where(
            AuditEvent.registration_id == registration.id,
            AuditEvent.kind == AuditKind.PARTY_AIDED_FLAGGED,
        )
        .limit(1)
    )
    if already is not None:
        return False
    audit.record(
        session,
        AuditKind.PARTY_AIDED_FLAGGED,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        details=PartyAidedFlagged(exclusion="P"),
    )
    return True


async def flag_submitted(session: AsyncSession) -> list[int]:
    """Flag every submitted record whose person is on the list; the ids flagged now."""
    return [match.registration_id for match in await match_submitted(session) if match.flagged_now]


async def match_submitted(session: AsyncSession) -> list[Match]:
    """Every submitted record whose person is on the list, flagged once each: the same list
    imported again finds the same matches again.

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
    return [
        Match(record.id, record.state, record.aid_amount, await flag(session, record))
        for record in matches.all()
    ]


async def alert_province(
    session: AsyncSession, granted: Sequence[Match], now: dt.datetime, default_locale: str
) -> int:
    """Queue a notice to every provincial officer, in their language, naming the granted
    records on the list and how to withdraw their aid (the running bot sends it within a
    minute, as a broadcast); how many officers it goes to."""
    if not granted:
        return 0
    officers = await session.scalars(
        select(User)
        .where(User.role == Role.PROVINCE_OFFICER, User.blocked_at.is_(None))
        .order_by(User.id)
    )
    by_locale: dict[str, list[Recipient]] = {}
    for officer in officers:
        by_locale.setdefault(officer.locale or default_locale, []).append(Recipient.of(officer))
    for locale, to in by_locale.items():
        t = translator(locale)
        lines = [
            line
            for match in granted
            for line in (
                t(GRANTED_BUT_LISTED, id=str(match.registration_id), amount=match.aid_amount),
                t(HOW_TO_WITHDRAW, id=str(match.registration_id)),
            )
        ]
        scope = Scope(kind="all", code=None, audience="officers")
        await broadcasts.create(
            session, scope=scope, text="\n".join(lines), created_by_user_id=None, to=to, now=now
        )
    return sum(len(to) for to in by_locale.values())
