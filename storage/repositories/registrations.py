"""Registrations: drafts and records, their sealed conversation state and their uniqueness."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import Vault
from storage.models import Registration

_STATE_CONTEXT = b"registration-state"
OPEN_STATES = ("draft", "returned")


def seal_state(vault: Vault, registration: Registration, state: dict[str, Any]) -> None:
    """Store the conversation state (every answer) encrypted."""
    registration.sealed_state = vault.seal_json(state, context=_STATE_CONTEXT)


def open_state(vault: Vault, registration: Registration) -> dict[str, Any]:
    """The conversation state of a registration, decrypted."""
    state: dict[str, Any] = vault.open_json(registration.sealed_state, context=_STATE_CONTEXT)
    return state


def new_draft(
    session: AsyncSession,
    vault: Vault,
    *,
    campaign_id: int,
    unit_id: int,
    entered_by_user_id: int,
    subject_user_id: int | None,
    state: dict[str, Any],
) -> Registration:
    """A new draft; it is written with the caller's transaction."""
    registration = Registration(
        campaign_id=campaign_id,
        unit_id=unit_id,
        entered_by_user_id=entered_by_user_id,
        subject_user_id=subject_user_id,
        state="draft",
    )
    seal_state(vault, registration, state)
    session.add(registration)
    return registration


async def current_draft(
    session: AsyncSession, campaign_id: int, entered_by_user_id: int
) -> Registration | None:
    """The open registration this person touched last in the campaign (draft or returned)."""
    result = await session.scalars(
        select(Registration)
        .where(
            Registration.campaign_id == campaign_id,
            Registration.entered_by_user_id == entered_by_user_id,
            Registration.state.in_(OPEN_STATES),
        )
        .order_by(Registration.updated_at.desc(), Registration.id.desc())
    )
    return result.first()


async def latest_own(session: AsyncSession, campaign_id: int, user_id: int) -> Registration | None:
    """The person's open draft if they have one, else their own registration (not deleted)."""
    draft = await current_draft(session, campaign_id, user_id)
    if draft is not None:
        return draft
    result = await session.scalars(
        select(Registration)
        .where(
            Registration.campaign_id == campaign_id,
            Registration.subject_user_id == user_id,
            Registration.state != "deleted",
        )
        .order_by(Registration.id.desc())
    )
    return result.first()


async def holder_of(
    session: AsyncSession, campaign_id: int, resident_id_hash: str
) -> Registration | None:
    """The registration that already holds this resident ID in the campaign, if any."""
    return await session.scalar(
        select(Registration).where(
            Registration.campaign_id == campaign_id,
            Registration.resident_id_hash == resident_id_hash,
        )
    )
