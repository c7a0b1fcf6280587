"""What a layout's fill shows for a record, compiled once per table into a plain function.

An export reads the same few fills for every one of up to 100,000 records, so each fill is
turned into a closure that goes straight to its source and format instead of asking the layout
which source it names on every cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import NamedTuple

from flows.i18n import translator
from flows.review.states import STATE_NAMES, State
from flows.tables.layout import Fill
from flows.tables.records import ExportContext, ExportRecord
from flows.tables.values import EMPTY, FORMATTERS, SHOWS_MISSING, TEXT, CellValue


class Scope(NamedTuple):
    """Where a fill reads from: the record, the export, the row's number, a group item.

    A named tuple because one is made per record (and per group item) of an export.
    """

    record: ExportRecord
    context: ExportContext
    number: int
    item: Mapping[str, object] | None = None


Reader = Callable[[Scope], CellValue]
_Source = Callable[[Scope], object]


def age_at(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_date(answers: Mapping[str, object]) -> dt.date | None:
    """The birth date answer, or the one written in the resident ID (digits 7–14, GB 11643)."""
    answered = answers.get("birth_date")
    if answered:
        return dt.date.fromisoformat(str(answered))
    resident_id = str(answers.get("resident_id") or "")
    if len(resident_id) == 18:
        return dt.date(int(resident_id[6:10]), int(resident_id[10:12]), int(resident_id[12:14]))
    return None


def _age(scope: Scope) -> int | None:
    born = birth_date(scope.record.answers)
    return None if born is None else age_at(born, scope.context.as_of)


def _row_number(scope: Scope) -> int:
    return scope.number


def _state(scope: Scope) -> str:
    """The record's review state, in words of the export's language."""
    try:
        name = STATE_NAMES[State(scope.record.state)]
    except ValueError:
        return scope.record.state
    return translator(scope.context.locale, scope.context.zone)(name)


def _source(fill: Fill) -> _Source:
    """The function that fetches a single-source fill's raw value."""
    if fill.answer is not None:
        answer = fill.answer
        return lambda scope: scope.record.answers.get(answer)
    if fill.computed is not None:
        computed = fill.computed
        return lambda scope: scope.record.computed.get(computed)
    if fill.record is not None:
        attribute = attrgetter(fill.record)
        return lambda scope: attribute(scope.record)
    if fill.item is not None:
        item = fill.item
        return lambda scope: (scope.item or {}).get(item)
    return {"row_number": _row_number, "state": _state}.get(fill.derived or "", _age)


def _joined(parts: list[Reader], separator: str) -> Reader:
    def read(scope: Scope) -> CellValue:
        texts = [text for text in (part(scope).text() for part in parts) if text]
        return CellValue(separator.join(texts) or None, TEXT)

    return read


def _first_of(parts: list[Reader]) -> Reader:
    def read(scope: Scope) -> CellValue:
        for part in parts:
            cell = part(scope)
            if cell.value is not None:
                return cell
        return EMPTY

    return read


def compile_fill(fill: Fill) -> Reader:
    """A function giving the cell ``fill`` shows in a scope; a missing answer is empty."""
    if fill.join is not None:
        return _joined([compile_fill(part) for part in fill.join], fill.separator)
    if fill.first_of is not None:
        return _first_of([compile_fill(part) for part in fill.first_of])
    source, formatter = _source(fill), FORMATTERS[fill.format]
    shows_missing = fill.format in SHOWS_MISSING

    def read(scope: Scope) -> CellValue:
        raw = source(scope)
        if not shows_missing and (raw is None or raw == "" or raw == []):
            return EMPTY
        return formatter(raw, fill, scope.context)

    return read


def value(fill: Fill, scope: Scope) -> CellValue:
    """The cell ``fill`` shows in ``scope``, for one-off use (a form's boxes)."""
    return compile_fill(fill)(scope)
