"""Masking sensitive numbers for every screen: ``2201**********123X``, ``138****5678``."""

from __future__ import annotations

import re
from typing import Final

from flows.forms.parsing.phone import national

_DIGIT_RUN: Final = re.compile(r"\d{6,}[\dXx]?")


def hidden(text: str, head: int, tail: int) -> str:
    """``text`` with all but ``head`` leading and ``tail`` trailing characters starred.

    Text too short to keep anything hidden is starred whole.
    """
    if len(text) <= head + tail:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[-tail:]


def mask_number(number: str) -> str:
    """Keep the first four and the last four characters (resident ID, bank card)."""
    return hidden(number, 4, 4)


def mask_phone(e164: str) -> str:
    """The national number with all but the first three and last four digits hidden."""
    return hidden(national(e164), 3, 4)


def scrub(text: str) -> str:
    """``text`` with every run of six or more digits masked (keeps first and last four)."""
    return _DIGIT_RUN.sub(lambda match: hidden(match.group(), 4, 4), text)
