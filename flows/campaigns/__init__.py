"""A campaign's deadlines, pure: when intake and review are open, what is left, how it reads.

``CampaignTimes.of(campaign)`` reads the times of anything shaped like a campaign (the
database row included); :func:`phase`, :func:`intake_open` and :func:`review_open` say what a
moment allows; :func:`check_move` and :func:`move_order` keep moved deadlines in order;
:func:`status_lines` and the notices say it in the reader's language.
"""

from flows.campaigns.deadlines import (
    DEADLINES,
    CampaignPhase,
    Deadline,
    DeadlineError,
    check_move,
    in_order,
    intake_open,
    move_order,
    phase,
    resubmission_deadline,
    resubmission_open,
    review_open,
    time_left,
)
from flows.campaigns.texts import (
    intake_closed_notice,
    remaining,
    review_closed_notice,
    status_lines,
)
from flows.campaigns.times import CampaignLike, CampaignTimes, Milestone, milestone_key

__all__ = [
    "DEADLINES",
    "CampaignLike",
    "CampaignPhase",
    "CampaignTimes",
    "Deadline",
    "DeadlineError",
    "Milestone",
    "check_move",
    "in_order",
    "intake_closed_notice",
    "intake_open",
    "milestone_key",
    "move_order",
    "phase",
    "remaining",
    "resubmission_deadline",
    "resubmission_open",
    "review_closed_notice",
    "review_open",
    "status_lines",
    "time_left",
]
