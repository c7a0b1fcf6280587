"""Free text with a maximum length counted in characters (Jilin: 困难原因 限150字)."""

from __future__ import annotations

import unicodedata
from typing import Final

from flows.forms.parsing.normalize import has_emoji, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"empty", "too_long", "emoji"})


def parse_text(text: str, max_length: int) -> str:
    """The text as written (outer spaces removed), if it fits.

    Length is counted in characters after NFC composition, so ``困`` is one and so is ``é``.
    Emoji are refused: the answer is printed on the official paper form, whose fonts lack them.
    """
    kept = unicodedata.normalize("NFC", require_content(text))
    if has_emoji(kept):
        raise InvalidAnswer(
            "emoji", Message(N_("Emoji cannot be printed on the official form: please use words."))
        )
    if len(kept) > max_length:
        raise InvalidAnswer(
            "too_long",
            Message(
                N_("This is {length} characters long; at most {limit} fit."),
                {"length": len(kept), "limit": max_length},
            ),
        )
    return kept
