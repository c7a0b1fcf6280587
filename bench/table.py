"""The one table every benchmark reports into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchRow:
    """One measured figure beside its target."""

    benchmark: str
    figure: str
    value: str
    target: str = ""
    met: bool | None = None

    @property
    def verdict(self) -> str:
        """``ok``, ``MISSED`` or blank when the figure has no target."""
        if self.met is None:
            return ""
        return "ok" if self.met else "MISSED"


def render(rows: list[BenchRow]) -> str:
    """A plain-text table, one row per figure."""
    header = ("benchmark", "figure", "value", "target", "")
    lines = [header] + [(r.benchmark, r.figure, r.value, r.target, r.verdict) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths).rstrip())
    return "\n".join(out)
