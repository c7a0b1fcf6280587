"""Writing any table layout as a print-ready Excel workbook."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from openpyxl import Workbook

from bot.workbooks.person import write_person_sheets
from bot.workbooks.summary import write_summary_sheet
from flows.tables.layout import PersonTable, SummaryTable
from flows.tables.printing import for_export
from flows.tables.records import ExportContext, ExportRecord


def write_xlsx(
    table: SummaryTable | PersonTable,
    records: Iterable[ExportRecord],
    context: ExportContext,
    out: BinaryIO,
) -> int:
    """Write ``records`` as ``table`` to ``out`` (.xlsx); returns how many records were written.

    Summary tables are streamed (write-only workbook); per-person forms get a sheet each. An
    export without records still gives the table: the header rows, or one blank form.
    """
    table = for_export(table, context)
    if isinstance(table, SummaryTable):
        workbook = Workbook(write_only=True)
        written = write_summary_sheet(workbook, table, records, context)
    else:
        workbook = Workbook()
        workbook.remove(workbook.worksheets[0])
        written = write_person_sheets(workbook, table, records, context)
    workbook.save(out)
    return written
