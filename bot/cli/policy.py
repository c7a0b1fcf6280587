"""``songnuan policy list|show|check``: the eligibility policies shipped as data, and the
pre-check of households given as JSON.

``check`` reads one JSON object of facts, or a list of them, from a file or stdin and prints
the outcomes as JSON in the same shape (an object indented, a list one result a line). An
object may also carry ``id`` (copied to its result) and ``policy`` (overriding ``--policy``).
Invalid input stops before any output: one line on stderr naming the item and the fact, exit
status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO

from bot.cli.common import fail, settings_or_exit
from flows.i18n import SUPPORTED_LOCALES, Translator, translator
from flows.policy import (
    FactError,
    Facts,
    Outcome,
    Policy,
    PolicyDateError,
    PolicyFileError,
    UnknownPolicyError,
    evaluate,
    load_policy,
    parse_facts,
    policy_ids,
)

RESERVED = ("id", "policy")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``policy`` command."""
    parser = subparsers.add_parser("policy", help="eligibility policies: list, show, check")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="the shipped policies")
    _add_locale(listing)
    listing.set_defaults(handler=_list)
    show = actions.add_parser("show", help="a policy's parameters with their dates, and rules")
    show.add_argument("policy_id", metavar="ID", help="e.g. jilin-2020")
    _add_locale(show)
    show.set_defaults(handler=_show)
    check = actions.add_parser("check", help="pre-check households given as JSON facts")
    check.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="JSON file, or - for stdin"
    )
    check.add_argument("--policy", metavar="ID", help="policy for objects that name none")
    check.add_argument("--on", metavar="DATE", help="day whose parameters apply (default: today)")
    check.add_argument(
        "--no-explanation", action="store_true", help="leave the sentences out (bulk checks)"
    )
    _add_locale(check)
    check.set_defaults(handler=_check)


def _add_locale(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locale", choices=SUPPORTED_LOCALES, help="language of texts (default: SONGNUAN_LOCALE)"
    )


def _list(args: argparse.Namespace) -> int:
    t = _translator(args)
    for policy_id in policy_ids():
        policy = _policy(policy_id)
        spec = policy.spec
        print(
            f"{policy_id}  {t.text(spec.title)}  "
            f"({len(spec.rules)} rules, {len(spec.exclusions)} exclusions)"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    t = _translator(args)
    spec = _policy(args.policy_id).spec
    print(f"{spec.id}: {t.text(spec.title)}")
    print(f"source: {t.text(spec.source)}")
    print(f"compares: {spec.income.compares} income — {t.text(spec.income.label)}")
    print("parameters:")
    for name, parameter in spec.parameters.items():
        print(f"  {name} ({parameter.unit}): {t.text(parameter.label)}")
        for value in parameter.values:
            source = f"  [{value.source}]" if value.source else ""
            print(f"    from {value.since.isoformat()}: {value.value}{source}")
    for title, items in (("rules", spec.rules), ("exclusions", spec.exclusions)):
        print(f"{title}:")
        for item in items:
            print(f"  {item.id}  {t.text(item.name)}: {t.text(item.title)}  [{item.kind}]")
    for fact, assumed in spec.assume_when_missing.items():
        print(f"assumed when not given: {fact} = {str(assumed).lower()}")
    return 0


def _check(args: argparse.Namespace) -> int:
    t = None if args.no_explanation else _translator(args)
    on = _day(args.on)
    data = _read_json(args.file)
    items = data if isinstance(data, list) else [data]
    checks = [_item(index, item, args.policy) for index, item in enumerate(items, start=1)]
    for index, (_, policy, _) in enumerate(checks, start=1):
        try:
            policy.parameters_on(on)  # every item can be checked before anything is printed
        except PolicyDateError as error:
            fail(f"item {index}: {error}")
    # The input stays until the end: keep the collector from walking it again and again.
    gc.collect()
    gc.freeze()
    try:
        results = (
            _result(label, evaluate(policy, facts, on), t) for label, policy, facts in checks
        )
        if isinstance(data, list):
            _print_list(results)
        else:
            print(json.dumps(next(results), ensure_ascii=False, indent=2))
    finally:
        gc.unfreeze()
    return 0


def _result(label: object | None, outcome: Outcome, t: Translator | None) -> dict[str, object]:
    result = outcome.to_json(t)
    return result if label is None else {"id": label, **result}


def _print_list(results: Iterator[dict[str, object]]) -> None:
    """A JSON list printed as the results are made, one result a line: a list may hold
    100,000, and compact lines are both quick to write and easy to read with ``grep``."""
    lines: list[str] = []
    separator = "[\n"
    for result in results:
        lines.append(separator + json.dumps(result, ensure_ascii=False))
        separator = ",\n"
        if len(lines) == _LINES_A_WRITE:
            sys.stdout.write("".join(lines))
            lines.clear()
    sys.stdout.write("".join(lines) + ("[]\n" if separator == "[\n" else "\n]\n"))


_LINES_A_WRITE = 1000


def _item(
    index: int, item: object, default_policy: str | None
) -> tuple[object | None, Policy, Facts]:
    """One input object: its label, its policy and its checked facts."""
    if not isinstance(item, dict):
        fail(f"item {index}: expected a JSON object of facts, got {type(item).__name__}")
    policy_id = item.get("policy", default_policy)
    if policy_id is None:
        fail(f'item {index}: no policy: give --policy ID or a "policy" key')
    facts = {name: value for name, value in item.items() if name not in RESERVED}
    try:
        return item.get("id"), _policy(str(policy_id)), parse_facts(facts)
    except FactError as error:
        reason = translator("en").render(error.message)
        fail(f"item {index}{_labelled(item)}: fact {error.fact!r}: {reason}")


def _labelled(item: Mapping[str, object]) -> str:
    return f" (id {item['id']!r})" if "id" in item else ""


def _read_json(file: str) -> object:
    try:
        if file == "-":
            return _parse(sys.stdin)
        with Path(file).open(encoding="utf-8") as stream:
            return _parse(stream)
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}")
    except json.JSONDecodeError as error:
        fail(f"malformed JSON in {file}: {error.msg} at line {error.lineno}, column {error.colno}")
    except ValueError as error:
        fail(f"malformed JSON in {file}: {error}")


def _parse(stream: IO[str]) -> object:
    # Amounts keep every digit they were written with: no float on the way in.
    return json.load(stream, parse_float=Decimal, parse_constant=_no_constant)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def _policy(policy_id: str) -> Policy:
    try:
        return load_policy(policy_id)
    except UnknownPolicyError as error:
        fail(str(error))
    except PolicyFileError as error:
        fail(str(error))


def _day(value: str | None) -> dt.date:
    if value is None:
        return dt.datetime.now(settings_or_exit().zone).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--on {value!r} is not a date: expected e.g. 2019-12-20")


def _translator(args: argparse.Namespace) -> Translator:
    settings = settings_or_exit()
    return translator(args.locale or settings.locale, settings.zone)
