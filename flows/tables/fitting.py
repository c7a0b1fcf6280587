"""Row heights from content, so that a printed table shows every wrapped line.

Spreadsheets do not grow a row for wrapped text when the file is made elsewhere, and
LibreOffice prints the default height: a long address or hardship reason then runs over the
next row. The height is worked out here instead, from the text and the column's width.

A column's width is in characters of the default font; a Chinese character takes about two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

# Points per line of 11-point 宋体 as Excel and LibreOffice set it, and room above and below.
LINE_HEIGHT: Final = 14.5
PADDING: Final = 4.0
# A cell's width is not all usable: borders and padding take about a character.
_MARGIN: Final = 1.0
# Chinese glyphs are a little wider than two digits of the default font.
_WIDE: Final = 2.1


def display_width(text: str) -> float:
    """How many default-font characters ``text`` takes on one line (Chinese counts double)."""
    wide = sum(1 for character in text if ord(character) >= 0x1100)
    return len(text) - wide + wide * _WIDE


def lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    usable = max(width - _MARGIN, 1.0)
    # The quick answer for most cells: even all-Chinese, it fits on one line.
    if "\n" not in text and len(text) * _WIDE <= usable:
        return 1
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def row_height(
    cells: Iterable[tuple[object, float]],
    minimum: float = 0.0,
    *,
    line_height: float = LINE_HEIGHT,
) -> float:
    """The height in points a row needs so that each (value, column width) shows in full."""
    most = 1
    for value, width in cells:
        if isinstance(value, str) and value:
            most = max(most, lines(value, width))
    return max(minimum, most * line_height + PADDING)
