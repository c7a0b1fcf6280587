"""What answers of every kind share on screen."""

from __future__ import annotations

from typing import Final

from flows.i18n import N_, Message

# Between the items of a list: "、" in Chinese, ", " in English.
LIST_SEPARATOR: Final = Message(N_(", "))
