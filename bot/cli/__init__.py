"""The ``songnuan`` command line: one program for the bot and the admin tasks.

Each subcommand lives in a module of this package that exposes
``register(subparsers) -> None``; the parser it adds sets ``handler`` to a function that takes
the parsed arguments and returns the exit status. Modules are found by looking, so a new
command is a new module and nothing else.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from storage.private import UMASK


def command_modules() -> list[ModuleType]:
    """The modules of this package that add a subcommand, by name."""
    modules = (
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
        if not info.name.startswith("_")
    )
    return [module for module in modules if hasattr(module, "register")]


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="songnuan", description="Songnuan (送暖) bot and admin")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``songnuan`` console script.

    Everything the program writes (the database and SQLite's own ``-wal`` and ``-shm`` files,
    documents, logs, exports) is for its own user only: the umask makes that so at creation,
    whoever creates the file. Explicit modes where the program writes back this up.
    """
    previous = os.umask(UMASK)
    try:
        args = build_parser().parse_args(argv)
        status: int = args.handler(args)
    finally:
        os.umask(previous)  # for callers in the same process (tests); a program ends here
    return status


if __name__ == "__main__":
    sys.exit(main())
