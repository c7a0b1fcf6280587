"""Free text with a maximum length counted in characters (Jilin: 困难原因 限150字)."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from flows.forms.parsing.normalize import folded, has_emoji, require_content
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

PROBLEMS: Final = frozenset({"empty", "too_long", "emoji", "long_number"})
# Eleven digits or more, perhaps split by spaces or hyphens: a mobile, an ID or a card number.
_LONG_NUMBER: Final = re.compile(r"\d(?:[\s-]?\d){10,}")


def parse_text(text: str, max_length: int) -> str:
    """The text as written (outer spaces removed), if it fits.

    Length is counted in characters after NFC composition, so ``困`` is one and so is ``é``.
    Emoji are refused: the answer is printed on the official paper form, whose fonts lack them.
    A number as long as an ID, card or phone number is refused too: kept in a free-text answer
    it would be stored, shown and exported in full, where its own field masks it.
    """
    kept = unicodedata.normalize("NFC", require_content(text))
    if has_emoji(kept):
        raise InvalidAnswer(
            "emoji", Message(N_("Emoji cannot be printed on the official form: please use words."))
        )
    if holds_long_number(kept):
        raise InvalidAnswer(
            "long_number",
            Message(
                N_(
                    "This answer holds a long number (an ID, card or phone number?), so it was "
                    "not kept. Please write it without the number, e.g. “吉林省财政厅”; each "
                    "number has its own question, where it is protected."
                )
            ),
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


def holds_long_number(text: str) -> bool:
    """Whether ``text`` holds a number as long as a phone, ID or card number."""
    return _LONG_NUMBER.search(folded(text)) is not None
