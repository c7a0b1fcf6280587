"""Reminders and broadcasts on the bot's side: the periodic job, the sending and its limits.

Public API:

* :func:`schedule_reminders` (``application``) registers the job on the application's
  JobQueue (every minute by default; the first run soon after start sends what was missed);
* :func:`run_due_reminders` (``services, bot, now``) does one run, directly callable in tests;
* :func:`send_broadcast` / :func:`resume_broadcasts` send a broadcast's pending deliveries;
* :func:`sending_lease`, the process's hold on the right to send (one sender at a time);
* :class:`FloodLimiter`, a rate limiter within Telegram's limits as a sliding window counts.
"""

from bot.reminders.jobs import JOB_NAME, schedule_reminders, tick
from bot.reminders.limiter import Claim, FloodLimiter, NotClaimed, retry_seconds
from bot.reminders.runner import (
    SENDING_LEASE,
    RunReport,
    default_policy,
    resume_broadcasts,
    run_due_reminders,
    send_broadcast,
    sending_lease,
)
from bot.reminders.sender import Outcome, deliver, keyboard, send_claimed

__all__ = [
    "JOB_NAME",
    "SENDING_LEASE",
    "Claim",
    "FloodLimiter",
    "NotClaimed",
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
    "send_claimed",
    "sending_lease",
    "tick",
]
