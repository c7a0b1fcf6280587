"""The /stats picture renders, with or without a Chinese font."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from fontTools.ttLib import TTFont
from matplotlib import image

from bot.workbooks.charts import (
    BUNDLED_FONT,
    MAX_UNITS,
    CampaignStats,
    UnitCounts,
    cjk_font,
    stats_chart,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _stats(units: int) -> CampaignStats:
    return CampaignStats(
        units=tuple(
            UnitCounts(f"吉林省第{n}厅机关工会", {"approved": n, "submitted": 2, "returned": 1})
            for n in range(1, units + 1)
        ),
        submissions_per_day=tuple(
            (dt.date(2019, 12, 16) + dt.timedelta(days=day), day % 5) for day in range(12)
        ),
        deadline=dt.date(2019, 12, 28),
    )


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("units", [1, MAX_UNITS + 15])
def test_the_chart_is_a_png(locale: str, units: int) -> None:
    picture = stats_chart(_stats(units), locale=locale)
    assert picture.startswith(PNG_SIGNATURE)
    height, width, _ = image.imread(io.BytesIO(picture)).shape
    assert width >= 800 and height >= 400


def test_without_a_cjk_font_the_chart_still_renders() -> None:
    picture = stats_chart(_stats(3), fonts=("No Such Font",))
    assert picture.startswith(PNG_SIGNATURE)


def test_unknown_states_and_empty_days_are_drawn() -> None:
    stats = CampaignStats(
        units=(UnitCounts("省直工会", {"archived": 3}),),
        submissions_per_day=(),
        deadline=dt.date(2017, 1, 10),
    )
    assert stats_chart(stats).startswith(PNG_SIGNATURE)


def test_a_fresh_installation_draws_chinese_with_the_bundled_font() -> None:
    # Only the font that ships with the package: none of the system's is asked for.
    assert cjk_font(("Songnuan Sans SC",)) == "Songnuan Sans SC"
    # Warnings are errors here: a unit name drawn as boxes would fail the test.
    picture = stats_chart(_stats(3), locale="zh_CN", fonts=("Songnuan Sans SC",))
    assert picture.startswith(PNG_SIGNATURE)


def test_the_bundled_font_writes_every_unit_name_character() -> None:
    font = TTFont(BUNDLED_FONT)
    covered = set(font.getBestCmap())
    names = "吉林省直机关工会省财政厅国库处工会小组河南省交通运输厅郑州铁路局鄂尔多斯镕钢珺"
    assert {ord(character) for character in names} <= covered
    assert font["name"].getDebugName(1) == "Songnuan Sans SC"
