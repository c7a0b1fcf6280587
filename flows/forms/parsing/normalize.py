"""Normalising typed input before it is read: invisible characters, full-width forms, spaces,
letter case, emoji."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import N_, Message

_EMOJI_RANGES: Final = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xFE00, 0xFE0F))
_JOINERS: Final = frozenset({0x200D, 0x20E3})
# Line and paragraph breaks of every kind become one "\n"; a tab is a space.
_BREAKS: Final = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# A terminal's escape sequence (colour, cursor) pasted along: all of it goes, not just the ESC.
_ESCAPE_SEQUENCE: Final = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
# Letters that show nothing (Hangul fillers, the blank braille pattern): names of "nothing".
_BLANK_LETTERS: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Control (NUL, ESC, BEL …), format (zero-width, bidi overrides, the BOM) and lone surrogates.
_INVISIBLE: Final = frozenset({"Cc", "Cf", "Cs"})
NOTHING_VISIBLE: Final = Message(
    N_("Nothing visible is left of this message: please type the answer as in the example.")
)


def visible(text: str) -> str:
    """What a person can see of ``text``: NFC-composed, without control and format characters
    (NUL, ESC, bidi overrides, zero-width characters, a BOM), lone surrogates or blank letters;
    line breaks of any kind as ``\n``, a tab as a space, outer space removed.

    Every typed answer, reason and name goes through it before it is read or stored: such
    characters print as nothing (or worse: they reorder the line, or make a spreadsheet
    refuse the cell) and no answer needs them.
    """
    text = _BREAKS.sub("\n", _ESCAPE_SEQUENCE.sub("", text).replace("\t", " "))
    kept = "".join(
        char
        for char in text
        if char == "\n"
        or (unicodedata.category(char) not in _INVISIBLE and char not in _BLANK_LETTERS)
    )
    return unicodedata.normalize("NFC", kept).strip()


def one_line(text: str) -> str:
    """``text`` on one line: each run of line breaks (and the spaces around it) is one space.

    A form's answer fills one cell of the printed table, so it is kept to one line.
    """
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


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
