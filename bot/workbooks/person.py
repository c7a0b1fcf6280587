"""Per-person forms: one sheet per record, laid out by :func:`flows.tables.person_sheet`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.workbooks import styles
from bot.workbooks.cells import writable
from bot.workbooks.page import apply_page_setup
from flows.tables.layout import PersonTable
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.sheet import PlacedCell, SheetPlan, person_sheet

SHEET_NAME_LIMIT: Final = 31
_NOT_IN_SHEET_NAMES: Final = re.compile(r"[\[\]:*?/\\']")

BLANK_RECORD: Final = ExportRecord(
    record_id=0,
    answers={},
    computed={},
    unit_name="",
    state="",
    aid_amount=None,
    submitted_at=None,
)

_FONTS: Final = {
    "title": styles.TITLE_FONT,
    "header_block": styles.BODY_FONT,
    "label": styles.HEADER_FONT,
    "value": styles.BODY_FONT,
    "footnote": styles.NOTE_FONT,
}


def sheet_name(number: int, name: object) -> str:
    """``"12 张三"``: the running number keeps names unique, cut to Excel's 31 characters."""
    cleaned = _NOT_IN_SHEET_NAMES.sub("", writable(str(name or ""))).strip()
    return f"{number} {cleaned}".strip()[:SHEET_NAME_LIMIT]


def _place(sheet: Worksheet, placed: PlacedCell, boxed_rows: tuple[int, int]) -> None:
    cell = sheet.cell(row=placed.row, column=placed.column)
    cell.value = writable(placed.value.value)
    if cell.data_type == "f":
        cell.data_type = "s"  # an answer is never a formula
    cell.number_format = placed.value.number_format
    cell.font = _FONTS[placed.role]
    cell.alignment = styles.alignment(placed.align, placed.valign)
    last_column = placed.column + placed.span - 1
    boxed = boxed_rows[0] <= placed.row <= boxed_rows[1]
    if boxed:
        # A merged range shows the borders of all its cells, so each one gets the box.
        for column in range(placed.column, last_column + 1):
            sheet.cell(row=placed.row, column=column).border = styles.BOX
    if placed.span > 1:
        sheet.merge_cells(
            start_row=placed.row,
            start_column=placed.column,
            end_row=placed.row,
            end_column=last_column,
        )


def _write_sheet(sheet: Worksheet, table: PersonTable, plan: SheetPlan) -> None:
    for index, width in enumerate(table.grid, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, height in plan.row_heights.items():
        sheet.row_dimensions[row].height = height
    for placed in plan.cells:
        _place(sheet, placed, plan.boxed_rows)
    last_row = max(plan.row_heights)
    sheet.print_area = f"A1:{get_column_letter(len(table.grid))}{last_row}"
    apply_page_setup(sheet, table.page, title_rows=0, one_page=True)


def write_person_sheets(
    workbook: Workbook,
    table: PersonTable,
    records: Iterable[ExportRecord],
    context: ExportContext,
) -> int:
    """Add one sheet per record to ``workbook`` (a blank form if none); returns the count."""
    written = 0
    for written, record in enumerate(records, 1):
        plan = person_sheet(table, record, context, number=written)
        sheet = workbook.create_sheet(title=sheet_name(written, record.answers.get("name")))
        _write_sheet(sheet, table, plan)
    if not written:
        # Nothing to export still gives the form, blank, to be filled in by hand.
        plan = person_sheet(table, BLANK_RECORD, context, number=0)
        _write_sheet(workbook.create_sheet(title=table.title[:SHEET_NAME_LIMIT]), table, plan)
    return written
