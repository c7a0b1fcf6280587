"""A record's history: for an officer who may see it (their names, the remarks' changes
opened), or for the operator at the console (accounts and roles, the remarks sealed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Action, Actor, require
from flows.forms import load_form
from flows.forms.texts import Text
from flows.i18n import DEFAULT_ZONE
from flows.review import HistoryEntry, RecordView
from flows.review.card import field_labels
from storage.crypto import Vault
from storage.models import Campaign, Registration
from storage.repositories import remarks, review


@dataclass(frozen=True)
class History:
    """The record, its campaign, its events oldest first, and its form's field labels."""

    record: RecordView
    campaign: Campaign
    entries: list[HistoryEntry]
    labels: Mapping[str, Text]


async def record_history(
    session: AsyncSession,
    vault: Vault | None,
    registration: Registration,
    viewer: Actor | None,
    *,
    zone: ZoneInfo = DEFAULT_ZONE,
) -> History:
    """The history ``viewer`` may read (raises :class:`~flows.access.Refused` else); with no
    viewer and no vault, the operator's: actors by account and role, remarks left sealed."""
    view = await review.record_view(session, registration, zone=zone)
    if viewer is not None:
        require(viewer, Action.HISTORY, view.target)
    campaign = await review.campaign_of(session, registration)
    if vault is not None:
        # The officers who may see the record read what its remarks said.
        entries = await remarks.history(session, vault, registration.id)
    else:
        entries = await review.history(session, registration.id, named=viewer is not None)
    return History(view, campaign, entries, field_labels(load_form(campaign.form_id)))
