"""Any table as CSV: UTF-8 with a byte-order mark, which Excel needs to read Chinese text."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Final, TextIO

from bot.workbooks.cells import writable
from flows.tables.layout import PersonTable, SummaryTable
from flows.tables.printing import for_export
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.rows import headers, rows

ENCODING: Final = "utf-8-sig"
BOM: Final = "\ufeff"
# A spreadsheet runs a cell starting with these as a formula: quote it to keep it text.
_FORMULA_STARTS: Final = ("=", "+", "-", "@")


def _safe(text: str) -> str:
    text = writable(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(
    table: SummaryTable | PersonTable,
    records: Iterable[ExportRecord],
    context: ExportContext,
    out: TextIO,
) -> int:
    """Write the header row then one row per record; returns the records written.

    ``out`` is a text stream; the BOM is written first unless the stream's own encoding
    (``utf-8-sig``) adds it, so the file opens in Excel either way.
    """
    if getattr(out, "encoding", None) != ENCODING:
        out.write(BOM)
    table = for_export(table, context)
    writer = csv.writer(out)
    writer.writerow(headers(table))
    written = 0
    for row in rows(table, records, context):
        writer.writerow(
            _safe(cell.value) if isinstance(cell.value, str) else cell.text() for cell in row
        )
        written += 1
    return written
