"""Everything an officer's record card shows, loaded in one call (see :mod:`flows.review.card`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Action, Actor, require
from flows.forms import load_form
from flows.forms.schema import Form
from flows.forms.texts import Text
from flows.policy.stored import StoredPrecheck
from flows.registration import Screen
from flows.review import SHANGHAI, RecordView
from flows.review.card import card_screen
from flows.review.precheck import officers_of
from flows.tables import prints_remarks
from storage.crypto import Vault
from storage.models import Registration, Unit, User
from storage.repositories import party_aided, registrations, remarks, review


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

    def screen(
        self,
        viewer: Actor,
        *,
        precheck: Sequence[Text] = (),
        full_numbers: bool = False,
        next_offset: int | None = None,
        outcome: Text | None = None,
    ) -> Screen:
        """The card as the viewer sees it (see :func:`flows.review.card.card_screen`)."""
        return card_screen(
            self.form,
            self.record,
            self.answers,
            viewer,
            unit_name=self.unit_name,
            precheck=precheck,
            party_aided=self.party_aided,
            changed=self.changed,
            full_numbers=full_numbers,
            next_offset=next_offset,
            outcome=outcome,
            remark=self.remark,
            remarks_printed=self.remarks_printed,
        )


async def open_card(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    viewer: Actor,
    *,
    zone: ZoneInfo = SHANGHAI,
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


async def _names(session: AsyncSession, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = await session.execute(
        select(User.id, User.display_name).where(User.id.in_(sorted(user_ids)))
    )
    return {row.id: row.display_name or f"#{row.id}" for row in rows}
