"""What a moment allows: registering, submitting, resubmitting a correction, deciding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Final, Literal, get_args

from flows.campaigns.times import CampaignLike, CampaignTimes

# The deadlines an officer or the command line may move (intake_opens is no deadline).
Deadline = Literal["intake_closes", "review_closes"]
DEADLINES: Final = get_args(Deadline)


class CampaignPhase(StrEnum):
    """Where a campaign stands at a moment."""

    NOT_OPEN = "not_open"  # before intake opens
    INTAKE = "intake"  # registrations are taken and reviewed
    REVIEW = "review"  # intake closed; officers still decide
    CLOSED = "closed"  # review closed: nothing changes any more


def phase(times: CampaignTimes, now: dt.datetime) -> CampaignPhase:
    """The campaign's phase at ``now`` (each deadline is the first moment it no longer allows)."""
    if now < times.intake_opens:
        return CampaignPhase.NOT_OPEN
    if now < times.intake_closes:
        return CampaignPhase.INTAKE
    if now < times.review_closes:
        return CampaignPhase.REVIEW
    return CampaignPhase.CLOSED


def intake_open(times: CampaignTimes, now: dt.datetime) -> bool:
    """Whether new registrations may be submitted at ``now``."""
    return phase(times, now) is CampaignPhase.INTAKE


def review_open(times: CampaignTimes, now: dt.datetime) -> bool:
    """Whether officers may still decide at ``now`` (from intake opening to review closing)."""
    return phase(times, now) in (CampaignPhase.INTAKE, CampaignPhase.REVIEW)


def resubmission_deadline(times: CampaignTimes) -> dt.datetime:
    """Until when a record returned for correction can be resubmitted.

    A correction answers an officer's request, which may come after intake closed, so it is
    accepted for as long as the officers can still decide on it.
    """
    return times.review_closes


def resubmission_open(times: CampaignTimes, now: dt.datetime) -> bool:
    """Whether a returned record may be resubmitted at ``now``."""
    return times.intake_opens <= now < resubmission_deadline(times)


def time_left(deadline: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """The time until ``deadline``, never negative."""
    return max(deadline - now, dt.timedelta(0))


def in_order(
    intake_opens: dt.datetime, intake_closes: dt.datetime, review_closes: dt.datetime
) -> bool:
    """Whether a campaign's times are in order: intake opens < intake closes <= review closes."""
    return intake_opens < intake_closes <= review_closes


class DeadlineError(ValueError):
    """A move that would put the campaign's times out of order."""


def check_move(times: CampaignLike, deadline: str, moment: dt.datetime) -> None:
    """Raise :class:`DeadlineError` unless moving ``deadline`` to ``moment`` keeps the times in
    order: intake opens < intake closes <= review closes."""
    if deadline not in DEADLINES:
        raise DeadlineError(f"not a deadline: {deadline}")
    intake_closes = moment if deadline == "intake_closes" else times.intake_closes
    review_closes = moment if deadline == "review_closes" else times.review_closes
    if not in_order(times.intake_opens, intake_closes, review_closes):
        raise DeadlineError("intake opens < intake closes <= review closes")


def move_order(times: CampaignLike, moves: Mapping[str, dt.datetime]) -> list[str]:
    """The order in which to move several deadlines one at a time: the registration's first,
    unless it would pass the review's current close (then the review's first)."""
    intake = moves.get("intake_closes")
    intake_first = intake is None or intake <= times.review_closes
    order = DEADLINES if intake_first else DEADLINES[::-1]
    return [deadline for deadline in order if deadline in moves]
