"""``songnuan form list|check|diagram``: the registration forms shipped as data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.forms import FormFileError, available_forms, load_form, load_form_file
from flows.forms.diagram import mermaid
from flows.tables import TableFileError, load_table_file


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``form`` command."""
    parser = subparsers.add_parser("form", help="registration forms: list, check, diagram")
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="the shipped forms").set_defaults(handler=_list)
    check = actions.add_parser("check", help="validate a form file and the tables beside it")
    check.add_argument("file", type=Path, help="path to a form.yaml")
    check.set_defaults(handler=_check)
    diagram = actions.add_parser("diagram", help="print a form as a Mermaid flowchart")
    diagram.add_argument("form_id", help="e.g. jilin-2020")
    diagram.set_defaults(handler=_diagram)


def _list(args: argparse.Namespace) -> int:
    for form_id in available_forms():
        form = load_form(form_id)
        print(f"{form_id}  {form.title.zh_CN} / {form.title.en}  ({len(form.fields)} fields)")
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        form = load_form_file(args.file)
    except FormFileError as error:
        print(error, file=sys.stderr)
        return 2
    # A table reads the form's answers, so a form change can break a table beside it.
    broken = False
    for path in sorted((args.file.parent / "tables").glob("*.yaml")):
        try:
            load_table_file(path, form)
        except TableFileError as error:
            print(error, file=sys.stderr)
            broken = True
    if broken:
        return 2
    print(f"{args.file}: ok, form {form.id} with {len(form.fields)} fields")
    return 0


def _diagram(args: argparse.Namespace) -> int:
    if args.form_id not in available_forms():
        print(f"no form {args.form_id!r}; known: {', '.join(available_forms())}", file=sys.stderr)
        return 2
    print(mermaid(load_form(args.form_id)), end="")
    return 0
