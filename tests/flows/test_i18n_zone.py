"""A translator shows moments in the installation's zone, the one it was made with."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flows.i18n import DEFAULT_ZONE, translator

MOMENT = dt.datetime(2019, 12, 28, 8, 0, tzinfo=dt.UTC)


def test_a_moment_reads_in_the_translators_zone() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert translator("en", berlin).moment(MOMENT) == "Dec 28, 09:00"
    assert translator("zh_CN", berlin).moment(MOMENT) == "12月28日 09:00"
    assert translator("en").moment(MOMENT) == "Dec 28, 16:00"
    assert translator("en").zone == DEFAULT_ZONE


def test_a_moment_in_a_message_reads_in_the_translators_zone() -> None:
    t = translator("en", ZoneInfo("America/New_York"))
    assert t("Due {moment}", moment=MOMENT) == "Due Dec 28, 03:00"
