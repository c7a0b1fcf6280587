"""What any cell can hold: a stored string without the characters a file cannot carry.

Answers are cleaned when they are typed (:func:`flows.forms.parsing.normalize.visible`), but a
value stored before that, or a name entered elsewhere, may still hold an ESC or a NUL, which
XML 1.0 (so .xlsx) forbids and openpyxl refuses with ``IllegalCharacterError``, or a lone
surrogate, which no UTF-8 file can hold. One such value must never make a whole export fail.
"""

from __future__ import annotations

import re
from typing import Final, TypeVar

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

Value = TypeVar("Value")

_UNWRITABLE: Final = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\\ud800-\\udfff\\ufffe\\uffff]")


def writable(value: Value) -> Value:
    """``value`` as it can be written: a string without unwritable characters, else as is."""
    if isinstance(value, str) and _UNWRITABLE.search(value):
        return _UNWRITABLE.sub("", value)  # type: ignore[return-value]
    return value
