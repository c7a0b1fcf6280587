"""Cell values and the formats that turn canonical answers into what a printed table shows.

A :class:`CellValue` keeps the typed value for Excel (amounts stay numbers, dates stay dates)
with its Excel number format, and gives the text a CSV file or a sheet label shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final, NamedTuple

from flows.tables.layout import Fill
from flows.tables.records import ExportContext

CellData = str | int | Decimal | dt.date | None

GENERAL: Final = "General"
TEXT: Final = "@"
INTEGER: Final = "0"
YUAN: Final = '"¥"#,##0.00'
DATE_ZH: Final = 'yyyy"年"m"月"d"日"'
CHECKED: Final = "☑"
UNCHECKED: Final = "□"
SEX: Final = {"male": "男", "female": "女"}


class CellValue(NamedTuple):
    """One cell: the value Excel stores and the number format it is shown in.

    A named tuple rather than a dataclass: an export makes one per cell, and tuples are the
    cheapest immutable record Python builds.
    """

    value: CellData
    number_format: str = GENERAL

    def text(self) -> str:
        """The value as printed: ``1200.00``, ``2017年1月10日``, ``''`` for an empty cell."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        if isinstance(value, dt.date):
            return date_zh(value)
        return str(value)


EMPTY: Final = CellValue(None)


def date_zh(day: dt.date) -> str:
    """A date as Chinese documents write it: ``2017年1月10日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def mask(number: str) -> str:
    """Keep the first and last four characters: ``2201**********123X``."""
    return number[:4] + "*" * max(len(number) - 8, 0) + number[-4:]


def phone_display(e164: str) -> str:
    """A Chinese number as dialled at home: ``13812345678``, ``0431-82701100``.

    Mobile numbers are 11 digits from 1; landline area codes are 2 digits for Beijing (10) and
    the 2x cities, 3 digits elsewhere (the national numbering plan). Other numbers stay as given.
    """
    if not e164.startswith("+86"):
        return e164
    national = e164[3:].replace(" ", "")
    if national.startswith("1") and len(national) == 11:
        return national
    area = 2 if national.startswith(("10", "2")) else 3
    return f"0{national[:area]}-{national[area:]}"


def _as_date(raw: object, context: ExportContext) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.astimezone(context.zone).date()
    if isinstance(raw, dt.date):
        return raw
    return dt.date.fromisoformat(str(raw))


def _text(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(str(raw), TEXT)


def _integer(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(int(str(raw)), INTEGER)


def _yuan(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(raw if isinstance(raw, Decimal) else Decimal(str(raw)), YUAN)


def _date_zh(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(_as_date(raw, context), DATE_ZH)


def _sex(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(SEX.get(str(raw), str(raw)), TEXT)


def _masked(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    # Always text: an 18-digit number would print as 2.20104E+17 in a number cell.
    return CellValue(str(raw) if context.full_numbers else mask(str(raw)), TEXT)


def _phone(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(phone_display(str(raw)), TEXT)


def _list(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    items = raw if isinstance(raw, list | tuple) else [raw]
    labels = fill.labels or {}
    shown = [
        fill.template.format_map(item)
        if fill.template is not None and isinstance(item, Mapping)
        else labels.get(str(item), str(item))
        for item in items
    ]
    return CellValue(fill.separator.join(shown) or None, TEXT)


def _check(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    ticked = fill.option in raw if isinstance(raw, list | tuple) else raw is True
    return CellValue((CHECKED if ticked else UNCHECKED) + (fill.caption or ""), TEXT)


def _flag(raw: object, fill: Fill, context: ExportContext) -> CellValue:
    return CellValue(fill.caption, TEXT) if raw is True else EMPTY


Formatter = Callable[[object, Fill, ExportContext], CellValue]

FORMATTERS: Final[Mapping[str, Formatter]] = {
    "text": _text,
    "integer": _integer,
    "yuan": _yuan,
    "date-zh": _date_zh,
    "sex": _sex,
    "masked-id": _masked,
    "masked-card": _masked,
    "phone": _phone,
    "list": _list,
    "check": _check,
    "flag": _flag,
}

# Formats that say something about a missing value: an unticked box is still printed.
SHOWS_MISSING: Final = frozenset({"check"})
