"""The ``songnuan`` command line: one program for the bot and the admin tasks.

Each subcommand lives in a module of this package that exposes
``register(subparsers) -> None``; the parser it adds sets ``handler`` to a function that takes
the parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "bot.cli.run",
    "bot.cli.db",
    "bot.cli.unit",
    "bot.cli.invite",
    "bot.cli.campaign",
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="songnuan", description="Songnuan (送暖) bot and admin")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``songnuan`` console script."""
    args = build_parser().parse_args(argv)
    status: int = args.handler(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
