"""The pre-check's outcomes as people read them, on the card and in the history."""

from __future__ import annotations

from typing import Final

from flows.forms.texts import Text
from flows.i18n import N_, Message

# In a sentence ("Computed outcome: excluded") and on the buttons that choose one.
OUTCOME_NAMES: Final[dict[str, str]] = {
    "eligible": N_("eligible"),
    "needs_review": N_("for the officer's judgement"),
    "not_eligible": N_("not eligible"),
    "excluded": N_("excluded"),
}
OUTCOME_LABELS: Final[dict[str, str]] = {
    "eligible": N_("Eligible"),
    "needs_review": N_("For the officer's judgement"),
    "not_eligible": N_("Not eligible"),
    "excluded": N_("Excluded"),
}


def outcome_name(outcome: object) -> Text:
    """An outcome as people read it (an unknown value as it is stored)."""
    return Message(OUTCOME_NAMES[outcome]) if outcome in OUTCOME_NAMES else str(outcome)
