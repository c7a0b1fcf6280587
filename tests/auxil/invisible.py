"""What no stored answer may hold: control, format and surrogate characters."""

from __future__ import annotations

import unicodedata
from typing import Any

INVISIBLE = frozenset({"Cc", "Cf", "Cs"})


def invisible_in(value: Any) -> list[str]:
    """The control, format and surrogate characters anywhere in a stored value."""
    if isinstance(value, str):
        return [c for c in value if c != "\n" and unicodedata.category(c) in INVISIBLE]
    if isinstance(value, dict):
        return [c for item in value.values() for c in invisible_in(item)]
    if isinstance(value, list):
        return [c for item in value for c in invisible_in(item)]
    return []
