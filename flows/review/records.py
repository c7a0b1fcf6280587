"""What the review workflow needs to know about one record (no answers, no personal data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from flows.access import Level, RecordTarget
from flows.i18n import DEFAULT_ZONE
from flows.review.states import UNSUBMITTED, WAITING, State


@dataclass(frozen=True)
class RecordView:
    """One registration with its campaign's review chain and deadlines.

    ``decided_by`` names who made the last decision (for "already decided by …");
    ``field_ids`` are the fields an officer may flag on return (None: not checked);
    ``version`` is the stored row's version, carried by the card's buttons; ``zone`` is where
    deadlines are shown; an aid amount above ``amount_bound`` is granted only once confirmed.
    """

    id: int
    unit_id: int
    state: State
    level: Level | None
    levels: tuple[Level, ...]
    subject_user_id: int | None
    entered_by_user_id: int
    intake_opens: dt.datetime
    intake_closes: dt.datetime
    review_closes: dt.datetime
    aid_amount: Decimal | None = None
    version: int = 0
    decided_by: str | None = None
    field_ids: frozenset[str] | None = None
    zone: ZoneInfo = DEFAULT_ZONE
    amount_bound: Decimal | None = None

    @property
    def waiting_level(self) -> Level | None:
        """The level whose queue the record is in, or None if it waits for nobody."""
        return self.level if self.state in WAITING else None

    @property
    def last_level(self) -> Level:
        """The campaign's last review level, the one that sets the amount."""
        return self.levels[-1]

    @property
    def target(self) -> RecordTarget:
        """The record as the access matrix sees it."""
        return RecordTarget(
            unit_id=self.unit_id,
            submitted=self.state not in UNSUBMITTED,
            waiting_level=self.waiting_level,
            last_level=self.last_level,
            subject_user_id=self.subject_user_id,
            entered_by_user_id=self.entered_by_user_id,
        )
