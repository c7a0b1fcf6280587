"""Run the benchmarks and print their figures as one table.

Each module ``bench/<name>.py`` listed in ``BENCHMARKS`` exposes ``run() -> list[BenchRow]``.
Usage: ``python -m bench`` (all) or ``python -m bench policy forms``.
"""

from __future__ import annotations

import importlib
import sys

from bench.table import BenchRow, render

BENCHMARKS: tuple[str, ...] = (
    "export",
    "exporting",
    "policy",
    "registration",
    "reminders",
    "review",
)


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and print the table."""
    names = argv or list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    rows: list[BenchRow] = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(importlib.import_module(f"bench.{name}").run())
    print(render(rows))
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
