"""The /stats picture: registrations per unit by state, and submissions per day to the deadline.

Drawn with matplotlib's Agg canvas on a figure of its own (no pyplot, so no figure is left
open). Chinese labels need a CJK font: one ships with the package (``fonts/``: Songnuan Sans SC,
Noto Sans CJK SC cut to the characters of GBK, under the SIL Open Font License), so a fresh
installation draws readable Chinese without any system font. Without any CJK font at all the
chart is drawn with English labels rather than boxes.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from matplotlib import font_manager, rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from flows.i18n import DEFAULT_LOCALE, N_, Translator, translator
from flows.review import State

log = logging.getLogger(__name__)

CJK_FONTS: Final = (
    "Songnuan Sans SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
)
STATE_LABELS: Final[dict[str, str]] = {
    State.DRAFT: N_("Draft"),
    State.SUBMITTED: N_("Submitted"),
    State.APPROVED: N_("Approved"),
    State.RETURNED: N_("Returned"),
    State.REJECTED: N_("Rejected"),
}
STATE_COLOURS: Final[dict[str, str]] = {
    State.DRAFT: "#c7c7c7",
    State.SUBMITTED: "#6baed6",
    State.APPROVED: "#31a354",
    State.RETURNED: "#fdae6b",
    State.REJECTED: "#de2d26",
}
MAX_UNITS: Final = 20  # the rest are drawn as one bar, so the chart stays readable on a phone
MAX_DAY_TICKS: Final = 10


@dataclass(frozen=True)
class UnitCounts:
    """How many registrations of one unit are in each state."""

    unit: str
    by_state: Mapping[str, int]

    @property
    def total(self) -> int:
        """All the unit's registrations."""
        return sum(self.by_state.values())


@dataclass(frozen=True)
class CampaignStats:
    """What the chart shows: counts per unit and state, submissions per day, the deadline."""

    units: tuple[UnitCounts, ...]
    submissions_per_day: tuple[tuple[dt.date, int], ...]
    deadline: dt.date


@cache
def cjk_font(candidates: tuple[str, ...] = CJK_FONTS) -> str | None:
    """The first font of ``candidates`` that matplotlib knows, the bundled one included."""
    _add_font_files()
    installed = {font.name for font in font_manager.fontManager.ttflist}
    found = next((name for name in candidates if name in installed), None)
    if found is None:
        log.warning("No CJK font found: charts use English labels")
    return found


# The bundled font, then where Debian's CJK font packages put their files. Matplotlib's font
# cache sees neither (it knows system fonts as they were when it first ran): added by path.
BUNDLED_FONT: Final = Path(__file__).parent / "fonts" / "SongnuanSansSC-Regular.otf"
CJK_FONT_FILES: Final = (
    BUNDLED_FONT,
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)


@cache
def _add_font_files() -> None:
    """Make the CJK font files there are known to matplotlib, once."""
    for path in CJK_FONT_FILES:
        if path.is_file():
            font_manager.fontManager.addfont(str(path))


def _states(units: Sequence[UnitCounts]) -> list[str]:
    """Known states in workflow order, then any others by name."""
    present = {state for unit in units for state in unit.by_state}
    return [s for s in STATE_LABELS if s in present] + sorted(present - STATE_LABELS.keys())


def _top_units(stats: CampaignStats, t: Translator) -> list[UnitCounts]:
    ranked = sorted(stats.units, key=lambda unit: -unit.total)
    if len(ranked) <= MAX_UNITS:
        return ranked
    rest = ranked[MAX_UNITS - 1 :]
    merged: dict[str, int] = {}
    for unit in rest:
        for state, count in unit.by_state.items():
            merged[state] = merged.get(state, 0) + count
    others = UnitCounts(t("{count} other units", count=len(rest)), merged)
    return [*ranked[: MAX_UNITS - 1], others]


def _draw_units(axes: Axes, stats: CampaignStats, t: Translator) -> None:
    units = _top_units(stats, t)[::-1]  # largest at the top
    names = [unit.unit for unit in units]
    left = [0] * len(units)
    for state in _states(units):
        counts = [unit.by_state.get(state, 0) for unit in units]
        label = t.gettext(STATE_LABELS[state]) if state in STATE_LABELS else state
        axes.barh(names, counts, left=left, label=label, color=STATE_COLOURS.get(state))
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_title(t("Registrations per unit, by state"))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    # The legend stands right of the bars, never over them or the axis label.
    axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small")
    axes.set_xlabel(t("Registrations"))


def _draw_days(axes: Axes, stats: CampaignStats, t: Translator) -> None:
    # Days are plotted as offsets from the first day shown, labelled month-day.
    shown = [day for day, _ in stats.submissions_per_day] + [stats.deadline]
    first, last = min(shown), max(shown)
    offsets = [(day - first).days for day, _ in stats.submissions_per_day]
    counts = [count for _, count in stats.submissions_per_day]
    axes.bar(offsets, counts, width=0.8, color="#3182bd")
    axes.axvline(
        (stats.deadline - first).days,
        color="#de2d26",
        linestyle="--",
        label=t("Deadline {date}", date=stats.deadline),
    )
    step = max(1, (last - first).days // MAX_DAY_TICKS + 1)
    ticks = list(range(0, (last - first).days + 1, step))
    axes.set_xticks(ticks, [f"{first + dt.timedelta(days=tick):%m-%d}" for tick in ticks])
    axes.set_title(t("Submissions per day"))
    axes.set_ylabel(t("Submissions"))
    axes.set_ylim(bottom=0, top=max(counts, default=0) * 1.25 + 1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper right", fontsize="small")


def stats_chart(
    stats: CampaignStats, *, locale: str = DEFAULT_LOCALE, fonts: tuple[str, ...] = CJK_FONTS
) -> bytes:
    """The campaign's statistics as a PNG picture, labelled in ``locale``."""
    font = cjk_font(fonts)
    t = translator(locale if font else "en")
    height = 3.5 + 0.3 * min(len(stats.units), MAX_UNITS)
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    buffer = io.BytesIO()
    with warnings.catch_warnings(), rc_context({"font.family": families}):
        if font is None:
            # Without a CJK font, Chinese unit names are drawn as boxes: known, and logged once.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure = Figure(figsize=(8, height), dpi=110, layout="constrained")
        FigureCanvasAgg(figure)
        top, bottom = figure.subplots(2, 1, height_ratios=[height - 3, 3])
        _draw_units(top, stats, t)
        _draw_days(bottom, stats, t)
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
