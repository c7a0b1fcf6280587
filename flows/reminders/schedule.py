"""Which reminders are due at a moment, computed from the campaign's current times.

Each kind of reminder is a series of moments (offsets before a deadline, or a local hour each
day). At ``now`` a series has at most one reminder due: the latest moment already reached,
as long as it still helps (before its deadline, and for a daily message before the next one).
So a reminder missed while the bot was down is sent at start if it still helps and never
after, an older one missed with it is superseded rather than sent late, and moving a deadline
moves every reminder with it. Whether a reminder was sent already is the caller's record
(campaign, person, ``Slot.key``, ``Slot.due_at``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from flows.campaigns.deadlines import resubmission_deadline
from flows.campaigns.times import CampaignTimes, Milestone
from flows.reminders.kinds import Audience, Kind
from flows.reminders.policy import ReminderPolicy

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Slot:
    """One reminder moment: what it is about, for whom, and until when it still helps."""

    kind: Kind
    due_at: dt.datetime
    deadline: dt.datetime  # the moment the reminder speaks of
    expires_at: dt.datetime  # from then on it no longer helps and is dropped
    audience: Audience
    milestone: Milestone | None = None

    @property
    def key(self) -> str:
        """The kind recorded with each delivery (a milestone's names which milestone)."""
        if self.milestone is not None:
            return f"{self.kind}:{self.milestone.key}"
        return str(self.kind)

    def helps_at(self, now: dt.datetime) -> bool:
        """Whether the reminder is reached at ``now`` and still worth sending."""
        return self.due_at <= now < self.expires_at


def series(times: CampaignTimes, policy: ReminderPolicy) -> list[list[Slot]]:
    """Every series of the campaign, each in time order."""
    opens, review_closes = times.intake_opens, times.review_closes
    resubmit_by = resubmission_deadline(times)
    all_series = [
        _before(
            Kind.DRAFT, Audience.DRAFT_OWNERS, times.intake_closes, policy.draft_offsets, opens
        ),
        _daily(Kind.RETURNED, Audience.RETURNED_OWNERS, opens, resubmit_by, policy.morning, policy),
        _before(
            Kind.RETURNED_DEADLINE,
            Audience.RETURNED_OWNERS,
            resubmit_by,
            policy.returned_offsets,
            opens,
        ),
        _daily(
            Kind.OFFICER_DIGEST,
            Audience.WAITING_OFFICERS,
            opens,
            review_closes,
            policy.morning,
            policy,
        ),
        _before(
            Kind.OFFICER_DEADLINE,
            Audience.WAITING_OFFICERS,
            review_closes,
            policy.officer_offsets,
            opens,
        ),
        _daily(
            Kind.PROVINCE_SUMMARY,
            Audience.PROVINCIAL_OFFICERS,
            opens,
            review_closes,
            policy.evening,
            policy,
        ),
    ]
    for milestone in times.milestones:
        all_series.append(
            _before(
                Kind.MILESTONE,
                Audience.CAMPAIGN_OFFICERS,
                milestone.at,
                policy.milestone_offsets,
                opens,
                milestone,
            )
        )
    return all_series


def due(times: CampaignTimes, policy: ReminderPolicy, now: dt.datetime) -> list[Slot]:
    """The reminders due at ``now``: per series, the latest moment reached, if it still helps."""
    found = []
    for slots in series(times, policy):
        reached = [slot for slot in slots if slot.due_at <= now]
        if reached and reached[-1].helps_at(now):
            found.append(reached[-1])
    return found


def upcoming(
    times: CampaignTimes, policy: ReminderPolicy, now: dt.datetime, until: dt.datetime
) -> list[Slot]:
    """The reminders whose moment falls after ``now`` up to ``until``, in time order."""
    slots = (slot for each in series(times, policy) for slot in each)
    return sorted(
        (slot for slot in slots if now < slot.due_at <= until), key=lambda slot: slot.due_at
    )


def _before(
    kind: Kind,
    audience: Audience,
    deadline: dt.datetime,
    offsets: Iterable[dt.timedelta],
    not_before: dt.datetime,
    milestone: Milestone | None = None,
) -> list[Slot]:
    moments = sorted({deadline - offset for offset in offsets})
    return [
        Slot(kind, moment, deadline, deadline, audience, milestone)
        for moment in moments
        if moment >= not_before
    ]


def _daily(
    kind: Kind,
    audience: Audience,
    start: dt.datetime,
    end: dt.datetime,
    at: dt.time,
    policy: ReminderPolicy,
) -> list[Slot]:
    return [
        Slot(kind, moment, end, min(moment + _DAY, end), audience)
        for moment in _local_days(start, end, at, policy)
    ]


def _local_days(
    start: dt.datetime, end: dt.datetime, at: dt.time, policy: ReminderPolicy
) -> Iterator[dt.datetime]:
    day = start.astimezone(policy.zone).date()
    last = end.astimezone(policy.zone).date()
    while day <= last:
        moment = dt.datetime.combine(day, at, tzinfo=policy.zone)
        if start <= moment < end:
            yield moment
        day += _DAY
