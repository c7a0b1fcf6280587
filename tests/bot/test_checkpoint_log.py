"""The write-ahead log's checkpoint runs every second without writing to the log."""

from __future__ import annotations

import asyncio
import logging

import pytest
from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent

from bot.app import CHECKPOINT_JOB, EXECUTOR_LOG
from bot.standin.running import StandInBot


async def test_checkpoint_runs_log_nothing_below_warning(
    standin: StandInBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    job_queue = standin.application.job_queue
    assert job_queue is not None
    (checkpoint,) = job_queue.get_jobs_by_name(CHECKPOINT_JOB)
    ran = asyncio.Event()
    runs = 0

    def executed(event: JobExecutionEvent) -> None:
        nonlocal runs
        if event.job_id == checkpoint.job.id:
            runs += 1
            if runs == 2:
                ran.set()

    loop = asyncio.get_running_loop()
    job_queue.scheduler.add_listener(
        lambda event: loop.call_soon_threadsafe(executed, event), EVENT_JOB_EXECUTED
    )
    await asyncio.wait_for(ran.wait(), timeout=30)
    # At INFO, the default level, nothing; the scheduler's own DEBUG lines are asked for.
    logged = [r for r in caplog.records if r.name.startswith("apscheduler")]
    assert [r for r in logged if r.levelno >= logging.INFO] == []

    # Other jobs' lines, and the checkpoint's own trouble, are logged as before.
    executor_log = logging.getLogger(EXECUTOR_LOG)
    executor_log.info('Job "%s" executed successfully', "reminders")
    executor_log.warning('Run time of job "%s" was missed by %s', checkpoint.job, "0:00:05")
    executor_log.error('Job "%s" raised an exception', checkpoint.job)
    assert [r.levelname for r in caplog.records if r.name == EXECUTOR_LOG] == [
        "INFO",
        "WARNING",
        "ERROR",
    ]
