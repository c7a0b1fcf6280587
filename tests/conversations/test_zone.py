"""An installation in another time zone shows each moment in that zone on every screen.

The campaign's deadlines fall on another day in Berlin than in Beijing, so a screen that kept
Beijing time would show another day than the others.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.clock import ManualClock
from bot.context import Services
from bot.reminders import run_due_reminders
from bot.settings import Settings
from bot.standin.running import StandInBot
from storage.models import AuditEvent, Campaign, Registration
from tests.auxil.scenario import SHANGHAI, UNIT_OFFICER, WORKER, seed
from tests.conversations.registration import fill_henan
from tests.conversations.test_exports import approve_all, workbook_of

BERLIN = ZoneInfo("Europe/Berlin")
# 28 Dec 06:00 in Beijing is 27 Dec 23:00 in Berlin; 1 Jan 03:00 is 31 Dec 20:00.
INTAKE_CLOSES = dt.datetime(2019, 12, 28, 6, 0, tzinfo=SHANGHAI)
REVIEW_CLOSES = dt.datetime(2020, 1, 1, 3, 0, tzinfo=SHANGHAI)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The test installation, in Berlin."""
    return settings.model_copy(update={"timezone": "Europe/Berlin"})


async def test_status_reminder_history_and_export_agree_on_berlin_time(
    services: Services, standin: StandInBot, clock: ManualClock
) -> None:
    assert services.settings.zone == BERLIN
    await seed(services, "henan-2017")
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(Campaign).values(intake_closes=INTAKE_CLOSES, review_closes=REVIEW_CLOSES)
        )
    worker = standin.user(WORKER, "李芳")

    await worker.send("/status")
    assert worker.last.text.startswith("2020年元旦春节送温暖：登记开放至12月27日 23:00（")

    await fill_henan(worker, "zh_CN")
    # A week before the intake closes, the draft's reminder names the same moment.
    clock.set(dt.datetime(2019, 12, 21, 6, 5, tzinfo=SHANGHAI))
    assert (await run_due_reminders(services, standin.application.bot)).sent == 1
    assert "12月27日 23:00" in worker.last.text

    await worker.press("📨 提交")
    await worker.press("✅ 确认提交")
    await approve_all(services)

    # The record's history shows its submission (stamped by the wall clock) in Berlin time.
    async with services.sessions() as session:
        record_id = await session.scalar(select(Registration.id))
        stamped = await session.scalar(select(AuditEvent.at).where(AuditEvent.kind == "submitted"))
    assert record_id is not None and stamped is not None
    in_berlin = stamped.astimezone(BERLIN)
    officer = standin.user(UNIT_OFFICER, "李明")
    await officer.send(f"/history {record_id}")
    assert f"\n{in_berlin.month}月{in_berlin.day}日 {in_berlin:%H:%M} · 李芳 · 提交 · " in (
        officer.last.text
    )

    clock.set(dt.datetime(2019, 12, 30, 10, 0, tzinfo=SHANGHAI))
    await worker.send("/status")
    assert "12月27日 23:00" in worker.last.text and "12月31日 20:00" in worker.last.text

    # The table is due the day the review closes in Berlin: 31 Dec, not Beijing's 1 Jan.
    await officer.send("/export")
    await officer.press("实名制汇总表")
    await officer.press("已审核通过（含上级审核中的）")
    document = officer.last.document
    assert document is not None
    assert workbook_of(standin, document)["A5"].value.startswith("注:1.此表于2019年12月31日前")
