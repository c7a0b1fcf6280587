"""Loading table layout files, validated: a broken file names the file, the field and the fault."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import yaml
from pydantic import ValidationError

from flows.tables.layout import TABLE_LAYOUT, Fill, PersonTable, SummaryTable

FORMS_DIR: Final = Path(__file__).resolve().parent.parent / "forms"
KINDS: Final = frozenset({"summary", "per_person"})


class TableFileError(ValueError):
    """A table layout file that cannot be used, with where and why."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        super().__init__(f"{path}: {field}: {problem}")
        self.path = path
        self.field = field
        self.problem = problem


def load_table_file(path: Path) -> SummaryTable | PersonTable:
    """Read and validate one layout file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise TableFileError(path, "(file)", str(error)) from error
    try:
        return TABLE_LAYOUT.validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise TableFileError(path, _field(first["loc"], first["type"]), first["msg"]) from error


def _field(location: tuple[int | str, ...], error_type: str) -> str:
    """The faulty field as written in the file: the union's tag is the ``kind`` key."""
    if error_type.startswith("union_tag"):
        return "kind"
    inside = location[1:] if location and location[0] in KINDS else location
    return ".".join(str(part) for part in inside) or "(top level)"


def table_ids(form_id: str) -> tuple[str, ...]:
    """The tables a form ships, by id (the file names without ``.yaml``), sorted."""
    return tuple(sorted(path.stem for path in (FORMS_DIR / form_id / "tables").glob("*.yaml")))


@cache
def load_table(form_id: str, table_id: str) -> SummaryTable | PersonTable:
    """The layout ``flows/forms/<form_id>/tables/<table_id>.yaml``, loaded once."""
    return load_table_file(FORMS_DIR / form_id / "tables" / f"{table_id}.yaml")


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
