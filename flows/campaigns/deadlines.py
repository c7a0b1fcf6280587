"""What a moment allows: registering, submitting, resubmitting a correction, deciding."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from flows.campaigns.times import CampaignTimes


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
