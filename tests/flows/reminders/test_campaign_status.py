"""A campaign's phase and how its deadlines read in /start and /status."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from flows.campaigns import (
    CampaignPhase,
    CampaignTimes,
    intake_closed_notice,
    intake_open,
    phase,
    resubmission_open,
    review_open,
    status_lines,
)
from flows.i18n import translator
from tests.flows.reminders.times import JILIN, PAPER, SHANGHAI, at


@pytest.mark.parametrize(
    ("now", "expected", "intake", "review"),
    [
        (at(11, 30), CampaignPhase.NOT_OPEN, False, False),
        (at(12, 1, 9), CampaignPhase.INTAKE, True, True),
        (at(12, 28, 15, 59), CampaignPhase.INTAKE, True, True),
        (at(12, 28, 16), CampaignPhase.REVIEW, False, True),
        (at(12, 31, 17), CampaignPhase.CLOSED, False, False),
    ],
)
def test_each_deadline_is_the_first_moment_it_no_longer_allows(
    now: dt.datetime, expected: CampaignPhase, intake: bool, review: bool
) -> None:
    assert phase(JILIN, now) is expected
    assert intake_open(JILIN, now) is intake
    assert review_open(JILIN, now) is review


def test_a_returned_record_can_be_resubmitted_until_review_closes() -> None:
    assert resubmission_open(JILIN, at(12, 30))
    assert not resubmission_open(JILIN, at(12, 31, 17))


@pytest.mark.parametrize(
    ("locale", "now", "first"),
    [
        ("zh_CN", at(12, 25, 16), "送温暖：登记开放至12月28日 16:00（还剩3天）。"),
        ("en", at(12, 25, 16), "送温暖: registration is open until Dec 28, 16:00 (3 days left)."),
        ("en", at(11, 20), "送温暖: registration opens on Dec 1, 09:00."),
        ("zh_CN", at(12, 29), "送温暖：登记已于12月28日 16:00截止；工会审核至12月31日 17:00。"),
        ("en", at(1, 5, year=2020), "送温暖 closed on Dec 31, 17:00."),
    ],
)
def test_status_lines_say_where_the_campaign_stands(
    locale: str, now: dt.datetime, first: str
) -> None:
    lines = status_lines(translator(locale), "送温暖", JILIN, now, SHANGHAI)
    assert lines[0] == first


def test_status_lines_list_the_milestones_still_ahead() -> None:
    lines = status_lines(translator("en"), "送温暖", JILIN, at(12, 30, 12), SHANGHAI)
    assert lines[-1] == "纸质材料报送: Dec 31, 12:00 (1 day left)"
    assert len(status_lines(translator("en"), "送温暖", JILIN, at(12, 31, 13), SHANGHAI)) == 1


def test_times_read_from_a_campaign_record_in_utc_show_in_local_time() -> None:
    record = SimpleNamespace(
        intake_opens=JILIN.intake_opens.astimezone(dt.UTC),
        intake_closes=JILIN.intake_closes.astimezone(dt.UTC),
        review_closes=JILIN.review_closes.astimezone(dt.UTC),
        milestones=[{"name": PAPER.name, "at": PAPER.at.isoformat()}],
    )
    times = CampaignTimes.of(record)
    assert times.milestones == (PAPER,)
    notice = translator("zh_CN").render(intake_closed_notice(times, SHANGHAI))
    assert notice.startswith("登记已于12月28日 16:00截止")


def test_a_milestone_without_a_time_zone_is_refused() -> None:
    record = SimpleNamespace(
        intake_opens=JILIN.intake_opens,
        intake_closes=JILIN.intake_closes,
        review_closes=JILIN.review_closes,
        milestones=[{"name": "x", "at": "2019-12-31T12:00"}],
    )
    with pytest.raises(ValueError, match="time zone"):
        CampaignTimes.of(record)
