"""Export tables as data: the layouts of the notices' tables and the rows a record fills.

``load_table(form_id, table_id)`` reads ``flows/forms/<form>/tables/<table>.yaml``;
``cells``/``headers`` give a record's flat row (summary tables, CSV); ``person_sheet`` places a
record on a per-person form. The writers live in ``bot.workbooks``.
"""

from flows.tables.layout import Box, Column, Fill, PersonTable, SummaryTable
from flows.tables.loading import (
    TableFileError,
    load_table,
    load_table_file,
    prints_remarks,
    table_ids,
)
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.rows import cells, header_block_text, headers, row_builder, rows
from flows.tables.sheet import PlacedCell, SheetPlan, person_sheet
from flows.tables.values import CellValue

__all__ = [
    "Box",
    "CellValue",
    "Column",
    "ExportContext",
    "ExportRecord",
    "Fill",
    "PersonTable",
    "PlacedCell",
    "SheetPlan",
    "SummaryTable",
    "TableFileError",
    "cells",
    "header_block_text",
    "headers",
    "load_table",
    "load_table_file",
    "person_sheet",
    "prints_remarks",
    "row_builder",
    "rows",
    "table_ids",
]
