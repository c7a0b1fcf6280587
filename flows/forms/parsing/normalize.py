"""Normalising typed input before it is read: full-width forms, spaces, letter case, emoji."""

from __future__ import annotations

import unicodedata
from typing import Final

from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

_EMOJI_RANGES: Final = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xFE00, 0xFE0F))
_JOINERS: Final = frozenset({0x200D, 0x20E3})


def folded(text: str) -> str:
    """NFKC: full-width digits and letters become ASCII (``１２００`` → ``1200``, ``ｘ`` → ``x``),
    the ideographic space a plain space, ``￥`` becomes ``¥``. Outer space is removed."""
    return unicodedata.normalize("NFKC", text).strip()


def compact(text: str, *separators: str) -> str:
    """Folded, then without any whitespace and without the given separator characters."""
    kept = "".join(folded(text).split())
    for separator in separators:
        kept = kept.replace(separator, "")
    return kept


def has_emoji(text: str) -> bool:
    """Whether the text holds an emoji or an emoji modifier."""
    return any(
        ord(char) in _JOINERS or any(low <= ord(char) <= high for low, high in _EMOJI_RANGES)
        for char in text
    )


def require_content(text: str) -> str:
    """The text without outer spaces, or the rejection of an empty message.

    Not folded: free text keeps its Chinese full-width punctuation (``，``).
    """
    kept = text.strip()
    if not kept:
        raise InvalidAnswer("empty", Message(N_("The message is empty.")))
    return kept
