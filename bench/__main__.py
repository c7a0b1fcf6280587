"""Run the benchmarks and print their figures as one table.

Each module ``bench/<name>.py`` listed in ``BENCHMARKS`` exposes ``run() -> list[BenchRow]``.
Usage: ``python -m bench`` (all) or ``python -m bench policy forms``.
"""

from __future__ import annotations

import importlib
import sys
import time

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
    rows = [BenchRow("machine", "speed probe before", _speed_probe())]
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(importlib.import_module(f"bench.{name}").run())
    rows.append(BenchRow("machine", "speed probe after", _speed_probe()))
    print(render(rows))
    return 0 if all(row.met is not False for row in rows) else 1


PROBE_ADDITIONS = 10_000_000


def _speed_probe() -> str:
    """The CPU time of a fixed pure-Python loop: how fast this (shared) machine runs just now.

    Its time was seen to double and halve again within an hour here, and every other figure
    moves with it: compare figures taken at about the same probe time.
    """
    started = time.process_time()
    total = 0
    for number in range(PROBE_ADDITIONS):
        total += number
    return f"{time.process_time() - started:.2f} s for {PROBE_ADDITIONS:,} additions"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
