"""The officers' record card: opened for those who may see it, with its full numbers and its
documents for those entitled to them (each viewing audited).

What the card shows is :func:`flows.review.card.card_screen`; the bot renders it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Action, Actor, require, sees_sensitive_copies
from flows.audit import AuditKind, DocumentsViewed
from flows.forms import load_form
from flows.forms.schema import Form
from flows.i18n import DEFAULT_ZONE
from flows.policy.stored import StoredPrecheck
from flows.review import RecordView
from flows.review.precheck_overrides import officers_of
from flows.tables import prints_remarks
from storage.crypto import Vault
from storage.models import Registration, Unit, User
from storage.repositories import audit, party_aided, registrations, remarks, review


@dataclass(frozen=True)
class Card:
    """A record with its answers (decrypted), unit, Party-aided flag and correction changes;
    its pre-check (decrypted); ``precheck_officers`` names who marked or overrode it; its
    remark (备注, decrypted), and whether the form's tables print one."""

    registration: Registration
    record: RecordView
    form: Form
    answers: dict[str, Any]
    unit_name: str
    party_aided: bool
    changed: tuple[str, ...] | None
    precheck: StoredPrecheck | None = None
    precheck_officers: dict[int, str] = field(default_factory=dict)
    remark: str | None = None
    remarks_printed: bool = False


async def open_card(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    viewer: Actor,
    *,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> Card:
    """The card of a record the viewer may see; raises :class:`~flows.access.Refused` else."""
    record = await review.record_view(session, registration, zone=zone)
    require(viewer, Action.VIEW_CARD, record.target)
    form = load_form((await review.campaign_of(session, registration)).form_id)
    unit = await session.get(Unit, registration.unit_id)
    answers = registrations.answers_of(vault, registration)
    stored = registrations.precheck_of(vault, registration)
    return Card(
        registration=registration,
        record=record,
        form=form,
        answers=answers,
        unit_name=unit.name if unit else str(registration.unit_id),
        party_aided=await party_aided.is_listed(session, registration.resident_id_hash),
        changed=await review.resubmission_changes(session, registration),
        precheck=stored,
        precheck_officers=await _names(session, officers_of(stored)),
        remark=remarks.remark_of(vault, registration),
        remarks_printed=prints_remarks(form.id),
    )


async def with_full_numbers(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    viewer: Actor,
    *,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> Card:
    """The card, once the viewing of its full ID and card numbers is allowed and audited;
    raises :class:`~flows.access.Refused` for anyone not entitled to them."""
    await view_full_numbers(session, registration, viewer)
    return await open_card(session, vault, registration, viewer, zone=zone)


async def view_full_numbers(
    session: AsyncSession, registration: Registration, officer: Actor
) -> None:
    """Allow and record that an officer sees the record's full ID and card numbers; raises
    :class:`~flows.access.Refused` for anyone not entitled to them."""
    require(officer, Action.VIEW_FULL_SENSITIVE, await review.target_of(session, registration))
    audit.record(
        session,
        AuditKind.SENSITIVE_VIEWED,
        actor_user_id=officer.user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
    )


@dataclass(frozen=True)
class Documents:
    """The documents of a card the viewer is sent (named ``<field>-<n>``), and whether some
    were withheld (the copy of the ID and bank card, for those not entitled to it)."""

    files: list[tuple[str, dict[str, Any]]]
    withheld: bool


def documents(
    session: AsyncSession,
    card: Card,
    viewer: Actor,
    every: Iterable[tuple[str, dict[str, Any]]],
) -> Documents:
    """Of ``every`` document of the card, the ones the viewer may be sent; sending any is
    audited, as showing the full numbers is."""
    every = list(every)
    entitled = sees_sensitive_copies(viewer, card.record.target)
    files = [
        (name, file)
        for name, file in every
        if entitled or not card.form.field(name.rsplit("-", 1)[0]).is_sensitive
    ]
    if files:
        registration = card.registration
        audit.record(
            session,
            AuditKind.DOCUMENTS_VIEWED,
            actor_user_id=viewer.user_id,
            registration_id=registration.id,
            campaign_id=registration.campaign_id,
            details=DocumentsViewed(documents=len(files)),
        )
    return Documents(files, withheld=len(files) < len(every))


async def _names(session: AsyncSession, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = await session.execute(
        select(User.id, User.display_name).where(User.id.in_(sorted(user_ids)))
    )
    return {row.id: row.display_name or f"#{row.id}" for row in rows}
