"""The policy pre-check: shown before Submit, and stored with the record as it was checked.

The stored result keeps the policy's id and parameter version, the outcome, the rules, the
figures and the explanation in both languages, so that a later change of a policy file never
rewrites what a record was checked against (``songnuan policy recheck`` shows differences).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Refused
from flows.audit import AuditKind
from flows.forms import Form, facts_from_answers, load_form
from flows.i18n import SUPPORTED_LOCALES, Translator
from flows.policy import ADVISORY, OUTCOMES, Outcome, evaluate, explain, load_policy
from flows.policy.stored import Mark, Override, StoredPrecheck, stored_result
from flows.review.transitions import CARD_OUTDATED
from storage.crypto import Vault
from storage.models import Campaign, Registration
from storage.repositories import audit, party_aided, registrations

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


COMPARED = ("version", "outcome", "rules", "review", "exclusions", "missing", "figures")


def differences(stored: StoredPrecheck | None, fresh: StoredPrecheck) -> list[str]:
    """What changed between two results, one line each: ``outcome: eligible → excluded``."""
    lines: list[str] = []
    was = stored.to_json() if stored is not None else {}
    now = fresh.to_json()
    for key in COMPARED:
        before, after = was.get(key), now.get(key)
        if key == "figures" and isinstance(before, dict) and isinstance(after, dict):
            lines.extend(
                f"figures.{name}: {before.get(name)} → {after.get(name)}"
                for name in sorted(set(before) | set(after))
                if before.get(name) != after.get(name)
            )
        elif before != after:
            lines.append(f"{key}: {before} → {after}")
    return lines


async def mark_untruthful(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    officer_user_id: int,
    reason: str,
    now: dt.datetime,
) -> StoredPrecheck:
    """An officer found the answers untrue: checked again with ``untruthful``, on the record.

    Raises :class:`~flows.access.Refused` if the record changed since it was loaded.
    """
    stored = registrations.precheck_of(vault, registration)
    before = stored.outcome if stored is not None else None
    fresh = await recheck(session, vault, registration, now, {"untruthful": True})
    result = fresh.with_marks_of(stored).model_copy(
        update={"untruthful": Mark(by=officer_user_id, reason=reason, at=now)}
    )
    await _store(session, vault, registration, result)
    audit.record(
        session,
        AuditKind.MARKED_UNTRUTHFUL,
        actor_user_id=officer_user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        from_state=before,
        to_state=result.outcome,
        reason=reason,
    )
    return result


async def override(
    session: AsyncSession,
    vault: Vault,
    registration: Registration,
    officer_user_id: int,
    outcome: str,
    reason: str,
    now: dt.datetime,
) -> None:
    """An officer sets the pre-check's outcome by their own judgement, with the reason.

    Raises :class:`~flows.access.Refused` if the record changed since it was loaded.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    stored = registrations.precheck_of(vault, registration)
    if stored is None:
        raise ValueError(f"record {registration.id} has no pre-check to override")
    before = stored.in_effect()
    judged = Override(outcome=outcome, by=officer_user_id, reason=reason, at=now)
    await _store(session, vault, registration, stored.model_copy(update={"override": judged}))
    audit.record(
        session,
        AuditKind.PRECHECK_OVERRIDDEN,
        actor_user_id=officer_user_id,
        registration_id=registration.id,
        campaign_id=registration.campaign_id,
        from_state=before,
        to_state=outcome,
        reason=reason,
    )


async def _store(
    session: AsyncSession, vault: Vault, registration: Registration, result: StoredPrecheck
) -> None:
    # Two officers at one record: the one whose card is out of date is told, and writes nothing.
    columns = registrations.precheck_columns(vault, result)
    if not await registrations.write_if_unchanged(session, registration, columns):
        raise Refused(CARD_OUTDATED)


def screen_text(outcome: Outcome, t: Translator) -> str:
    """What the person reads above the Confirm button: the rules named by their words."""
    return "\n".join([*explain(outcome, t, codes=False), "", t.render(ADVISORY)])


def explanation_in(result: StoredPrecheck, locale: str) -> list[str]:
    """A stored result's explanation in the reader's language."""
    explanation = result.explanation
    if isinstance(explanation, dict):
        return list(explanation.get(locale) or explanation.get(SUPPORTED_LOCALES[0]) or [])
    return list(explanation)
