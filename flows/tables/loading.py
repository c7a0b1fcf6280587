"""Loading table layout files, validated against their own form: a broken file names the file,
the place in it (``columns[工商银行卡号].fill``) and the fault, every one of them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from flows.datafiles import DataFileError, load_data_file
from flows.forms import Form, load_form
from flows.tables.keys import CONTEXT_KEY, FormKeys
from flows.tables.layout import TABLE_LAYOUT, Fill, PersonTable, SummaryTable

FORMS_DIR: Final = Path(__file__).resolve().parent.parent / "forms"


class TableFileError(DataFileError):
    """A table layout file that cannot be used; one line per problem: file, place, fault."""


def load_table_file(path: Path, form: Form) -> SummaryTable | PersonTable:
    """Read one layout file and validate it against ``form``, the form whose records it prints."""
    return load_data_file(
        path, TABLE_LAYOUT, error=TableFileError, context={CONTEXT_KEY: FormKeys.of(form)}
    )


def table_ids(form_id: str) -> tuple[str, ...]:
    """The tables a form ships, by id (the file names without ``.yaml``), sorted."""
    return tuple(sorted(path.stem for path in (FORMS_DIR / form_id / "tables").glob("*.yaml")))


@cache
def load_table(form_id: str, table_id: str) -> SummaryTable | PersonTable:
    """The layout ``flows/forms/<form_id>/tables/<table_id>.yaml``, loaded once."""
    return load_table_file(FORMS_DIR / form_id / "tables" / f"{table_id}.yaml", load_form(form_id))


@cache
def prints_remarks(form_id: str) -> bool:
    """Whether any of the form's tables prints the record's remark (备注)."""
    for table_id in table_ids(form_id):
        table = load_table(form_id, table_id)
        if isinstance(table, SummaryTable):
            fills = [column.fill for column in table.columns]
        else:
            fills = [box.fill for band in table.bands for box in band.boxes if box.fill]
        if any(_reads_remarks(fill) for fill in fills):
            return True
    return False


def _reads_remarks(fill: Fill) -> bool:
    parts = fill.join or fill.first_of or ()
    return fill.record == "remarks" or any(_reads_remarks(part) for part in parts)
