"""The policy pre-check as the person reads it above the Confirm button (the check itself is
:mod:`bot.usecases.policy_checks`)."""

from __future__ import annotations

from flows.i18n import Translator
from flows.policy import ADVISORY, Outcome, explain


def screen_text(outcome: Outcome, t: Translator) -> str:
    """What the person reads above the Confirm button: the rules named by their words."""
    return "\n".join([*explain(outcome, t, codes=False), "", t.render(ADVISORY)])
