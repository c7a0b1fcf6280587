"""How a campaign's deadlines read: status lines for /start and /status, closing notices.

Times are stored in UTC; each text is shown in the installation's time zone (``zone``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_timedelta

from flows.campaigns.deadlines import CampaignPhase, phase, time_left
from flows.campaigns.times import CampaignTimes
from flows.i18n import N_, Message, Translator


def remaining(t: Translator, delta: dt.timedelta) -> str:
    """The time left in whole days, else hours, else minutes: ``8天`` / ``8 days``, ``2 hours``.

    Never rounded up to a larger unit: "1 week" for eight days would hide a day from someone
    racing a deadline.
    """
    if delta >= DAY:
        days = DAY * (delta // DAY)
        return format_timedelta(days, granularity="day", threshold=NEVER, locale=t.locale)
    if delta >= HOUR:
        hours = HOUR * (delta // HOUR)
        return format_timedelta(hours, granularity="hour", threshold=NEVER, locale=t.locale)
    minutes = dt.timedelta(minutes=max(1, delta // MINUTE))
    return format_timedelta(minutes, granularity="minute", threshold=NEVER, locale=t.locale)


DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)
NEVER = float("inf")  # never switch to a larger unit


def status_lines(
    t: Translator, name: str, times: CampaignTimes, now: dt.datetime, zone: ZoneInfo
) -> list[str]:
    """The campaign's name, where it stands and how long is left, then its coming milestones."""
    closes = times.intake_closes.astimezone(zone)
    review_closes = times.review_closes.astimezone(zone)
    match phase(times, now):
        case CampaignPhase.NOT_OPEN:
            opens = times.intake_opens.astimezone(zone)
            lines = [t("{campaign}: registration opens on {opens}.", campaign=name, opens=opens)]
        case CampaignPhase.INTAKE:
            lines = [
                t(
                    "{campaign}: registration is open until {closes} ({remaining} left).",
                    campaign=name,
                    closes=closes,
                    remaining=remaining(t, time_left(closes, now)),
                )
            ]
        case CampaignPhase.REVIEW:
            lines = [
                t(
                    "{campaign}: registration closed on {closes}; officers review until "
                    "{review_closes}.",
                    campaign=name,
                    closes=closes,
                    review_closes=review_closes,
                )
            ]
        case CampaignPhase.CLOSED:
            lines = [t("{campaign} closed on {closes}.", campaign=name, closes=review_closes)]
    for milestone in times.milestones:
        if milestone.at > now:
            lines.append(
                t(
                    "{milestone}: {at} ({remaining} left)",
                    milestone=milestone.name,
                    at=milestone.at.astimezone(zone),
                    remaining=remaining(t, time_left(milestone.at, now)),
                )
            )
    return lines


def intake_closed_notice(times: CampaignTimes, zone: ZoneInfo) -> Message:
    """Told to someone who answers or submits after intake closed: the draft is kept."""
    return Message(
        N_(
            "The registration closed on {closes}, so it can no longer be submitted. Your "
            "answers are kept. If you think this is a mistake, please contact your union officer."
        ),
        {"closes": times.intake_closes.astimezone(zone)},
    )


def review_closed_notice(times: CampaignTimes, zone: ZoneInfo) -> Message:
    """Told to an officer who decides after review closed."""
    return Message(
        N_("The review of this campaign closed on {closes}; no more decisions can be taken."),
        {"closes": times.review_closes.astimezone(zone)},
    )
