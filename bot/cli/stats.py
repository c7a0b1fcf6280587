"""``songnuan stats``: a campaign's numbers as tables, the ones ``/stats`` shows and draws.

The command line acts as the installation's administrator: every unit, or the units under
``--unit``.
"""

from __future__ import annotations

import argparse
import asyncio
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import database_session, fail, settings_or_exit
from bot.exports import stats
from flows.access import Actor, Role, Scope, descendants
from flows.i18n import SUPPORTED_LOCALES, Translator, translator
from flows.review import State
from storage.crypto import Vault, load_master_key
from storage.repositories import campaigns, units

if TYPE_CHECKING:
    from bot.workbooks.charts import CampaignStats

TOTAL_STATES = (State.DRAFT, State.SUBMITTED, State.APPROVED, State.RETURNED, State.REJECTED)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` command."""
    parser = subparsers.add_parser("stats", help="a campaign's numbers, as /stats shows them")
    parser.add_argument("--campaign", required=True, help="the campaign's code")
    parser.add_argument("--unit", help="a unit's code (a department: all its units)")
    parser.add_argument("--locale", choices=SUPPORTED_LOCALES, help="default: the installation's")
    parser.add_argument("--chart", type=Path, help="also write the /stats chart (PNG) here")
    parser.set_defaults(handler=_stats)


def width(text: str) -> int:
    """How many terminal columns ``text`` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def table(rows: Sequence[Sequence[str]], numeric_from: int = 1) -> list[str]:
    """Rows as aligned lines: text columns to the left, numbers to the right."""
    widths = [max(width(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            padding = " " * (widths[index] - width(cell))
            cells.append(padding + cell if index >= numeric_from else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return lines


def _stats(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    vault = Vault(load_master_key(secret, settings.data_dir))
    t = translator(args.locale or settings.locale, settings.zone)

    async def work(session: AsyncSession) -> list[str]:
        campaign = await campaigns.by_code(session, args.campaign)
        if campaign is None:
            fail(f"no campaign {args.campaign!r}")
        admin, scope_name = await _administrator(session, args.unit, t)
        lines = [f"{campaign.code} · {campaign.name} · {scope_name}", ""]
        lines += await stats.text_lines(session, vault, admin, campaign, t)
        numbers = await stats.chart_numbers(
            session, campaign, None if admin.scope.everywhere else admin.scope.units, settings.zone
        )
        lines += ["", *_unit_table(numbers, t), "", *_day_table(numbers, t)]
        if args.chart is not None:
            from bot.workbooks.charts import stats_chart

            picture = await asyncio.to_thread(stats_chart, numbers, locale=t.locale)
            args.chart.write_bytes(picture)
            lines += ["", f"chart written to {args.chart}"]
        return lines

    async def main() -> list[str]:
        async with database_session(settings) as session:
            return await work(session)

    for line in asyncio.run(main()):
        print(line)
    return 0


async def _administrator(
    session: AsyncSession, code: str | None, t: Translator
) -> tuple[Actor, str]:
    """The installation's administrator over every unit, or over ``code`` and its units."""
    if code is None:
        return Actor(None, Role.PROVINCE_OFFICER, None, Scope(everywhere=True)), t("All units")
    unit = await units.by_code(session, code)
    if unit is None:
        fail(f"no unit {code!r}")
    tree = units.parents(await units.all_units(session))
    scope = Scope(descendants(tree, unit.id))
    return Actor(None, Role.PROVINCE_OFFICER, unit.id, scope), unit.name


def _unit_table(numbers: CampaignStats, t: Translator) -> list[str]:
    from bot.workbooks.charts import STATE_LABELS

    header = [t("Unit"), *(t.gettext(STATE_LABELS[state]) for state in TOTAL_STATES)]
    header.append(t("Total"))
    rows = [header]
    sums = dict.fromkeys(TOTAL_STATES, 0)
    for unit in sorted(numbers.units, key=lambda unit: -unit.total):
        counts = [unit.by_state.get(state, 0) for state in TOTAL_STATES]
        for state, number in zip(TOTAL_STATES, counts, strict=True):
            sums[state] += number
        rows.append([unit.unit, *(str(number) for number in counts), str(unit.total)])
    rows.append([t("All units"), *(str(sums[state]) for state in TOTAL_STATES)])
    rows[-1].append(str(sum(sums.values())))
    return [t("Registrations per unit, by state"), *table(rows)]


def _day_table(numbers: CampaignStats, t: Translator) -> list[str]:
    rows = [[t("Day"), t("Submissions")]]
    rows += [[day.isoformat(), str(count)] for day, count in numbers.submissions_per_day]
    title = t("Submissions per day; intake closes on {date}", date=numbers.deadline)
    return [title, *table(rows)]
