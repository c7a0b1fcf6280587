"""Reminders and broadcasts on the bot's side: the periodic job, the sending and its limits.

Public API:

* :func:`schedule_reminders` (``application``) registers the job on the application's
  JobQueue (every minute by default; the first run soon after start sends what was missed);
* :func:`run_due_reminders` (``services, bot, now``) does one run, directly callable in tests;
* :func:`send_broadcast` / :func:`resume_broadcasts` send a broadcast's pending deliveries;
* :class:`FloodLimiter`, a rate limiter within Telegram's limits as a sliding window counts.
"""

from bot.reminders.jobs import JOB_NAME, schedule_reminders, tick
from bot.reminders.limiter import FloodLimiter, retry_seconds
from bot.reminders.runner import (
    RunReport,
    default_policy,
    resume_broadcasts,
    run_due_reminders,
    send_broadcast,
)
from bot.reminders.sender import Outcome, deliver, keyboard

__all__ = [
    "JOB_NAME",
    "FloodLimiter",
    "Outcome",
    "RunReport",
    "default_policy",
    "deliver",
    "keyboard",
    "resume_broadcasts",
    "retry_seconds",
    "run_due_reminders",
    "schedule_reminders",
    "send_broadcast",
    "tick",
]
