"""1,000 reminders through the Bot API stand-in with Telegram's limits enforced.

The stand-in answers 429 past 30 messages in any one-second window overall or one a second
per chat (:class:`bot.standin.TelegramLimits`). Each worker has an unfinished draft and the
7-day reminder is due; one run of :func:`bot.reminders.run_due_reminders` sends them all
through the :class:`bot.reminders.FloodLimiter`, recording each before it is sent. Figures:
the achieved rate as a share of the allowed 30 a second (the run's whole time, the database
work included), and the 429s met (none expected). PTB's own ``AIORateLimiter`` is measured
beside it, for comparison, on a smaller batch.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bench.table import BenchRow
from bot.clock import ManualClock
from bot.context import Services
from bot.reminders import FloodLimiter, run_due_reminders
from bot.settings import Settings
from bot.standin import BotApiStandIn, StandInRequest, TelegramLimits
from flows.registration import new_state
from storage.crypto import Vault
from storage.database import create_engine, session_factory, upgrade
from storage.installation import CampaignPlan, Person, install, tree
from storage.repositories import registrations

REMINDERS = 1000
COMPARISON = 200  # AIORateLimiter's batch: enough to show its bursts, without waiting long
ALLOWED_PER_SECOND = 30
TARGET_RATIO = 0.9
TOKEN = "5550001:STAND-IN"
TREE = tree("p", "省直机关工会", tree("d", "厅局工会", tree("u1", "单位")))
ZONE = ZoneInfo("Asia/Shanghai")


def run() -> list[BenchRow]:
    """Measure both limiters and report the figures."""
    flood = asyncio.run(_measure(REMINDERS, FloodLimiter()))
    ptb = asyncio.run(_measure(COMPARISON, AIORateLimiter(overall_max_rate=30, max_retries=10)))
    return [
        BenchRow(
            "reminders",
            "reminders sent (FloodLimiter)",
            str(flood.sent),
            str(REMINDERS),
            flood.sent == REMINDERS,
        ),
        BenchRow("reminders", "run time", f"{flood.seconds:.1f} s"),
        BenchRow(
            "reminders",
            "achieved rate / allowed 30/s",
            f"{flood.ratio:.3f}",
            f">= {TARGET_RATIO}",
            flood.ratio >= TARGET_RATIO,
        ),
        BenchRow("reminders", "429 answers", str(flood.refused), "0", flood.refused == 0),
        BenchRow("reminders", f"AIORateLimiter, {COMPARISON} sent: 429 answers", str(ptb.refused)),
        BenchRow(
            "reminders", f"AIORateLimiter, {COMPARISON} sent: rate / allowed", f"{ptb.ratio:.3f}"
        ),
    ]


class _Result:
    def __init__(self, sent: int, seconds: float, refused: int) -> None:
        self.sent = sent
        self.seconds = seconds
        self.refused = refused
        self.ratio = sent / seconds / ALLOWED_PER_SECOND if seconds else 0.0


async def _measure(count: int, limiter: BaseRateLimiter[Any]) -> _Result:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        try:
            await upgrade(engine)
            now = dt.datetime(2019, 12, 21, 16, 0, tzinfo=ZONE)
            services = Services(
                settings=Settings(_env_file=None, data_dir=Path(folder)),  # type: ignore[call-arg]
                sessions=session_factory(engine),
                vault=Vault(secrets.token_bytes(32)),
                clock=ManualClock(now),
            )
            server = BotApiStandIn(limits=TelegramLimits())
            await _seed(services, server, count, now)
            bot = ExtBot(TOKEN, request=StandInRequest(server), rate_limiter=limiter)
            await bot.initialize()
            started = time.perf_counter()
            report = await run_due_reminders(services, bot, now)
            seconds = time.perf_counter() - started
            await bot.shutdown()
            assert server.limits is not None
            return _Result(report.sent, seconds, server.limits.refused)
        finally:
            await engine.dispose()


async def _seed(services: Services, server: BotApiStandIn, count: int, now: dt.datetime) -> None:
    """A unit, a campaign whose intake closes in a week less a minute, and ``count`` drafts."""
    campaign = CampaignPlan(
        code="bench",
        name="送温暖",
        form_id="jilin-2020",
        intake_opens=now - dt.timedelta(days=20),
        intake_closes=now + dt.timedelta(days=7),
        review_closes=now + dt.timedelta(days=10),
        units=("u1",),
    )
    workers = [Person(900_000 + n, f"w{n}", "u1", locale="zh_CN") for n in range(count)]
    async with services.sessions() as session, session.begin():
        made = await install(session, TREE, [campaign], workers)
        unit_id = made.units["u1"]
        state = new_state("jilin-2020")
        touched = now - dt.timedelta(days=2)
        for worker in workers:
            server.open_chat(worker.telegram_id, worker.name, "zh-hans")
            draft = registrations.new_draft(
                session,
                services.vault,
                campaign_id=made.campaigns[campaign.code],
                unit_id=unit_id,
                entered_by_user_id=made.users[worker.telegram_id],
                subject_user_id=made.users[worker.telegram_id],
                state=state,
            )
            draft.created_at = draft.updated_at = touched
