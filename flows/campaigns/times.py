"""A campaign's times: intake opens and closes, review closes, and further dated milestones."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class CampaignLike(Protocol):
    """What the domain reads from a campaign (the database row has these attributes)."""

    @property
    def intake_opens(self) -> dt.datetime: ...

    @property
    def intake_closes(self) -> dt.datetime: ...

    @property
    def review_closes(self) -> dt.datetime: ...

    @property
    def milestones(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Milestone:
    """A further dated moment a campaign wants reminded, e.g. "paper materials due"."""

    name: str
    at: dt.datetime

    @property
    def key(self) -> str:
        """A short stable name for the milestone (its time may move; its name does not)."""
        return milestone_key(self.name)


def milestone_key(name: str) -> str:
    """Eight hex digits naming a milestone by its name, short enough for a reminder kind."""
    return hashlib.sha256(name.encode()).hexdigest()[:8]


@dataclass(frozen=True)
class CampaignTimes:
    """The moments that govern a campaign, aware datetimes."""

    intake_opens: dt.datetime
    intake_closes: dt.datetime
    review_closes: dt.datetime
    milestones: tuple[Milestone, ...] = ()

    def __post_init__(self) -> None:
        moments = (self.intake_opens, self.intake_closes, self.review_closes)
        if any(moment.tzinfo is None for moment in moments):
            raise ValueError("campaign times must be aware datetimes")
        if not self.intake_opens < self.intake_closes <= self.review_closes:
            raise ValueError("intake opens < intake closes <= review closes must hold")

    @classmethod
    def of(cls, campaign: CampaignLike) -> CampaignTimes:
        """The times of a campaign record; milestones are ``{"name", "at"}`` in ISO format."""
        return cls(
            intake_opens=campaign.intake_opens,
            intake_closes=campaign.intake_closes,
            review_closes=campaign.review_closes,
            milestones=parse_milestones(campaign.milestones),
        )


def parse_milestones(raw: Sequence[Any]) -> tuple[Milestone, ...]:
    """Milestones as stored (a JSON list of ``{"name": ..., "at": ISO time}``), by time."""
    milestones = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping) or not {"name", "at"} <= item.keys():
            raise ValueError(f"milestones[{index}]: expected {{'name': ..., 'at': ...}}")
        at = dt.datetime.fromisoformat(str(item["at"]))
        if at.tzinfo is None:
            raise ValueError(f"milestones[{index}].at: {item['at']!r} names no time zone")
        milestones.append(Milestone(name=str(item["name"]), at=at))
    return tuple(sorted(milestones, key=lambda milestone: milestone.at))
