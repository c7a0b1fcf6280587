"""Registrations: drafts and records, their sealed conversation state and their uniqueness."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, Literal, get_args

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, Select, and_, bindparam, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from flows.policy.stored import StoredPrecheck, read_precheck
from flows.registration import RegistrationState
from flows.review import State
from storage.crypto import Vault
from storage.models import Campaign, CampaignUnit, Registration

_STATE_CONTEXT = b"registration-state"
# Migration 0012 seals the plaintext pre-checks of older databases with this same context.
PRECHECK_CONTEXT = b"registration-precheck"
REGISTRATION_STATE: Final[TypeAdapter[RegistrationState]] = TypeAdapter(RegistrationState)
OPEN_STATES = (State.DRAFT, State.RETURNED)


def seal_state(vault: Vault, registration: Registration, state: RegistrationState) -> None:
    """Store the conversation state (every answer) encrypted."""
    stored = REGISTRATION_STATE.dump_python(state, mode="json")
    registration.sealed_state = vault.seal_json(stored, context=_STATE_CONTEXT)


def touch(registration: Registration, moment: dt.datetime) -> None:
    """Mark the registration as touched at ``moment``, the installation's clock.

    Reminders skip drafts touched after their moment, and a person's answer goes on with the
    draft they touched last, so the moment is written even when it equals the one stored:
    otherwise the column's own default would put the database's time in its place.
    """
    registration.updated_at = moment
    flag_modified(registration, "updated_at")


def open_state(vault: Vault, registration: Registration) -> RegistrationState:
    """The conversation state of a registration, decrypted and validated (raises pydantic's
    ValidationError if it is not one this version reads)."""
    stored = vault.open_json(registration.sealed_state, context=_STATE_CONTEXT)
    return REGISTRATION_STATE.validate_python(stored)


def answers_of(vault: Vault, registration: Registration) -> dict[str, Any]:
    """The registration's answers by field id, decrypted: a form-shaped mapping, as the form's
    fields read it. The rest of the state is not validated, so that reading many records (an
    export, the statistics) costs no more than opening them."""
    stored = vault.open_json(registration.sealed_state, context=_STATE_CONTEXT)
    answers: dict[str, Any] = stored.get("answers", {}) if isinstance(stored, dict) else {}
    return answers


def precheck_of(vault: Vault, registration: Registration) -> StoredPrecheck | None:
    """The record's stored pre-check, decrypted and validated; None before it is submitted."""
    if registration.sealed_precheck is None:
        return None
    return read_precheck(vault.open_json(registration.sealed_precheck, context=PRECHECK_CONTEXT))


def precheck_columns(vault: Vault, result: StoredPrecheck | None) -> dict[str, Any]:
    """The columns that store ``result``: sealed whole, the outcome in effect and the rules
    that hold in clear (for the queues)."""
    if result is None:
        return {"sealed_precheck": None, "precheck_outcome": None, "precheck_rules": None}
    return {
        "sealed_precheck": vault.seal_json(result.to_json(), context=PRECHECK_CONTEXT),
        "precheck_outcome": result.in_effect(),
        "precheck_rules": list(result.rules),
    }


def set_precheck(vault: Vault, registration: Registration, result: StoredPrecheck | None) -> None:
    """Store ``result`` as the record's pre-check, with the caller's transaction."""
    for column, value in precheck_columns(vault, result).items():
        setattr(registration, column, value)


def new_draft(
    session: AsyncSession,
    vault: Vault,
    *,
    campaign_id: int,
    unit_id: int,
    entered_by_user_id: int,
    subject_user_id: int | None,
    state: RegistrationState,
) -> Registration:
    """A new draft; it is written with the caller's transaction."""
    registration = Registration(
        campaign_id=campaign_id,
        unit_id=unit_id,
        entered_by_user_id=entered_by_user_id,
        subject_user_id=subject_user_id,
        state=State.DRAFT,
    )
    seal_state(vault, registration, state)
    session.add(registration)
    return registration


# Whose draft a person continues: their own, one they enter for a worker, or whichever they
# touched last (an answer goes on with the draft the person was at).
Whose = Literal["own", "on_behalf", "latest"]
_WHOSE: Final[dict[Whose, ColumnElement[bool]]] = {
    "own": Registration.subject_user_id == bindparam("user_id"),
    "on_behalf": Registration.subject_user_id.is_(None),
    "latest": true(),
}

# Built once: these run on every answer, and building a statement costs more than running it.
_CURRENT_DRAFT = (
    select(Registration)
    .where(
        Registration.campaign_id == bindparam("campaign_id"),
        Registration.entered_by_user_id == bindparam("user_id"),
        Registration.state.in_(OPEN_STATES),
        _WHOSE["own"],
    )
    .order_by(Registration.updated_at.desc(), Registration.id.desc())
    .limit(1)
)
_LATEST_OWN_RECORD = (
    select(Registration)
    .where(
        Registration.campaign_id == bindparam("campaign_id"),
        Registration.subject_user_id == bindparam("user_id"),
        Registration.state != State.DELETED,
    )
    .order_by(Registration.id.desc())
    .limit(1)
)
_HOLDER = select(Registration).where(
    Registration.campaign_id == bindparam("campaign_id"),
    Registration.resident_id_hash == bindparam("digest"),
)


async def current_draft(
    session: AsyncSession, campaign_id: int, entered_by_user_id: int
) -> Registration | None:
    """The person's own open registration in the campaign (draft or returned), last touched."""
    parameters = {"campaign_id": campaign_id, "user_id": entered_by_user_id}
    return await session.scalar(_CURRENT_DRAFT, parameters)


async def latest_own(session: AsyncSession, campaign_id: int, user_id: int) -> Registration | None:
    """The person's open draft if they have one, else their own registration (not deleted)."""
    draft = await current_draft(session, campaign_id, user_id)
    if draft is not None:
        return draft
    return await own_record(session, campaign_id, user_id)


async def own_record(session: AsyncSession, campaign_id: int, user_id: int) -> Registration | None:
    """The latest registration of the person in the campaign, whoever entered it (not deleted)."""
    parameters = {"campaign_id": campaign_id, "user_id": user_id}
    return await session.scalar(_LATEST_OWN_RECORD, parameters)


def _campaign_and_draft(whose: Whose) -> Select[Campaign, Registration]:
    return (
        select(Campaign, Registration)
        .join(CampaignUnit, CampaignUnit.campaign_id == Campaign.id)
        .outerjoin(
            Registration,
            and_(
                Registration.campaign_id == Campaign.id,
                Registration.entered_by_user_id == bindparam("user_id"),
                Registration.state.in_(OPEN_STATES),
                _WHOSE[whose],
                # A record entered for someone else stays with its unit: an officer who moved
                # to another unit does not carry it along.
                or_(
                    Registration.subject_user_id.is_not(None),
                    Registration.unit_id == bindparam("unit_id"),
                ),
            ),
        )
        .where(
            CampaignUnit.unit_id == bindparam("unit_id"),
            Campaign.review_closes > bindparam("now"),
            Campaign.ended.is_(None),
        )
        .order_by(
            Campaign.intake_opens.desc(), Registration.updated_at.desc(), Registration.id.desc()
        )
        .limit(1)
    )


_CAMPAIGN_AND_DRAFT: Final = {whose: _campaign_and_draft(whose) for whose in get_args(Whose)}


async def in_current_campaign(
    session: AsyncSession, unit_id: int, user_id: int, now: dt.datetime, whose: Whose = "latest"
) -> tuple[Campaign | None, Registration | None]:
    """The campaign the unit's people register in now, and the person's current draft in it.

    The same as :func:`storage.repositories.campaigns.current_for_unit` then the draft ``whose``
    it is, in one query: it runs on every answer.
    """
    parameters = {"unit_id": unit_id, "user_id": user_id, "now": now}
    row = (await session.execute(_CAMPAIGN_AND_DRAFT[whose], parameters)).first()
    return (None, None) if row is None else (row[0], row[1])


async def holder_of(
    session: AsyncSession, campaign_id: int, resident_id_hash: str
) -> Registration | None:
    """The registration that already holds this resident ID in the campaign, if any."""
    parameters = {"campaign_id": campaign_id, "digest": resident_id_hash}
    return await session.scalar(_HOLDER, parameters)


async def write_if_unchanged(
    session: AsyncSession, registration: Registration, values: dict[str, Any]
) -> bool:
    """Write ``values`` only if the row still has the version this session saw.

    The version moves on with the write; either way ``registration`` is reloaded, so a False
    leaves it showing what someone else stored meanwhile.
    """
    result = await session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.version == registration.version)
        .values(**values, version=Registration.version + 1)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(registration)
    return bool(result.rowcount)  # type: ignore[attr-defined]
