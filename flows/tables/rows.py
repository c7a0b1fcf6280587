"""A table as flat rows: one list of cells per record, under :func:`headers`.

Summary tables are exactly this; a per-person form flattens to a cell per filled box and one
per repeated band (for CSV). The functions are pure: the writers only place and style cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Final

from flows.tables.fills import Reader, Scope, compile_fill
from flows.tables.layout import Band, PersonTable, SummaryTable
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.values import TEXT, CellValue, date_zh

_SPACES: Final = re.compile(r"\s+")
ITEM_SEPARATOR: Final = "；"


def header_block_text(template: str, context: ExportContext) -> str:
    """The "填报单位(盖章)：… 联系人：… 电话：…" line filled from the export context.

    ``{issued}`` is the date the table is filled in, written the Chinese way.
    """
    return template.format(
        unit=context.unit_name,
        contact=context.contact_person,
        phone=context.contact_phone,
        issued=date_zh(context.issued),
    )


def group_items(band: Band, record: ExportRecord) -> list[Mapping[str, object]]:
    """The items a repeated band is written for (none when the group was not answered)."""
    items = record.answers.get(band.repeat or "")
    return [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []


def _band_reader(band: Band) -> Reader:
    """A repeated band flattened into one cell: items in order, their boxes space-separated."""
    parts = [compile_fill(box.fill) for box in band.boxes if box.fill is not None]

    def read(scope: Scope) -> CellValue:
        lines = []
        for item in group_items(band, scope.record):
            item_scope = Scope(scope.record, scope.context, scope.number, item)
            texts = (part(item_scope).text() for part in parts)
            lines.append(" ".join(text for text in texts if text))
        return CellValue(ITEM_SEPARATOR.join(lines) or None, TEXT)

    return read


def _readers(table: SummaryTable | PersonTable) -> list[Reader]:
    if isinstance(table, SummaryTable):
        return [compile_fill(column.fill) for column in table.columns]
    readers: list[Reader] = []
    for band in table.bands:
        if band.repeat is not None:
            readers.append(_band_reader(band))
        else:
            readers.extend(compile_fill(box.fill) for box in band.boxes if box.fill is not None)
    return readers


def row_builder(
    table: SummaryTable | PersonTable, context: ExportContext
) -> Callable[[ExportRecord, int], list[CellValue]]:
    """A function giving a record's row given its running number (序号), for many records."""
    readers = _readers(table)

    def build(record: ExportRecord, number: int) -> list[CellValue]:
        scope = Scope(record, context, number)
        return [read(scope) for read in readers]

    return build


def rows(
    table: SummaryTable | PersonTable,
    records: Iterable[ExportRecord],
    context: ExportContext,
) -> Iterator[list[CellValue]]:
    """The rows of ``records``, numbered from 1, made as they are consumed."""
    build = row_builder(table, context)
    for number, record in enumerate(records, 1):
        yield build(record, number)


def cells(
    table: SummaryTable | PersonTable,
    record: ExportRecord,
    context: ExportContext,
    *,
    number: int,
) -> list[CellValue]:
    """One record's row, matching :func:`headers`; ``number`` is its running number (序号)."""
    return row_builder(table, context)(record, number)


def headers(table: SummaryTable | PersonTable) -> list[str]:
    """The header row of the flat table: column headers, or each filled box's name.

    A box is named by its ``header``, else by its check box caption, else by the label box
    before it with the spacing of the printed form taken out (``姓    名`` → ``姓名``).
    """
    if isinstance(table, SummaryTable):
        return [column.header for column in table.columns]
    names: list[str] = []
    for band in table.bands:
        if band.header is not None:
            names.append(band.header)
            continue
        label = ""
        for box in band.boxes:
            if box.text is not None:
                label = _SPACES.sub("", box.text)
            elif box.fill is not None:
                names.append(box.header or box.fill.caption or label)
    return names
