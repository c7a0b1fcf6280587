"""A scope's numbers for ``/stats``: records by state, waiting by level, by hardship type.

Hardship types are read from the sealed answers rather than kept in a clear column: some of
them (serious illness, disability) are health data, which stays encrypted at rest. Opening a
few thousand small records takes well under a second (see ``bench/review.py``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Action, Actor, Level, UnitTarget, require
from flows.forms import load_form
from flows.review import Counted, ScopeStats, State, hardship_types, tally
from storage.crypto import Vault
from storage.models import Campaign, Registration
from storage.repositories import registrations


async def for_scope(
    session: AsyncSession, vault: Vault, officer: Actor, campaign: Campaign
) -> ScopeStats:
    """The numbers of the officer's scope in one campaign (refused for non-officers)."""
    whole = UnitTarget(None if officer.scope.everywhere else officer.unit_id)
    require(officer, Action.STATS, whole)
    form = load_form(campaign.form_id)
    query = select(Registration).where(
        Registration.campaign_id == campaign.id, Registration.state != State.DELETED
    )
    if not officer.scope.everywhere:
        query = query.where(Registration.unit_id.in_(sorted(officer.scope.units)))
    counted = []
    for registration in await session.scalars(query):
        state = registration.state
        hardship: tuple[str, ...] = ()
        if state is not State.DRAFT:
            answers = registrations.answers_of(vault, registration)
            hardship = hardship_types(form, answers)
        counted.append(
            Counted(
                state=state,
                level=Level(registration.level) if registration.level else None,
                hardship=hardship,
                aid_amount=registration.aid_amount,
            )
        )
    return tally(counted)
