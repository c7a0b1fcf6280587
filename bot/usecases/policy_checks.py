"""The policy pre-check of a record: of a draft before it is submitted, and of a stored record
again under today's policy files (``songnuan recheck``, and an officer's untruthful mark).

The stored result keeps the policy's id and parameter version, the outcome, the rules, the
figures and the explanation in both languages, so that a later change of a policy file never
rewrites what a record was checked against (:func:`flows.policy.stored.differences` says what
a recheck would change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from flows.forms import Form, facts_from_answers, load_form
from flows.policy import Outcome, evaluate, load_policy
from flows.policy.stored import StoredPrecheck, stored_result
from storage.crypto import Vault
from storage.models import Campaign, Registration
from storage.repositories import party_aided, registrations

if TYPE_CHECKING:
    from bot.usecases.registration import Draft


def check(
    draft: Draft, answers: Mapping[str, Any], now: dt.datetime, known: Mapping[str, object]
) -> Outcome:
    """The campaign's policy applied to what the answers (and the union's lists) establish."""
    return _evaluate(draft.campaign.policy_id, draft.form, answers, now, known)


def _evaluate(
    policy_id: str,
    form: Form,
    answers: Mapping[str, Any],
    now: dt.datetime,
    known: Mapping[str, object],
) -> Outcome:
    facts = {**facts_from_answers(form, answers), **known}
    return evaluate(load_policy(policy_id), facts, on=now.date())


async def known_facts(
    session: AsyncSession, vault: Vault, registration: Registration
) -> dict[str, object]:
    """Facts the union established itself, which count over what the person answered."""
    known: dict[str, object] = {}
    if await party_aided.is_listed(session, registration.resident_id_hash):
        known["party_aided"] = True
    stored = registrations.precheck_of(vault, registration)
    if stored is not None and stored.untruthful is not None:
        known["untruthful"] = True
    return known


async def recheck(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    now: dt.datetime,
    established: Mapping[str, object] | None = None,
) -> StoredPrecheck:
    """What the policy files say of the record today (its stored result is left as it was).

    ``established`` adds facts an officer establishes now (``untruthful``).
    """
    campaign = await session.get(Campaign, registration.campaign_id)
    assert campaign is not None
    answers = registrations.answers_of(vault, registration)
    known = {**await known_facts(session, vault, registration), **(established or {})}
    outcome = _evaluate(campaign.policy_id, load_form(campaign.form_id), answers, now, known)
    return stored_result(outcome)
