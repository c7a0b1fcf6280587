"""The periodic job on python-telegram-bot's JobQueue: reminders due, then broadcasts left.

The job asks the services' clock for the time, so it does not matter when exactly the
scheduler wakes it: each run sends what is due and not yet recorded. One run at a time (a
run that takes longer than the interval makes the next one wait, not overlap), and across
processes one sender at a time: while another holds the sending lease, the run waits for the
next minute.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Final

from telegram.ext import Job

from bot.context import BotContext, SongnuanApplication
from bot.reminders.runner import resume_broadcasts, run_due_reminders
from flows.reminders import ReminderPolicy
from storage.leases import LeaseBusy

log = logging.getLogger(__name__)

JOB_NAME: Final = "songnuan-reminders"
FIRST_RUN: Final = dt.timedelta(seconds=5)  # soon after start: send what was missed meanwhile


def schedule_reminders(
    application: SongnuanApplication,
    *,
    interval: dt.timedelta | None = None,
    first: dt.timedelta = FIRST_RUN,
    policy: ReminderPolicy | None = None,
) -> Job[Any]:
    """Run reminders and pending broadcasts every ``interval`` once the application starts."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError('no job queue: install "python-telegram-bot[job-queue]"')
    interval = interval or application.services.settings.job_interval
    return job_queue.run_repeating(
        tick,
        interval=interval,
        first=min(first, interval),
        name=JOB_NAME,
        data=policy,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )


async def tick(context: BotContext) -> None:
    """One run: the reminders due now, then whatever broadcasts are left to send."""
    services = context.services
    policy = context.job.data if context.job is not None else None
    assert policy is None or isinstance(policy, ReminderPolicy)
    try:
        await run_due_reminders(services, context.bot, services.clock.now(), policy=policy)
        await resume_broadcasts(services, context.bot)
    except LeaseBusy as busy:
        # Another process (``songnuan broadcast``, another instance) is sending: next minute.
        log.info("Not sending now: %s", busy)
    except Exception:
        # Logged and left: the next run picks up whatever this one did not finish.
        log.exception("The reminder run failed")
