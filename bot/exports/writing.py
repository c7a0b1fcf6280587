"""Writing a scope's records as a table: fetched in batches, decrypted and written off the loop.

The writers in :mod:`bot.workbooks` are synchronous (openpyxl) and take an iterable of records.
They run in a worker thread; the records they iterate are fetched batch by batch from the
database on the event loop (:func:`asyncio.run_coroutine_threadsafe`), so the bot keeps
answering other chats while a large table is written, and only one batch is in memory at a time.
Decryption happens in the thread too, as part of writing each row.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.exports.records import export_record
from flows.audit import AuditKind, Exported
from flows.exports.scope import Selection, Units
from flows.forms import load_form
from flows.tables import ExportContext, ExportRecord, PersonTable, SummaryTable, load_table
from storage.crypto import Vault
from storage.models import Campaign, Registration
from storage.repositories import audit, exports
from storage.repositories.exports import BATCH_SIZE

# Called with (records written so far, records in the export) before each further batch.
Progress = Callable[[int, int], Awaitable[None]]


class FileFormat(StrEnum):
    """What the table is written as."""

    XLSX = "xlsx"
    CSV = "csv"


@dataclass(frozen=True)
class ExportJob:
    """One export: which campaign, table, units and records, for whom, in which format."""

    campaign: Campaign
    table_id: str
    units: Units
    selection: Selection
    context: ExportContext
    file_format: FileFormat = FileFormat.XLSX

    @property
    def table(self) -> SummaryTable | PersonTable:
        """The table's layout."""
        return load_table(self.campaign.form_id, self.table_id)


def campaign_date(campaign: Campaign, zone: ZoneInfo) -> dt.date:
    """The date ages are counted at: the day the campaign's intake closes (the tables' date)."""
    return campaign.intake_closes.astimezone(zone).date()


def campaign_printing(campaign: Campaign, zone: ZoneInfo, selection: Selection) -> dict[str, Any]:
    """What an export's context takes from the campaign and the selection for printing.

    The campaign's year is the one its intake opens in (a winter campaign is named for the
    year it starts: Jilin's 2019 tables for the campaign of the 2020 Spring Festival); the
    tables are due when its review closes.
    """
    return {
        "year": campaign.intake_opens.astimezone(zone).year,
        "deadline": campaign.review_closes.astimezone(zone).date(),
        "all_submitted": selection is Selection.ALL,
    }


async def count(session: AsyncSession, job: ExportJob) -> int:
    """How many records the export writes."""
    return await exports.count(session, job.campaign.id, job.units, job.selection)


async def write_export(
    session: AsyncSession,
    vault: Vault,
    job: ExportJob,
    out: BinaryIO,
    *,
    total: int = 0,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Write the job's table to ``out``; returns the records written.

    ``progress`` hears, before each batch after the first, how many records are written of
    ``total``.
    """
    loop = asyncio.get_running_loop()
    form = load_form(job.campaign.form_id)
    table = job.table
    names = await exports.unit_names(session)
    batches = exports.stream(session, job.campaign.id, job.units, job.selection, batch_size)
    fetched = 0

    async def next_batch() -> Sequence[Registration] | None:
        nonlocal fetched
        if progress is not None and fetched:
            await progress(fetched, total)
        batch = await anext(batches, None)
        fetched += len(batch or ())
        return batch

    def records() -> Iterator[ExportRecord]:
        while (batch := asyncio.run_coroutine_threadsafe(next_batch(), loop).result()) is not None:
            for registration in batch:
                yield export_record(vault, form, registration, names)

    def write() -> int:
        # The writers load openpyxl (and numpy through it): a second of every process's
        # start-up if imported with this module; here on the worker thread, on first use.
        from bot.workbooks import write_csv, write_xlsx

        if job.file_format is FileFormat.XLSX:
            return write_xlsx(table, records(), job.context, out)
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        try:
            return write_csv(table, records(), job.context, text)
        finally:
            text.flush()
            text.detach()  # the caller's stream stays open

    try:
        return await asyncio.to_thread(write)
    finally:
        await batches.aclose()


def record_export(
    session: AsyncSession, job: ExportJob, rows: int, *, actor_user_id: int | None, by: str
) -> None:
    """Audit an export: who, which table, unit(s) and records, how many rows, by which way."""
    audit.record(
        session,
        AuditKind.EXPORTED,
        actor_user_id=actor_user_id,
        campaign_id=job.campaign.id,
        details=Exported(
            table=job.table_id,
            units="all" if job.units is None else sorted(job.units),
            state=job.selection.value,
            rows=rows,
            format=job.file_format.value,
            full_numbers=job.context.full_numbers,
            by=by,
        ),
    )
