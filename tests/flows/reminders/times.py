"""Jilin's 2020 campaign times, the reference the reminder tests count from."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flows.campaigns import CampaignTimes, Milestone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2019) -> dt.datetime:
    """A moment in Shanghai time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


PAPER = Milestone("纸质材料报送", at(12, 31, 12))
JILIN = CampaignTimes(
    intake_opens=at(12, 1, 9),
    intake_closes=at(12, 28, 16),
    review_closes=at(12, 31, 17),
    milestones=(PAPER,),
)
