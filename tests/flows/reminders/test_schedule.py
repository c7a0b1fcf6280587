"""Which reminders are due when: each at its moment, missed ones while they help, never after."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from flows.campaigns import CampaignTimes
from flows.reminders import Audience, Kind, ReminderPolicy, Slot, due, upcoming
from tests.flows.reminders.times import JILIN, PAPER, at

POLICY = ReminderPolicy()


def due_of(kind: Kind, now: dt.datetime, times: CampaignTimes = JILIN) -> Slot | None:
    found = [slot for slot in due(times, POLICY, now) if slot.kind is kind]
    assert len(found) <= 1, "a series has at most one reminder due"
    return found[0] if found else None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(12, 21, 15, 59), None),  # before the first offset
        (at(12, 21, 16), at(12, 21, 16)),  # 7 days before, on the dot
        (at(12, 24, 12), at(12, 21, 16)),  # missed while down: the 7-day one still helps
        (at(12, 25, 16), at(12, 25, 16)),  # 3 days: the 7-day one is superseded, not sent late
        (at(12, 27, 16), at(12, 27, 16)),  # 1 day
        (at(12, 28, 14), at(12, 28, 14)),  # 2 hours
        (at(12, 28, 15, 59), at(12, 28, 14)),  # the 2-hour one, missed, still before the deadline
        (at(12, 28, 16), None),  # the deadline: too late for any
        (at(12, 30), None),
    ],
)
def test_draft_reminders_fall_at_their_offsets_and_never_after_the_deadline(
    now: dt.datetime, expected: dt.datetime | None
) -> None:
    slot = due_of(Kind.DRAFT, now)
    assert (slot.due_at if slot else None) == expected
    if slot:
        assert slot.audience is Audience.DRAFT_OWNERS
        assert slot.deadline == JILIN.intake_closes
        assert slot.key == "draft"


def test_extending_the_deadline_moves_every_draft_reminder() -> None:
    extended = dataclasses.replace(
        JILIN, intake_closes=at(1, 4, 16, year=2020), review_closes=at(1, 8, 17, year=2020)
    )
    assert due_of(Kind.DRAFT, at(12, 21, 16), extended) is None
    slot = due_of(Kind.DRAFT, at(12, 28, 16), extended)
    assert slot is not None and slot.due_at == at(12, 28, 16)
    assert slot.deadline == extended.intake_closes


def test_offsets_before_intake_opens_are_dropped() -> None:
    short = dataclasses.replace(JILIN, intake_opens=at(12, 26, 9))
    draft_moments = [s.due_at for s in upcoming(short, POLICY, at(12, 1), at(12, 29))]
    assert at(12, 21, 16) not in draft_moments and at(12, 25, 16) not in draft_moments
    assert due_of(Kind.DRAFT, at(12, 26, 10), short) is None
    assert due_of(Kind.DRAFT, at(12, 27, 16), short) is not None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(12, 1, 8), None),  # before intake opens
        (at(12, 1, 9), at(12, 1, 9)),  # the first morning: intake opens at 9:00
        (at(12, 10, 8, 59), at(12, 9, 9)),  # yesterday's, missed, until this morning's
        (at(12, 10, 9), at(12, 10, 9)),
        (at(12, 31, 9), at(12, 31, 9)),  # the last morning before review closes at 17:00
        (at(12, 31, 17), None),
    ],
)
def test_officers_digest_each_morning_while_the_review_is_open(
    now: dt.datetime, expected: dt.datetime | None
) -> None:
    slot = due_of(Kind.OFFICER_DIGEST, now)
    assert (slot.due_at if slot else None) == expected
    if slot:
        assert slot.audience is Audience.WAITING_OFFICERS


def test_a_daily_message_expires_at_the_next_one_or_the_deadline() -> None:
    slot = due_of(Kind.OFFICER_DIGEST, at(12, 31, 9))
    assert slot is not None and slot.expires_at == JILIN.review_closes
    slot = due_of(Kind.OFFICER_DIGEST, at(12, 9, 9))
    assert slot is not None and slot.expires_at == at(12, 10, 9)


def test_officers_are_reminded_before_review_closes() -> None:
    slot = due_of(Kind.OFFICER_DEADLINE, at(12, 30, 17))
    assert slot is not None and slot.due_at == at(12, 30, 17)
    assert slot.deadline == JILIN.review_closes


def test_the_provincial_summary_is_daily_in_the_evening() -> None:
    slot = due_of(Kind.PROVINCE_SUMMARY, at(12, 5, 18, 30))
    assert slot is not None and slot.due_at == at(12, 5, 18)
    assert slot.audience is Audience.PROVINCIAL_OFFICERS
    assert due_of(Kind.PROVINCE_SUMMARY, at(12, 31, 17)) is None


def test_returned_records_are_reminded_each_morning_and_before_review_closes() -> None:
    morning = due_of(Kind.RETURNED, at(12, 29, 10))
    assert morning is not None and morning.due_at == at(12, 29, 9)
    assert morning.audience is Audience.RETURNED_OWNERS
    last_call = due_of(Kind.RETURNED_DEADLINE, at(12, 31, 15))
    assert last_call is not None and last_call.due_at == at(12, 31, 15)


def test_milestones_are_reminded_to_officers_with_their_own_key() -> None:
    slot = due_of(Kind.MILESTONE, at(12, 30, 12))
    assert slot is not None and slot.milestone == PAPER
    assert slot.audience is Audience.CAMPAIGN_OFFICERS
    assert slot.key == f"milestone:{PAPER.key}"
    assert due_of(Kind.MILESTONE, at(12, 31, 12)) is None


def test_upcoming_lists_moments_in_order() -> None:
    moments = [slot.due_at for slot in upcoming(JILIN, POLICY, at(12, 27, 12), at(12, 28, 16))]
    assert moments == sorted(moments)
    assert at(12, 27, 16) in moments and at(12, 28, 14) in moments


def test_a_policy_refuses_offsets_that_are_not_before_the_deadline() -> None:
    with pytest.raises(ValueError, match="positive"):
        ReminderPolicy(draft_offsets=(dt.timedelta(0),))


def test_campaign_times_must_be_aware_and_in_order() -> None:
    with pytest.raises(ValueError, match="must hold"):
        dataclasses.replace(JILIN, intake_closes=at(11, 1))
    with pytest.raises(ValueError, match="aware"):
        dataclasses.replace(JILIN, intake_opens=dt.datetime(2019, 12, 1))  # noqa: DTZ001
