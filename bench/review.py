"""The officers' side at scale: the queue, a decision, and a province's numbers.

A temporary SQLite database holds a province of 20 departments with 5 units each and
``SONGNUAN_BENCH_REVIEW_RECORDS`` submitted records (5000 by default; a quarter of them wait at
the province, the rest at their units), each with a sealed state
about the size of a filled-in Jilin form. Figures: the queue (count and the oldest card) for a
unit officer and for the province, one decision (the guarded update and its audit event,
committed), and ``/stats`` for the whole province, which opens every record's sealed answers
to count hardship types.

Run: ``python -m bench review``.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.table import BenchRow
from bot.usecases.deciding import apply_decision
from flows.access import Actor, actor
from flows.registration import Phase, new_state
from flows.review import Approve
from storage.crypto import Vault
from storage.database import create_engine, session_factory, upgrade
from storage.models import Campaign, Registration, Unit, User
from storage.repositories import registrations, review, stats

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
NOW: Final = dt.datetime(2020, 1, 5, 10, 0, tzinfo=SHANGHAI)
DEPARTMENTS, UNITS_EACH = 20, 5
VAULT: Final = Vault(base64.b64decode(base64.b64encode(bytes(range(32)))))
QUEUE_TARGET_MS, DECIDE_TARGET_MS, STATS_TARGET_S = 50.0, 50.0, 2.0


def _answers(number: int) -> dict[str, Any]:
    """Answers of the size and shape of a filled-in Jilin form (made up, no real person)."""
    return {
        "name": f"职工{number}",
        "resident_id": f"2201021985{number % 10000:04d}123X",
        "sex": "female",
        "birth_date": "1985-06-15",
        "age": 34,
        "ethnicity": "han",
        "unit_and_position": "某某厅某某处 科员",
        "phone": "+8613812345678",
        "household_size": 3,
        "own_income": "2100.00",
        "wages": "3200.00",
        "business_income": "0.00",
        "property_income": "0.00",
        "transfer_income": "300.00",
        "income_tax": "0.00",
        "social_security": "420.00",
        "necessary_expenses": "800.00",
        "months_at_current_income": 8,
        "address": "长春市朝阳区某某街道某某小区3栋2单元501室",
        "bank_card": "6222024200123456784",
        "hardship_types": ["low_income", "serious_illness"][: 1 + number % 2],
        "causes": ["schooling"] if number % 3 == 0 else [],
        "hardship_reason": "爱人患尿毒症长期透析，女儿上初中，家庭收入低。" * 2,
        "receives_minimum_living": False,
        "homes_owned": 1,
        "owns_shop_or_employs": False,
        "children_private_school_or_abroad": False,
        "uses_ships_or_machinery": False,
        "family": [
            {"name": "家属甲", "age": 36, "relationship": "spouse", "unit": "无"},
            {"name": "家属乙", "age": 13, "relationship": "child", "unit": "某某中学 学生"},
        ],
        "documents": [{"file_id": f"AgACAgUAAxkBAAI{number:08d}", "kind": "photo"}],
    }


async def _build(path: Path, records: int) -> tuple[AsyncEngine, list[int], int, int]:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await upgrade(engine)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        province = Unit(code="p", name="p", kind="province")
        session.add(province)
        await session.flush()
        unit_ids: list[int] = []
        for d in range(DEPARTMENTS):
            department = Unit(code=f"d{d}", name=f"d{d}", kind="department", parent_id=province.id)
            session.add(department)
            await session.flush()
            for u in range(UNITS_EACH):
                unit = Unit(code=f"d{d}u{u}", name="u", kind="unit", parent_id=department.id)
                session.add(unit)
                await session.flush()
                unit_ids.append(unit.id)
        campaign = Campaign(
            code="c",
            name="c",
            form_id="jilin-2020",
            policy_id="jilin-2020",
            intake_opens=NOW - dt.timedelta(days=30),
            intake_closes=NOW - dt.timedelta(days=5),
            review_closes=NOW + dt.timedelta(days=5),
        )
        session.add(campaign)
        owner = User(telegram_id=1, display_name="w", role="worker", unit_id=unit_ids[0])
        # One account acts for every officer below; scopes come from the roles given to it.
        officer = User(telegram_id=2, display_name="o", role="unit_officer", unit_id=unit_ids[0])
        session.add_all([owner, officer])
        await session.flush()
        for number in range(records):
            state = new_state("jilin-2020").but(phase=Phase.SUBMITTED, answers=_answers(number))
            registration = registrations.new_draft(
                session,
                VAULT,
                campaign_id=campaign.id,
                unit_id=unit_ids[number % len(unit_ids)],
                entered_by_user_id=owner.id,
                subject_user_id=None,
                state=state,
            )
            # A quarter already went up the chain and waits at the province.
            at_province = number % 4 == 3
            registration.state = "approved" if at_province else "submitted"
            registration.level = "province" if at_province else "unit"
            registration.submitted_at = NOW - dt.timedelta(minutes=records - number)
        await session.flush()
        return engine, unit_ids, campaign.id, officer.id


async def _timed(work: Callable[[], Awaitable[object]], repeat: int) -> float:
    """The median wall time of ``work`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def _measure(records: int) -> list[BenchRow]:
    with tempfile.TemporaryDirectory() as folder:
        engine, unit_ids, campaign_id, officer_id = await _build(Path(folder) / "bench.db", records)
        sessions = session_factory(engine)
        async with sessions() as session:
            tree = {unit.id: unit.parent_id for unit in await session.scalars(select(Unit))}
        officer = actor(officer_id, "unit_officer", unit_ids[0], tree)
        province = actor(officer_id, "province_officer", min(tree), tree)

        async def queue(who: Actor) -> None:
            async with sessions() as session:
                await review.waiting(session, who, campaign_id=campaign_id, now=NOW)

        decided = iter(number + 1 for number in range(records) if number % 4 != 3)

        async def decide() -> None:
            async with sessions() as session, session.begin():
                registration = await session.get(Registration, next(decided))
                assert registration is not None
                chief = actor(officer_id, "unit_officer", registration.unit_id, tree)
                await apply_decision(session, VAULT, registration, Approve(), chief, NOW)

        async def numbers() -> None:
            async with sessions() as session:
                campaign = await session.get(Campaign, campaign_id)
                assert campaign is not None
                await stats.for_scope(session, VAULT, province, campaign)

        unit_ms = await _timed(lambda: queue(officer), 20)
        province_ms = await _timed(lambda: queue(province), 20)
        decide_ms = await _timed(decide, 50)
        stats_s = await _timed(numbers, 3) / 1000
        await engine.dispose()
    label = f"review ({records} records)"
    return [
        BenchRow(label, "queue, unit officer", f"{unit_ms:.1f} ms", f"< {QUEUE_TARGET_MS:.0f} ms",
                 unit_ms < QUEUE_TARGET_MS),
        BenchRow(label, "queue, province", f"{province_ms:.1f} ms", f"< {QUEUE_TARGET_MS:.0f} ms",
                 province_ms < QUEUE_TARGET_MS),
        BenchRow(label, "one decision, committed", f"{decide_ms:.1f} ms",
                 f"< {DECIDE_TARGET_MS:.0f} ms", decide_ms < DECIDE_TARGET_MS),
        BenchRow(label, "/stats, whole province", f"{stats_s:.2f} s", f"< {STATS_TARGET_S:.0f} s",
                 stats_s < STATS_TARGET_S),
    ]  # fmt: skip


def run() -> list[BenchRow]:
    """Measure the queue, a decision and the numbers over a province of records."""
    records = int(os.environ.get("SONGNUAN_BENCH_REVIEW_RECORDS", "5000"))
    return asyncio.run(_measure(records))
