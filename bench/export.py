"""Export of 100,000 approved records to the Henan 实名制汇总表, against plain openpyxl.

The engine's run decrypts each record's ID, card and phone (AES-GCM, as storage keeps them),
builds the row from the layout and streams it, styled, into the workbook. The baseline writes
the same cell values, already in plain text, with a bare write-only openpyxl workbook. Peak
memory is each run's maximum resident size, measured in a fresh subprocess.

Run: ``python -m bench export`` (``SONGNUAN_BENCH_EXPORT_ROWS`` overrides the row count).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final

from openpyxl import Workbook

from bench.table import BenchRow
from bot.workbooks import write_xlsx
from flows.tables import ExportContext, ExportRecord, load_table
from storage.crypto import Vault

ROWS: Final = int(os.environ.get("SONGNUAN_BENCH_EXPORT_ROWS", "100000"))
RATIO_TARGET: Final = 1.5
MEMORY_TARGET_MB: Final = 300
CONTEXT: Final = ExportContext(
    unit_name="河南省直属机关工会工作委员会",
    contact_person="叶强",
    contact_phone="65902430",
    issued=dt.date(2016, 12, 13),
    as_of=dt.date(2017, 1, 10),
    full_numbers=True,
)
_SURNAMES: Final = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN: Final = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


@dataclass(frozen=True, slots=True)
class Person:
    """One synthetic approved registration: plain fields and the sealed sensitive ones."""

    name: str
    sex: str
    birth_date: str
    work_unit: str
    resident_id: str
    bank_card: str
    phone: str
    sealed_id: bytes
    sealed_card: bytes
    sealed_phone: bytes
    aid_amount: Decimal


def people(count: int, vault: Vault) -> list[Person]:
    """``count`` reproducible people, their ID, card and phone encrypted."""
    draw = random.Random(2017)
    units = [f"河南省第{n}厅机关" for n in range(1, 201)]
    made = []
    for _ in range(count):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=draw.randrange(15000))
        resident_id = f"410105{birth:%Y%m%d}{draw.randrange(1000):03d}{draw.choice('0123456789X')}"
        card = "6231" + "".join(draw.choices("0123456789", k=15))
        phone = "+861" + "".join(draw.choices("3456789", k=1) + draw.choices("0123456789", k=9))
        made.append(
            Person(
                name=draw.choice(_SURNAMES) + "".join(draw.choices(_GIVEN, k=draw.randint(1, 2))),
                sex=draw.choice(("male", "female")),
                birth_date=birth.isoformat(),
                work_unit=draw.choice(units),
                resident_id=resident_id,
                bank_card=card,
                phone=phone,
                sealed_id=vault.encrypt(resident_id.encode(), context=b"resident_id"),
                sealed_card=vault.encrypt(card.encode(), context=b"bank_card"),
                sealed_phone=vault.encrypt(phone.encode(), context=b"phone"),
                aid_amount=Decimal(draw.choice((500, 800, 1000, 1500))),
            )
        )
    return made


def _records(source: list[Person], vault: Vault) -> Iterator[ExportRecord]:
    for number, person in enumerate(source, 1):
        answers = {
            "name": person.name,
            "sex": person.sex,
            "birth_date": person.birth_date,
            "work_unit": person.work_unit,
            "resident_id": vault.decrypt(person.sealed_id, context=b"resident_id").decode(),
            "bank_card": vault.decrypt(person.sealed_card, context=b"bank_card").decode(),
            "phone": vault.decrypt(person.sealed_phone, context=b"phone").decode(),
        }
        yield ExportRecord(
            record_id=number,
            answers=answers,
            computed={},
            unit_name=person.work_unit,
            state="approved",
            aid_amount=person.aid_amount,
            submitted_at=None,
        )


def export_engine(source: list[Person], vault: Vault, path: Path) -> None:
    """The engine: decrypt, build rows from the layout, stream the styled table."""
    with path.open("wb") as out:
        write_xlsx(load_table("henan-2017", "summary"), _records(source, vault), CONTEXT, out)


def export_plain(source: list[Person], vault: Vault, path: Path) -> None:
    """The baseline: the same cell values, plain, in a bare write-only workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sex = {"male": "男", "female": "女"}
    for number, person in enumerate(source, 1):
        born = dt.date.fromisoformat(person.birth_date)
        age = CONTEXT.as_of.year - born.year - ((born.month, born.day) > (1, 10))
        sheet.append(
            [
                number,
                person.name,
                sex[person.sex],
                age,
                person.resident_id,
                person.bank_card,
                person.work_unit,
                person.phone[3:],
                person.aid_amount,
            ]
        )
    with path.open("wb") as out:
        workbook.save(out)


RUNS: Final[dict[str, Callable[[list[Person], Vault, Path], None]]] = {
    "engine": export_engine,
    "plain": export_plain,
}


def _timed(run: str, source: list[Person], vault: Vault, path: Path) -> float:
    started = time.perf_counter()
    RUNS[run](source, vault, path)
    return time.perf_counter() - started


def _peak_mb(run: str) -> tuple[float, float]:
    """Peak resident memory in MB of a fresh interpreter: with the data made, after ``run``."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.export", run],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    data, peak = result.stdout.split()
    return float(data), float(peak)


def run() -> list[BenchRow]:
    """Time both runs in this process, then measure their peak memory in subprocesses."""
    vault = Vault(bytes(32))
    source = people(ROWS, vault)
    with tempfile.TemporaryDirectory() as folder:
        plain = _timed("plain", source, vault, Path(folder) / "plain.xlsx")
        engine = _timed("engine", source, vault, Path(folder) / "engine.xlsx")
        size_mb = (Path(folder) / "engine.xlsx").stat().st_size / 1e6
    ratio = engine / plain
    ratio_met = ratio <= RATIO_TARGET
    (data_mb, engine_mb), (_, plain_mb) = _peak_mb("engine"), _peak_mb("plain")
    name = f"export {ROWS:,} rows"
    return [
        BenchRow(name, "plain openpyxl write-only", f"{plain:.2f} s"),
        BenchRow(name, "engine incl. decryption", f"{engine:.2f} s ({size_mb:.1f} MB file)"),
        BenchRow(name, "time ratio engine/plain", f"{ratio:.2f}", f"≤ {RATIO_TARGET}", ratio_met),
        BenchRow(name, "peak memory, synthetic data alone", f"{data_mb:.0f} MB"),
        BenchRow(name, "peak memory, plain", f"{plain_mb:.0f} MB"),
        BenchRow(
            name,
            "peak memory, engine",
            f"{engine_mb:.0f} MB",
            f"< {MEMORY_TARGET_MB} MB",
            engine_mb < MEMORY_TARGET_MB,
        ),
    ]


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure_child(run: str) -> None:
    """Subprocess entry: make the data, run once, print the peak sizes before and after."""
    vault = Vault(bytes(32))
    source = people(ROWS, vault)
    data_mb = _peak_rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        RUNS[run](source, vault, Path(folder) / "out.xlsx")
    print(data_mb, _peak_rss_mb())


if __name__ == "__main__":
    _measure_child(sys.argv[1])
