"""A write-only worksheet that takes rows of ready, styled cells as they are.

openpyxl's write-only ``append`` first tries to bind each item as a value; for a styled cell
that raises and catches two exceptions and builds a fresh cell, which makes a bordered table
cost 1.6 times a plain one. Rows here are lists of :class:`WriteOnlyCell` the caller styled
once and reuses, so only their place is set. This leans on openpyxl's ``_values_to_row`` and
``_add_sheet`` hooks; ``tests/bot/export`` opens the files and checks every style survives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class CellStreamSheet(WriteOnlyWorksheet):  # type: ignore[misc]  # openpyxl has no types
    """A streamed worksheet whose appended rows are sequences of cells, never raw values."""

    def _values_to_row(
        self, values: Sequence[WriteOnlyCell], row_idx: int
    ) -> Iterator[WriteOnlyCell]:
        for column, cell in enumerate(values, 1):
            cell.column = column
            cell.row = row_idx
            yield cell


def add_cell_stream_sheet(workbook: Workbook, title: str) -> CellStreamSheet:
    """A new :class:`CellStreamSheet` at the end of a write-only ``workbook``."""
    sheet = CellStreamSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet
