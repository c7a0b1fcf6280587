"""A layout made ready for one export: the campaign's year and deadline in its title and
footnotes, and, for an export of every submitted record, a state column and a title that says
the table is no submission list.

The notices print fixed dates (``此表于2017年1月10日前报省直工会``, ``2019年…汇总表``); the layouts
write ``{year}`` and ``{deadline}`` instead, so the next campaign prints its own.
"""

from __future__ import annotations

from typing import Any, Final

from flows.i18n import N_, translator
from flows.tables.layout import Column, Fill, PersonTable, SummaryTable
from flows.tables.records import ExportContext
from flows.tables.values import date_zh

ALL_SUBMITTED: Final = N_("(every submitted record, not the submission list)")
STATE_HEADER: Final = N_("Review state")
STATE_WIDTH: Final = 18.0


def campaign_text(template: str, context: ExportContext) -> str:
    """``template`` with ``{year}`` and ``{deadline}`` (written 2017年1月10日) filled in."""
    year = context.year if context.year is not None else context.as_of.year
    deadline = date_zh(context.deadline or context.as_of)
    return template.replace("{year}", str(year)).replace("{deadline}", deadline)


def for_export(
    table: SummaryTable | PersonTable, context: ExportContext
) -> SummaryTable | PersonTable:
    """The layout as this export prints it."""
    title = campaign_text(table.title, context)
    changes: dict[str, Any] = {
        "footnotes": tuple(campaign_text(note, context) for note in table.footnotes)
    }
    if context.all_submitted:
        t = translator(context.locale, context.zone)
        title += t(ALL_SUBMITTED)
        if isinstance(table, SummaryTable):
            state = Column(
                header=t(STATE_HEADER),
                width=STATE_WIDTH,
                align="left",
                fill=Fill(derived="state"),
            )
            changes["columns"] = (*table.columns, state)
    changes["title"] = title
    return table.model_copy(update=changes)
