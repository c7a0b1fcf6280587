"""The pre-check as a record keeps it: the result it was checked with, and the officers' say.

It holds what the household declared (incomes, the causes of its hardship, the Party-aid
exclusion), so it is stored sealed (:mod:`storage.repositories.registrations`); this is its
shape, validated whenever it is read back. ``untruthful`` is set once an officer marked the
answers untrue (the result was then checked again with that fact), ``override`` once an officer
set the outcome by their own judgement; ``by`` is an account id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter

from flows.i18n import SUPPORTED_LOCALES, translator
from flows.policy.explain import explain
from flows.policy.outcome import Outcome, OutcomeKind


class Mark(BaseModel):
    """An officer's finding that the answers are untrue."""

    model_config = ConfigDict(frozen=True)

    by: int
    reason: str
    at: dt.datetime


class Override(Mark):
    """An officer's judgement over the computed outcome."""

    outcome: OutcomeKind


class StoredPrecheck(BaseModel):
    """A record's pre-check: the policy's id and parameter version, the outcome, the rules
    that hold, those an officer must judge, the exclusions, the facts missing, the figures
    (yuan, as decimal strings), the parameters used and the explanation in every language."""

    model_config = ConfigDict(frozen=True)

    outcome: OutcomeKind
    policy: str = ""
    version: str = ""
    on: dt.date | None = None
    rules: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    figures: dict[str, str] = {}
    parameters: dict[str, dict[str, str]] = {}
    # By locale; a bare list is an explanation kept in one language.
    explanation: dict[str, list[str]] | list[str] = {}
    untruthful: Mark | None = None
    override: Override | None = None

    def in_effect(self) -> OutcomeKind:
        """The outcome the record stands at: an officer's override, else the computed one."""
        return self.override.outcome if self.override else self.outcome

    def with_marks_of(self, before: StoredPrecheck | None) -> StoredPrecheck:
        """This result keeping the officers' marks of the result ``before`` it.

        An officer's finding (untruthful answers) and judgement (an override) stand until an
        officer changes them; a correction of the answers does not undo them.
        """
        if before is None:
            return self
        kept = {"untruthful": before.untruthful, "override": before.override}
        return self.model_copy(update={k: v for k, v in kept.items() if v is not None})

    def explanation_in(self, locale: str) -> list[str]:
        """The explanation in the reader's language (else the first supported one's)."""
        explanation = self.explanation
        if isinstance(explanation, dict):
            return list(explanation.get(locale) or explanation.get(SUPPORTED_LOCALES[0]) or [])
        return list(explanation)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready values (dates as ISO text), as sealed with the record."""
        values: dict[str, Any] = STORED_PRECHECK.dump_python(self, mode="json", exclude_none=True)
        return values


STORED_PRECHECK: TypeAdapter[StoredPrecheck] = TypeAdapter(StoredPrecheck)


def read_precheck(value: Any) -> StoredPrecheck:
    """A stored pre-check from its JSON values; raises pydantic's ValidationError if malformed."""
    return STORED_PRECHECK.validate_python(value)


def stored_result(outcome: Outcome) -> StoredPrecheck:
    """The result as kept with the record, its explanation in every language."""
    explanation = {locale: explain(outcome, translator(locale)) for locale in SUPPORTED_LOCALES}
    return read_precheck({**outcome.to_json(None), "explanation": explanation})


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
