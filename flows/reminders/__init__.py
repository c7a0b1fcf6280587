"""Reminders, pure: when each is due (:func:`due`), to whom, and what it says (:func:`compose`).

Nothing here knows Telegram or the database: ``storage.repositories.reminders`` finds the
people and records each delivery, ``bot.reminders`` sends.
"""

from flows.reminders.kinds import WORKER_AUDIENCES, Audience, Kind
from flows.reminders.policy import DEFAULT_OFFSETS, ReminderPolicy
from flows.reminders.progress import questions_left
from flows.reminders.schedule import Slot, due, series, upcoming
from flows.reminders.texts import (
    RESUME_DATA,
    Button,
    Facts,
    Outgoing,
    UnitCounts,
    broadcast_text,
    compose,
    split_message,
)

__all__ = [
    "DEFAULT_OFFSETS",
    "RESUME_DATA",
    "WORKER_AUDIENCES",
    "Audience",
    "Button",
    "Facts",
    "Kind",
    "Outgoing",
    "ReminderPolicy",
    "Slot",
    "UnitCounts",
    "broadcast_text",
    "compose",
    "due",
    "questions_left",
    "series",
    "split_message",
    "upcoming",
]
