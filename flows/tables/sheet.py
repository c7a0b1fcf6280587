"""Placing one record on a per-person form: which cell of the sheet gets what.

Rows, top to bottom: the title, the header block if the form has one, the bands (a repeated
band once per item, at least ``min_rows`` times), then the footnotes. Coordinates are 1-based
as in Excel; every placed cell covers ``span`` grid columns of one row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from flows.tables.fills import Scope, value
from flows.tables.fitting import row_height
from flows.tables.layout import Align, Band, PersonTable, VerticalAlign
from flows.tables.printing import campaign_text
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.rows import group_items, header_block_text
from flows.tables.values import EMPTY, CellValue

Role = Literal["title", "header_block", "label", "value", "footnote"]


@dataclass(frozen=True, slots=True)
class PlacedCell:
    """A cell of the sheet with its place, width in grid columns and how it looks."""

    row: int
    column: int
    span: int
    value: CellValue
    role: Role
    align: Align = "left"
    valign: VerticalAlign = "center"


@dataclass(frozen=True, slots=True)
class SheetPlan:
    """Everything a writer needs for one per-person sheet."""

    cells: tuple[PlacedCell, ...]
    row_heights: Mapping[int, float]
    boxed_rows: tuple[int, int]  # first and last row of the bordered grid


def _band_rows(band: Band, scope: Scope) -> list[Scope]:
    if band.repeat is None:
        return [scope]
    items: list[Mapping[str, object] | None] = list(group_items(band, scope.record))
    items += [None] * (band.min_rows - len(items))
    return [Scope(scope.record, scope.context, scope.number, item or {}) for item in items]


def _place_band(band: Band, scope: Scope, row: int) -> list[PlacedCell]:
    placed: list[PlacedCell] = []
    column = 1
    for box in band.boxes:
        role: Role = "label" if box.fill is None else "value"
        if box.fill is None:
            cell = CellValue(box.text)
        elif band.repeat is not None and not scope.item:
            cell = EMPTY
        else:
            cell = value(box.fill, scope)
        placed.append(PlacedCell(row, column, box.span, cell, role, box.align, box.valign))
        column += box.span
    return placed


# A footnote's single line, as tall as the summary tables' (10-point type).
FOOTNOTE_LINE: Final = 20.0


def _across(table: PersonTable, cell: PlacedCell) -> float:
    """The width of the grid columns a cell covers, in characters."""
    return sum(table.grid[cell.column - 1 : cell.column - 1 + cell.span])


def person_sheet(
    table: PersonTable, record: ExportRecord, context: ExportContext, *, number: int
) -> SheetPlan:
    """Lay one record out on the form."""
    width = len(table.grid)
    title = campaign_text(table.title, context)
    placed = [PlacedCell(1, 1, width, CellValue(title), "title", "center")]
    heights: dict[int, float] = {1: 36}
    row = 2
    if table.header_block is not None:
        text = header_block_text(table.header_block, context)
        placed.append(PlacedCell(row, 1, width, CellValue(text), "header_block"))
        heights[row] = 24
        row += 1
    first_boxed = row
    scope = Scope(record, context, number)
    for band in table.bands:
        for band_scope in _band_rows(band, scope):
            cells = _place_band(band, band_scope, row)
            placed.extend(cells)
            # The band's own height unless an answer needs more lines than it holds.
            heights[row] = row_height(
                ((cell.value.value, _across(table, cell)) for cell in cells), band.height
            )
            row += 1
    last_boxed = row - 1
    across = sum(table.grid)
    for footnote in (campaign_text(note, context) for note in table.footnotes):
        placed.append(PlacedCell(row, 1, width, CellValue(footnote), "footnote"))
        heights[row] = row_height([(footnote, across)], FOOTNOTE_LINE)
        row += 1
    return SheetPlan(tuple(placed), heights, (first_boxed, last_boxed))
