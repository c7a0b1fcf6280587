"""The record's remark (备注): sealed on the registration, and each change audited with the
remark before and after it sealed in the event (an audit event's own columns are in clear)."""

from __future__ import annotations

import base64
import dataclasses
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Actor
from flows.audit import AuditKind, RemarkChange, RemarkDetails
from flows.review import HistoryEntry
from storage.crypto import Vault
from storage.models import Registration
from storage.repositories import audit, registrations, review

REMARK_CONTEXT: Final = b"registration-remark"
AUDIT_CONTEXT: Final = b"audit-remark"


def remark_of(vault: Vault, registration: Registration) -> str | None:
    """The record's remark, decrypted; None if it has none."""
    if registration.sealed_remark is None:
        return None
    remark = vault.open_json(registration.sealed_remark, context=REMARK_CONTEXT)
    return str(remark) if remark else None


async def store_remark(
    session: AsyncSession, vault: Vault, registration: Registration, remark: str | None
) -> bool:
    """Seal ``remark`` (None: none) on the record, if no one changed it since it was read;
    the record's version moves on."""
    sealed = vault.seal_json(remark, context=REMARK_CONTEXT) if remark is not None else None
    return await registrations.write_if_unchanged(session, registration, {"sealed_remark": sealed})


def record_change(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    officer: Actor,
    before: str | None,
    after: str | None,
) -> None:
    """Audit a change of the remark, the remark before and after it sealed in the event."""
    change = RemarkChange(before=before, after=after).model_dump(mode="json")
    audit.record(
        session,
        (
            AuditKind.REMARK_ADDED
            if before is None
            else AuditKind.REMARK_REMOVED
            if after is None
            else AuditKind.REMARK_CHANGED
        ),
        actor_user_id=officer.user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        details=RemarkDetails(
            sealed_remarks=base64.b64encode(vault.seal_json(change, context=AUDIT_CONTEXT)).decode()
        ),
    )


async def history(session: AsyncSession, vault: Vault, registration_id: int) -> list[HistoryEntry]:
    """The record's history for the bot, its remarks' changes opened: who wrote what, when,
    and what it replaced (``songnuan audit`` leaves them sealed and says only that they
    changed)."""
    return [_opened(vault, entry) for entry in await review.history(session, registration_id)]


def _opened(vault: Vault, entry: HistoryEntry) -> HistoryEntry:
    sealed = entry.details.sealed_remarks if isinstance(entry.details, RemarkDetails) else None
    if sealed is None:
        return entry
    opened = vault.open_json(base64.b64decode(sealed), context=AUDIT_CONTEXT)
    change = RemarkChange.model_validate(opened)
    details = RemarkDetails(remark_before=change.before, remark_after=change.after)
    return dataclasses.replace(entry, details=details)
