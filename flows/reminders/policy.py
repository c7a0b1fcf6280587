"""When reminders go out: offsets before deadlines and the hours of the daily messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from flows.i18n import DEFAULT_ZONE

DEFAULT_OFFSETS: Final = (
    dt.timedelta(days=7),
    dt.timedelta(days=3),
    dt.timedelta(days=1),
    dt.timedelta(hours=2),
)
MILESTONE_OFFSETS: Final = (dt.timedelta(days=1), dt.timedelta(hours=2))


@dataclass(frozen=True)
class ReminderPolicy:
    """The installation's reminder settings; daily messages are at local times of ``zone``."""

    draft_offsets: tuple[dt.timedelta, ...] = DEFAULT_OFFSETS
    returned_offsets: tuple[dt.timedelta, ...] = DEFAULT_OFFSETS
    officer_offsets: tuple[dt.timedelta, ...] = DEFAULT_OFFSETS
    milestone_offsets: tuple[dt.timedelta, ...] = MILESTONE_OFFSETS
    morning: dt.time = dt.time(9, 0)  # officers' digest and returned-record reminders
    evening: dt.time = dt.time(18, 0)  # the provincial summary of the day
    zone: ZoneInfo = DEFAULT_ZONE

    def __post_init__(self) -> None:
        offsets = (
            *self.draft_offsets,
            *self.returned_offsets,
            *self.officer_offsets,
            *self.milestone_offsets,
        )
        if any(offset <= dt.timedelta(0) for offset in offsets):
            raise ValueError("reminder offsets must be positive (they count back from a deadline)")
        if self.morning.tzinfo is not None or self.evening.tzinfo is not None:
            raise ValueError("the daily hours are local times of the policy's zone, without tzinfo")
