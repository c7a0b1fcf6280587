"""Summary tables (one row per record) streamed into a write-only worksheet.

Rows go to disk as they are made, so a province-wide export of 100,000 records keeps only one
row in memory. Each column keeps one styled template cell per number format, reused for every
row: styling a fresh cell per value would cost more than writing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from bot.workbooks import styles
from bot.workbooks.cells import writable
from bot.workbooks.page import apply_page_setup
from bot.workbooks.streaming import CellStreamSheet, add_cell_stream_sheet
from flows.tables.fitting import row_height
from flows.tables.layout import Column, SummaryTable
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.rows import header_block_text, rows
from flows.tables.values import CellValue


def _cell(
    sheet: CellStreamSheet, value: str | None, font: Font, *, boxed: bool = True
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, writable(value))
    cell.font = font
    cell.alignment = styles.alignment()
    if boxed:
        cell.border = styles.BOX
    return cell


class _ColumnCells:
    """The styled template cells of one column, one per number format met so far."""

    def __init__(self, sheet: CellStreamSheet, column: Column) -> None:
        self._sheet = sheet
        self._alignment = styles.alignment(column.align)
        self._templates: dict[str, WriteOnlyCell] = {}

    def cell(self, value: CellValue) -> WriteOnlyCell:
        template = self._templates.get(value.number_format)
        if template is None:
            template = WriteOnlyCell(self._sheet)
            template.font = styles.BODY_FONT
            template.border = styles.BOX
            template.alignment = self._alignment
            template.number_format = value.number_format
            self._templates[value.number_format] = template
        template.value = writable(value.value)
        if template.data_type == "f":
            # An answer is never a formula, whatever it starts with.
            template.data_type = "s"
        return template


def _top_rows(table: SummaryTable) -> int:
    """How many rows the title, header block and column headers take."""
    return 3 if table.header_block is not None else 2


def _write_top(sheet: CellStreamSheet, table: SummaryTable, context: ExportContext) -> None:
    """Title, header block and column headers."""
    last = get_column_letter(len(table.columns))
    row = 1
    sheet.row_dimensions[row].height = styles.TITLE_HEIGHT
    sheet.append([_cell(sheet, table.title, styles.TITLE_FONT, boxed=False)])
    sheet.merged_cells.add(f"A{row}:{last}{row}")
    if table.header_block is not None:
        row += 1
        sheet.row_dimensions[row].height = styles.HEADER_BLOCK_HEIGHT
        block = _cell(
            sheet, header_block_text(table.header_block, context), styles.BODY_FONT, boxed=False
        )
        block.alignment = styles.alignment("left")
        sheet.append([block])
        sheet.merged_cells.add(f"A{row}:{last}{row}")
    row += 1
    sheet.row_dimensions[row].height = styles.COLUMN_HEADER_HEIGHT
    sheet.append([_cell(sheet, column.header, styles.HEADER_FONT) for column in table.columns])


def _write_footnotes(sheet: CellStreamSheet, table: SummaryTable, row: int) -> None:
    last = get_column_letter(len(table.columns))
    across = sum(column.width for column in table.columns)
    for footnote in table.footnotes:
        row += 1
        sheet.row_dimensions[row].height = row_height([(footnote, across)], styles.FOOTNOTE_HEIGHT)
        note = _cell(sheet, footnote, styles.NOTE_FONT, boxed=False)
        note.alignment = styles.alignment("left")
        sheet.append([note])
        sheet.merged_cells.add(f"A{row}:{last}{row}")


def write_summary_sheet(
    workbook: Workbook,
    table: SummaryTable,
    records: Iterable[ExportRecord],
    context: ExportContext,
) -> int:
    """Write the table into a new write-only sheet of ``workbook``; returns the records written."""
    sheet = add_cell_stream_sheet(workbook, table.title[:31])
    for index, column in enumerate(table.columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    # Everything the sheet's XML carries before its rows must be set before the first append.
    top_rows = _top_rows(table)
    apply_page_setup(sheet, table.page, title_rows=top_rows, one_page=False)
    sheet.freeze_panes = f"A{top_rows + 1}"
    _write_top(sheet, table, context)
    columns = [_ColumnCells(sheet, column) for column in table.columns]
    widths = [column.width for column in table.columns]
    written = 0
    for row in rows(table, records, context):
        # Each row as tall as its longest wrapped text, or it prints over the next one.
        height = row_height(zip((value.value for value in row), widths, strict=True))
        sheet.row_dimensions[top_rows + written + 1].height = height
        sheet.append([cells.cell(value) for cells, value in zip(columns, row, strict=True)])
        written += 1
    _write_footnotes(sheet, table, top_rows + written)
    return written
