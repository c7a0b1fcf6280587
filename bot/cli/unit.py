"""``songnuan unit add|list|move|kind|remove|phone|import``: the tree of union organisations.

The tree is province → department → unit: the review chain climbs it one level at a time.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import csv_text, fail, run_in_database, settings_or_exit
from flows.audit import AuditKind, UnitChanged, UnitRemoved
from flows.forms.parsing.phone import parse_phone, printed
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import translator
from storage.models import Unit
from storage.repositories import audit, units


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``unit`` command."""
    parser = subparsers.add_parser("unit", help="units, departments and the provincial union")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a unit")
    add.add_argument("code", help="short unique code, e.g. finance-dept")
    add.add_argument("name", help="full name, e.g. 省财政厅工会")
    add.add_argument(
        "--kind",
        choices=units.UNIT_KINDS,
        help="default: the level below the parent (a province when there is no parent)",
    )
    add.add_argument("--parent", help="code of the supervising department or province")
    add.set_defaults(handler=lambda args: _run(_add(args)))
    actions.add_parser("list", help="show the tree").set_defaults(handler=lambda args: _run(_list))
    move = actions.add_parser("move", help="put a unit under another")
    move.add_argument("code")
    move.add_argument("--parent", required=True, help="code of the new parent")
    move.set_defaults(handler=lambda args: _run(_move(args)))
    kind = actions.add_parser("kind", help="correct a unit's kind (it must fit the tree)")
    kind.add_argument("code")
    kind.add_argument("kind", choices=units.UNIT_KINDS)
    kind.add_argument("--parent", help="its parent's code, when the place changes too")
    kind.add_argument("--no-parent", action="store_true", help="make it a root (a province)")
    kind.set_defaults(handler=lambda args: _run(_kind(args)))
    remove = actions.add_parser(
        "remove", help="delete a unit added by mistake (one with no records, people or sub-units)"
    )
    remove.add_argument("code")
    remove.set_defaults(handler=lambda args: _run(_remove(args)))
    phone = actions.add_parser(
        "phone", help="the union office's telephone, printed in the tables' header block"
    )
    phone.add_argument("code")
    phone.add_argument("number", help="a landline with area code or a mobile, e.g. 0431-82701100")
    phone.set_defaults(handler=lambda args: _run(_phone(args)))
    load = actions.add_parser(
        "import", help="add units from a CSV: code,name,kind,parent (kind may be left empty)"
    )
    load.add_argument("file", type=Path)
    load.set_defaults(handler=lambda args: _run(_import(args)))


def _run(work: Callable[[AsyncSession], Awaitable[int]]) -> int:
    settings = settings_or_exit()
    try:
        return run_in_database(settings, work)
    except units.UnitError as error:
        fail(str(error))


async def _parent(session: AsyncSession, code: str | None) -> Unit | None:
    if code is None:
        return None
    parent = await units.by_code(session, code)
    if parent is None:
        raise units.UnitError(f"no unit with code {code!r}")
    return parent


def _add(args: argparse.Namespace) -> Callable[[AsyncSession], Awaitable[int]]:
    async def work(session: AsyncSession) -> int:
        parent = await _parent(session, args.parent)
        kind = args.kind or units.kind_under(parent)
        unit = await units.add(session, args.code, args.name, kind, parent)
        print(f"added {unit.kind} {unit.code}: {unit.name}")
        return 0

    return work


async def _list(session: AsyncSession) -> int:
    everything = await units.all_units(session)
    children: dict[int | None, list[Unit]] = {}
    for unit in everything:
        children.setdefault(unit.parent_id, []).append(unit)

    def show(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            phone = f"  ☎ {printed(unit.phone)}" if unit.phone else ""
            print(f"{'  ' * depth}{unit.code}  {unit.name}  ({unit.kind}){phone}")
            show(unit.id, depth + 1)

    show(None, 0)
    return 0


def _phone(args: argparse.Namespace) -> Callable[[AsyncSession], Awaitable[int]]:
    async def work(session: AsyncSession) -> int:
        unit = await _parent(session, args.code)
        assert unit is not None
        try:
            unit.phone = parse_phone(args.number)
        except InvalidAnswer as problem:
            fail(f"{args.number!r}: {translator('en').render(problem.message)}")
        print(f"{args.code}: telephone {printed(unit.phone)}")
        return 0

    return work


def _move(args: argparse.Namespace) -> Callable[[AsyncSession], Awaitable[int]]:
    async def work(session: AsyncSession) -> int:
        unit = await _parent(session, args.code)
        assert unit is not None
        await units.move(session, unit, await _parent(session, args.parent))
        print(f"moved {args.code} under {args.parent}")
        return 0

    return work


def _kind(args: argparse.Namespace) -> Callable[[AsyncSession], Awaitable[int]]:
    async def work(session: AsyncSession) -> int:
        unit = await _parent(session, args.code)
        assert unit is not None
        before = unit.kind
        parent: Unit | bool | None = False
        if args.no_parent:
            parent = None
        elif args.parent:
            parent = await _parent(session, args.parent)
        await units.set_kind(session, unit, args.kind, parent)
        audit.record(
            session,
            AuditKind.UNIT_CHANGED,
            details=UnitChanged(unit=unit.code, kind=(before, args.kind)),
        )
        print(f"{args.code}: {before} → {args.kind}")
        return 0

    return work


def _remove(args: argparse.Namespace) -> Callable[[AsyncSession], Awaitable[int]]:
    async def work(session: AsyncSession) -> int:
        unit = await _parent(session, args.code)
        assert unit is not None
        await units.remove(session, unit)
        audit.record(
            session,
            AuditKind.UNIT_REMOVED,
            details=UnitRemoved(unit=unit.code, name=unit.name, kind=unit.kind),
        )
        print(f"removed {unit.kind} {args.code}: {unit.name}")
        return 0

    return work


def _import(args: argparse.Namespace) -> Callable[[AsyncSession], Awaitable[int]]:
    async def work(session: AsyncSession) -> int:
        try:
            rows = list(csv.DictReader(io.StringIO(csv_text(args.file.read_bytes()), newline="")))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise units.UnitError(f"{args.file}: {error}") from None
        for line, row in enumerate(rows, start=2):
            try:
                parent = await _parent(session, (row.get("parent") or "").strip() or None)
                kind = (row.get("kind") or "").strip() or units.kind_under(parent)
                await units.add(session, row["code"].strip(), row["name"].strip(), kind, parent)
            except (KeyError, units.UnitError) as error:
                raise units.UnitError(f"{args.file}, line {line}: {error}") from None
        print(f"imported {len(rows)} unit(s)")
        return 0

    return work
