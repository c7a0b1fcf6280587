"""The policy pre-check: shown before Submit, and stored with the record as it was checked.

The stored result keeps the policy's id and parameter version, the outcome, the rules, the
figures and the explanation in both languages, so that a later change of a policy file never
rewrites what a record was checked against (``songnuan policy recheck`` shows differences).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flows.forms import facts_from_answers
from flows.i18n import SUPPORTED_LOCALES, Translator, translator
from flows.policy import ADVISORY, Outcome, evaluate, explain, load_policy

if TYPE_CHECKING:
    from bot.registration.conversation import Draft


def check(
    draft: Draft, answers: Mapping[str, Any], now: dt.datetime, known: Mapping[str, object]
) -> Outcome:
    """The campaign's policy applied to what the answers (and the union's lists) establish."""
    facts = {**facts_from_answers(draft.form, answers), **known}
    return evaluate(load_policy(draft.campaign.policy_id), facts, on=now.date())


def stored_result(outcome: Outcome) -> dict[str, Any]:
    """The result as kept with the record, its explanation in every language."""
    result = outcome.to_json(translator(SUPPORTED_LOCALES[0]))
    result["explanation"] = {
        locale: explain(outcome, translator(locale)) for locale in SUPPORTED_LOCALES
    }
    return result


def screen_text(outcome: Outcome, t: Translator) -> str:
    """What the person reads above the Confirm button."""
    return "\n".join([*explain(outcome, t), "", t.render(ADVISORY)])


def explanation_in(result: Mapping[str, Any], locale: str) -> list[str]:
    """A stored result's explanation in the reader's language."""
    explanation = result.get("explanation") or {}
    if isinstance(explanation, dict):
        return list(explanation.get(locale) or explanation.get(SUPPORTED_LOCALES[0]) or [])
    return list(explanation)
