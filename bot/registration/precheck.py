"""The policy pre-check shown before Submit and stored with the record (issue 4 wires it)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from flows.i18n import Translator

if TYPE_CHECKING:
    from bot.registration.conversation import Draft


def precheck_of(draft: Draft, answers: dict[str, Any], now: dt.datetime) -> dict[str, Any] | None:
    """The pre-check's result as stored with the record."""
    return None


def precheck_screen(draft: Draft, answers: dict[str, Any], t: Translator, now: dt.datetime) -> str:
    """The pre-check's outcome and explanation, in the person's language."""
    return ""
