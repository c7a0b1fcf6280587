"""Export from the database: 100,000 approved Henan records, as ``/export`` and ``songnuan
export`` write them, end to end.

A SQLite database is filled with sealed registrations (whole conversation states, encrypted as
storage keeps them) across 200 units; then, in a fresh interpreter each, the Henan 实名制汇总表
is written as .xlsx and as CSV by :func:`bot.exports.write_export`: the streamed query, the
decryption of every state, the computed incomes and the styled rows. For comparison, the same
records already in memory are written by the engine alone. Peak memory is the interpreter's
maximum resident size.

Run: ``python -m bench exporting`` (``SONGNUAN_BENCH_EXPORTING_ROWS`` overrides the count).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from bench.export import CONTEXT
from bench.table import BenchRow
from bot.exports import ExportJob, FileFormat, campaign_date, count, write_export
from bot.workbooks import write_xlsx
from flows.exports.scope import Selection
from flows.forms import computed_values, load_form
from flows.registration import Phase, RegistrationState
from flows.tables import ExportRecord, load_table
from storage.crypto import Vault
from storage.database import create_engine, session_factory, upgrade
from storage.models import Campaign, Registration, Unit, User
from storage.repositories import registrations

ROWS: Final = int(os.environ.get("SONGNUAN_BENCH_EXPORTING_ROWS", "100000"))
UNITS: Final = 200
MEMORY_TARGET_MB: Final = 300
SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
VAULT: Final = Vault(bytes(range(32)))


def answers(draw: random.Random) -> dict[str, Any]:
    """One Henan registration's answers, canonical, as the conversation leaves them."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=draw.randrange(15000))
    return {
        "name": draw.choice("王李张刘陈杨赵黄周吴") + draw.choice("伟芳娜敏静丽强磊军洋"),
        "resident_id": f"410105{born:%Y%m%d}{draw.randrange(1000):03d}{draw.choice('0123456789X')}",
        "sex": draw.choice(("male", "female")),
        "birth_date": born.isoformat(),
        "ethnicity": "汉族",
        "work_unit": f"河南省第{draw.randrange(1, 201)}厅机关",
        "phone": "+861" + "".join(draw.choices("3456789", k=1) + draw.choices("0123456789", k=9)),
        "address": "郑州市金水区经三路12号",
        "household_size": 3,
        "own_income": "1100.00",
        "wages": "1800.00",
        "business_income": "0.00",
        "property_income": "120.00",
        "transfer_income": "0.00",
        "causes": ["illness", "schooling"],
        "hardship_reason": "本人患乳腺癌，手术及化疗费用高，孩子上大学。",
        "enterprise_restructured": False,
        "migrant_worker": False,
        "party_aided": False,
        "single_mother": draw.random() < 0.2,
        "card_type": "union_card",
        "bank_card": "6231" + "".join(draw.choices("0123456789", k=15)),
    }


async def fill(url: str, rows: int) -> None:
    """A database with ``rows`` approved records of one Henan campaign across the units."""
    engine = create_engine(url)
    await upgrade(engine)
    draw = random.Random(2017)
    async with session_factory(engine)() as session, session.begin():
        province = Unit(code="province", name="河南省直属机关工会工作委员会", kind="province")
        session.add(province)
        await session.flush()
        units = [
            Unit(code=f"u{n}", name=f"河南省第{n}厅机关工会", kind="unit", parent_id=province.id)
            for n in range(1, UNITS + 1)
        ]
        session.add_all(units)
        worker = User(telegram_id=1, display_name="", role="worker", unit_id=province.id)
        campaign = Campaign(
            code="henan",
            name="2017年元旦春节送温暖",
            form_id="henan-2017",
            policy_id="henan-2017",
            intake_opens=dt.datetime(2016, 12, 13, 9, tzinfo=SHANGHAI),
            intake_closes=dt.datetime(2017, 1, 10, 17, tzinfo=SHANGHAI),
            review_closes=dt.datetime(2017, 1, 20, 17, tzinfo=SHANGHAI),
        )
        session.add_all([worker, campaign])
        await session.flush()
        submitted = dt.datetime(2016, 12, 20, 9, tzinfo=SHANGHAI)
        values = []
        for number in range(rows):
            sealed = Registration()
            state = RegistrationState(
                form_id="henan-2017", phase=Phase.SUBMITTED, answers=answers(draw)
            )
            registrations.seal_state(VAULT, sealed, state)
            values.append(
                {
                    "campaign_id": campaign.id,
                    "unit_id": units[number % UNITS].id,
                    "entered_by_user_id": worker.id,
                    "state": "aid_granted",
                    "level": "province",
                    "sealed_state": sealed.sealed_state,
                    "resident_id_hash": f"h{number}",
                    "aid_amount": Decimal(draw.choice((500, 800, 1000, 1500))),
                    "version": 1,
                    "submitted_at": submitted + dt.timedelta(seconds=number),
                }
            )
        await session.execute(insert(Registration), values)
    await engine.dispose()


async def export(url: str, out: Path, file_format: FileFormat) -> int:
    """The whole path of an export: query, decrypt, compute, write."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            campaign = await session.scalar(select(Campaign))
            assert campaign is not None
            context = dataclasses.replace(CONTEXT, as_of=campaign_date(campaign, SHANGHAI))
            job = ExportJob(campaign, "summary", None, Selection.APPROVED, context, file_format)
            total = await count(session, job)
            with out.open("wb") as stream:
                return await write_export(session, VAULT, job, stream, total=total)
    finally:
        await engine.dispose()


def in_memory(rows: int) -> float:
    """The engine alone writing the same kind of records, already decrypted, in memory."""
    draw = random.Random(2017)
    form = load_form("henan-2017")
    records = []
    for number in range(rows):
        given = answers(draw)
        computed = computed_values(form.computed, given)
        records.append(ExportRecord(number, given, computed, "单位", "aid_granted", None, None))
    started = time.perf_counter()
    write_xlsx(load_table("henan-2017", "summary"), records, CONTEXT, io.BytesIO())
    return time.perf_counter() - started


def peak_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's ``VmHWM`` is the peak of this program alone; ``ru_maxrss`` would carry over the
    size of the (large) benchmark process that started it, since exec keeps the high-water mark.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(url: str, file_format: str, out: str) -> None:
    """Subprocess entry: one export; prints the records, seconds and peak memory (MB)."""
    started = time.perf_counter()
    written = asyncio.run(export(url, Path(out), FileFormat(file_format)))
    elapsed = time.perf_counter() - started
    print(written, elapsed, peak_mb())


def _measure(url: str, file_format: FileFormat, out: Path) -> tuple[int, float, float]:
    result = subprocess.run(
        [sys.executable, "-m", "bench.exporting", url, file_format.value, str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    written, seconds, peak = result.stdout.split()
    return int(written), float(seconds), float(peak)


def run() -> list[BenchRow]:
    """Fill a database, export it twice in fresh interpreters, and write it from memory."""
    name = f"export {ROWS:,} records from the database"
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        asyncio.run(fill(url, ROWS))
        rows.append(
            BenchRow(name, "filling the database", f"{time.perf_counter() - started:.1f} s")
        )
        for file_format in FileFormat:
            out = Path(folder) / f"out.{file_format.value}"
            written, seconds, peak = _measure(url, file_format, out)
            assert written == ROWS, (written, ROWS)
            size = out.stat().st_size / 1e6
            rows.append(
                BenchRow(
                    name, f"{file_format.value}, end to end", f"{seconds:.2f} s ({size:.1f} MB)"
                )
            )
            rows.append(
                BenchRow(
                    name,
                    f"{file_format.value}, peak memory",
                    f"{peak:.0f} MB",
                    f"< {MEMORY_TARGET_MB} MB",
                    peak < MEMORY_TARGET_MB,
                )
            )
    rows.append(BenchRow(name, "xlsx by the engine from memory", f"{in_memory(ROWS):.2f} s"))
    return rows


if __name__ == "__main__":
    _child(*sys.argv[1:4])
