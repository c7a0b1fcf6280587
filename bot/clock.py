"""The bot's sense of time, injectable so that tests can move it."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Tells the current moment as an aware datetime."""

    def now(self) -> dt.datetime:
        """The current moment."""
        ...


class SystemClock:
    """The real time, in the installation's time zone."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone

    def now(self) -> dt.datetime:
        """The current moment in the installation's time zone."""
        return dt.datetime.now(self.zone)


class ManualClock:
    """A clock that stands still until moved; for tests and benchmarks."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a manual clock needs an aware datetime")
        self._now = start

    def now(self) -> dt.datetime:
        """The moment the clock was last set to."""
        return self._now

    def set(self, moment: dt.datetime) -> None:
        """Jump to ``moment``."""
        self._now = moment

    def advance(self, delta: dt.timedelta) -> None:
        """Move forward by ``delta``."""
        self._now += delta
