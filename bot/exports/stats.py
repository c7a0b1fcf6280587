"""A scope's statistics: the text of ``/stats`` and the numbers its chart draws.

The chart's module (``bot.workbooks.charts``) loads matplotlib; it is imported where the numbers
are gathered, so that starting the bot or any other command does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import Actor
from flows.exports.scope import Units
from flows.forms import load_form
from flows.forms.texts import render_text
from flows.i18n import Translator
from flows.review import State, hardship_labels, stats_lines
from storage.crypto import Vault
from storage.models import Campaign
from storage.repositories import exports
from storage.repositories import stats as scope_stats

if TYPE_CHECKING:
    from bot.workbooks.charts import CampaignStats

# The chart knows five states; the others are drawn as the state they continue: a corrected
# record waits again like a submitted one, and granted aid is approval at the last level.
CHART_STATE: Final[dict[str, str]] = {
    State.RESUBMITTED: State.SUBMITTED,
    State.AID_GRANTED: State.APPROVED,
}


async def text_lines(
    session: AsyncSession, vault: Vault, officer: Actor, campaign: Campaign, t: Translator
) -> list[str]:
    """The scope's numbers as lines: by state, waiting per level, by hardship type, aid.

    Raises :class:`~flows.access.Refused` for someone who may not see them.
    """
    numbers = await scope_stats.for_scope(session, vault, officer, campaign)
    labels = hardship_labels(load_form(campaign.form_id))
    return [render_text(line, t) for line in stats_lines(numbers, labels)]


async def chart_numbers(
    session: AsyncSession, campaign: Campaign, units: Units, zone: ZoneInfo
) -> CampaignStats:
    """Records per unit and state (every campaign unit in scope, even one without records),
    and first submissions per day, against the day intake closes."""
    from bot.workbooks.charts import CampaignStats, UnitCounts

    counts = await exports.counts_by_unit(session, campaign.id, units)
    names = {
        unit.id: unit.name for unit in await exports.campaign_units(session, campaign.id, units)
    }
    if counts.keys() - names.keys():
        # Records of a unit the campaign no longer lists still count.
        every = await exports.unit_names(session)
        names.update({unit_id: every[unit_id] for unit_id in counts.keys() - names.keys()})
    rows = []
    for unit_id, name in names.items():
        folded: dict[str, int] = {}
        for state, number in counts.get(unit_id, {}).items():
            shown = CHART_STATE.get(state, state)
            folded[shown] = folded.get(shown, 0) + number
        rows.append(UnitCounts(name, folded))
    days = await exports.submissions_per_day(session, campaign.id, units, zone)
    deadline = campaign.intake_closes.astimezone(zone).date()
    return CampaignStats(tuple(rows), tuple(days), deadline)
