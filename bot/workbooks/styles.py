"""How exported tables look on paper: fonts, borders and alignment shared by every writer.

Official forms are set in 宋体 with a 黑体 title; the fonts need not be installed where the file
is made, only where it is printed.
"""

from __future__ import annotations

from typing import Final

from openpyxl.styles import Alignment, Border, Font, Side

from flows.tables.layout import Align, VerticalAlign

BODY_FONT: Final = Font(name="宋体", size=11)
HEADER_FONT: Final = Font(name="宋体", size=11, bold=True)
TITLE_FONT: Final = Font(name="黑体", size=18, bold=True)
NOTE_FONT: Final = Font(name="宋体", size=10)

_THIN: Final = Side(style="thin", color="000000")
BOX: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

TITLE_HEIGHT: Final = 36.0
HEADER_BLOCK_HEIGHT: Final = 30.0  # room for the unit's stamp beside 填报单位(盖章)
COLUMN_HEADER_HEIGHT: Final = 42.0
FOOTNOTE_HEIGHT: Final = 20.0


def alignment(horizontal: Align = "center", vertical: VerticalAlign = "center") -> Alignment:
    """Wrapped text, placed as the layout says."""
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
