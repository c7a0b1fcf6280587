"""Moving a campaign's deadlines keeps its times in order."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.campaigns import CampaignTimes, DeadlineError, check_move, move_order

DAY = dt.timedelta(days=1)
OPENS = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
TIMES = CampaignTimes(OPENS, OPENS + 10 * DAY, OPENS + 20 * DAY)


def test_a_deadline_moves_within_the_order() -> None:
    check_move(TIMES, "intake_closes", OPENS + 20 * DAY)  # closing with the review is allowed
    check_move(TIMES, "review_closes", OPENS + 10 * DAY)
    check_move(TIMES, "review_closes", OPENS + 30 * DAY)


@pytest.mark.parametrize(
    ("deadline", "moment"),
    [
        ("intake_closes", OPENS + 21 * DAY),  # after the review
        ("intake_closes", OPENS),  # not after the opening
        ("review_closes", OPENS + 9 * DAY),  # before the registration
        ("intake_opens", OPENS - DAY),  # no deadline
    ],
)
def test_a_move_out_of_order_is_refused(deadline: str, moment: dt.datetime) -> None:
    with pytest.raises(DeadlineError):
        check_move(TIMES, deadline, moment)


def test_two_deadlines_move_in_an_order_that_stays_valid_in_between() -> None:
    later = {"intake_closes": OPENS + 25 * DAY, "review_closes": OPENS + 30 * DAY}
    assert move_order(TIMES, later) == ["review_closes", "intake_closes"]
    earlier = {"intake_closes": OPENS + 5 * DAY, "review_closes": OPENS + 8 * DAY}
    assert move_order(TIMES, earlier) == ["intake_closes", "review_closes"]
    assert move_order(TIMES, {"review_closes": OPENS + 30 * DAY}) == ["review_closes"]
