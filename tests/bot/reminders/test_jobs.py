"""The periodic job on the application's JobQueue runs reminders with the services' clock."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import CHECKPOINT_JOB, REDELIVERY_JOB, build_application
from bot.reminders import JOB_NAME, schedule_reminders
from bot.settings import Settings
from bot.standin import StandInRequest
from tests.bot.reminders.world import build_world
from tests.flows.reminders.times import at


async def test_the_job_is_registered_and_a_run_sends_what_is_due(
    engine: AsyncEngine, settings: Settings
) -> None:
    world = await build_world(engine, settings, at(12, 21, 16, 1))
    await world.person("zhang", "worker", "u1")
    await world.registration("zhang", touched=at(12, 3))
    application = build_application(world.services, request=StandInRequest(world.server))
    job = schedule_reminders(application, interval=dt.timedelta(minutes=5))
    assert job.name == JOB_NAME
    jobs = [j.name for j in application.job_queue.jobs()]  # type: ignore[union-attr]
    assert sorted(jobs) == sorted([CHECKPOINT_JOB, REDELIVERY_JOB, JOB_NAME])
    async with application:
        await job.run(application)
        await job.run(application)
    assert len(world.texts_to("zhang")) == 1
