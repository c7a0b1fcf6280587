"""``songnuan unit add|list|move|kind|remove|phone|import``: the tree of union organisations.

The tree is province → department → unit: the review chain climbs it one level at a time.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.cli.common import csv_text, fail, run_use_case, settings_or_exit
from bot.uow import UnitOfWork
from bot.usecases import units
from bot.usecases.units import UnitRow
from flows.access.units import UNIT_KINDS, UnitError
from flows.forms.parsing.phone import printed
from flows.forms.parsing.problems import InvalidAnswer
from flows.i18n import translator
from storage.models import Unit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``unit`` command."""
    parser = subparsers.add_parser("unit", help="units, departments and the provincial union")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a unit")
    add.add_argument("code", help="short unique code, e.g. finance-dept")
    add.add_argument("name", help="full name, e.g. 省财政厅工会")
    add.add_argument(
        "--kind",
        choices=UNIT_KINDS,
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
    kind.add_argument("kind", choices=UNIT_KINDS)
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


def _run(work: Callable[[UnitOfWork], Awaitable[int]]) -> int:
    settings = settings_or_exit()
    try:
        return run_use_case(settings, work)
    except UnitError as error:
        fail(str(error))


def _add(args: argparse.Namespace) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        unit = await units.add(uow, UnitRow(args.code, args.name, args.kind, args.parent))
        print(f"added {unit.kind} {unit.code}: {unit.name}")
        return 0

    return work


async def _list(uow: UnitOfWork) -> int:
    children: dict[int | None, list[Unit]] = {}
    for unit in await units.tree(uow):
        children.setdefault(unit.parent_id, []).append(unit)

    def show(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            phone = f"  ☎ {printed(unit.phone)}" if unit.phone else ""
            print(f"{'  ' * depth}{unit.code}  {unit.name}  ({unit.kind}){phone}")
            show(unit.id, depth + 1)

    show(None, 0)
    return 0


def _phone(args: argparse.Namespace) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        try:
            phone = await units.set_phone(uow, args.code, args.number)
        except InvalidAnswer as problem:
            fail(f"{args.number!r}: {translator('en').render(problem.message)}")
        print(f"{args.code}: telephone {printed(phone)}")
        return 0

    return work


def _move(args: argparse.Namespace) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        await units.move(uow, args.code, args.parent)
        print(f"moved {args.code} under {args.parent}")
        return 0

    return work


def _kind(args: argparse.Namespace) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        before = await units.correct_kind(
            uow, args.code, args.kind, args.parent, no_parent=args.no_parent
        )
        print(f"{args.code}: {before} → {args.kind}")
        return 0

    return work


def _remove(args: argparse.Namespace) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        unit = await units.remove(uow, args.code)
        print(f"removed {unit.kind} {args.code}: {unit.name}")
        return 0

    return work


def _import(args: argparse.Namespace) -> Callable[[UnitOfWork], Awaitable[int]]:
    async def work(uow: UnitOfWork) -> int:
        try:
            rows = list(csv.DictReader(io.StringIO(csv_text(args.file.read_bytes()), newline="")))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise UnitError(f"{args.file}: {error}") from None
        for line, row in enumerate(rows, start=2):
            try:
                await units.add(
                    uow,
                    UnitRow(
                        row["code"].strip(),
                        row["name"].strip(),
                        (row.get("kind") or "").strip() or None,
                        (row.get("parent") or "").strip() or None,
                    ),
                )
            except (KeyError, UnitError) as error:
                raise UnitError(f"{args.file}, line {line}: {error}") from None
        print(f"imported {len(rows)} unit(s)")
        return 0

    return work
