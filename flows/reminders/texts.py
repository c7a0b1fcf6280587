"""What each reminder says, in the reader's language, and the button that comes with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from flows.campaigns.deadlines import time_left
from flows.campaigns.texts import remaining
from flows.i18n import Translator
from flows.registration import callbacks
from flows.reminders.kinds import Kind
from flows.reminders.schedule import Slot

# The button resumes the person's current draft; flows.registration.callbacks has no action
# for it yet, so the bot's registration handler must route this one.
RESUME_DATA: Final = callbacks.PREFIX + "resume"
MESSAGE_LIMIT: Final = 4096  # Telegram's longest text message


@dataclass(frozen=True)
class UnitCounts:
    """One unit's line in the provincial summary."""

    unit: str
    submitted: int
    waiting: int
    approved: int


@dataclass(frozen=True)
class Facts:
    """What the reminder tells this person: the figures storage found for them."""

    campaign: str
    questions_left: int | None = None  # drafts and returned records; None if unreadable
    waiting: int = 0  # records at an officer's level and scope
    units: tuple[UnitCounts, ...] = ()  # the provincial summary


@dataclass(frozen=True)
class Button:
    """An inline button: its label and callback data."""

    label: str
    data: str


@dataclass(frozen=True)
class Outgoing:
    """The messages of one reminder to one person (a long summary takes several)."""

    texts: tuple[str, ...]
    button: Button | None = None


def compose(t: Translator, slot: Slot, facts: Facts, now: dt.datetime, zone: ZoneInfo) -> Outgoing:
    """The reminder ``slot`` for a person with ``facts``, as of ``now``."""
    deadline = slot.deadline.astimezone(zone)
    left = remaining(t, time_left(slot.deadline, now))
    match slot.kind:
        case Kind.DRAFT:
            return _draft(t, facts, deadline, left)
        case Kind.RETURNED | Kind.RETURNED_DEADLINE:
            return _returned(t, facts, deadline, left)
        case Kind.OFFICER_DIGEST:
            return Outgoing(
                (
                    "\n".join(
                        [
                            t(
                                "Good morning! Records waiting for your review in {campaign}: "
                                "{count}.",
                                campaign=facts.campaign,
                                count=facts.waiting,
                            ),
                            t(
                                "The review closes on {closes} ({remaining} left). Send /queue "
                                "to review them.",
                                closes=deadline,
                                remaining=left,
                            ),
                        ]
                    ),
                )
            )
        case Kind.OFFICER_DEADLINE:
            return Outgoing(
                (
                    "\n".join(
                        [
                            t(
                                "⏰ The review of {campaign} closes on {closes} ({remaining} "
                                "left).",
                                campaign=facts.campaign,
                                closes=deadline,
                                remaining=left,
                            ),
                            t(
                                "Records still waiting for your review: {count}. Send /queue to "
                                "review them.",
                                count=facts.waiting,
                            ),
                        ]
                    ),
                )
            )
        case Kind.PROVINCE_SUMMARY:
            return Outgoing(summary_texts(t, facts, now.astimezone(zone).date()))
        case Kind.MILESTONE:
            assert slot.milestone is not None
            return Outgoing(
                (
                    t(
                        "⏰ {campaign}: {milestone} on {at} ({remaining} left).",
                        campaign=facts.campaign,
                        milestone=slot.milestone.name,
                        at=deadline,
                        remaining=left,
                    ),
                )
            )


def _draft(t: Translator, facts: Facts, closes: dt.datetime, left: str) -> Outgoing:
    lines = [t("⏰ Your registration for {campaign} is not finished yet.", campaign=facts.campaign)]
    if facts.questions_left:
        lines.append(t("Questions still to answer: {count}.", count=facts.questions_left))
    elif facts.questions_left == 0:
        lines.append(t("Every question is answered: please check your answers and submit."))
    lines.append(
        t("The registration closes on {closes} ({remaining} left).", closes=closes, remaining=left)
    )
    return Outgoing(("\n".join(lines),), Button(t("Continue my registration"), RESUME_DATA))


def _returned(t: Translator, facts: Facts, deadline: dt.datetime, left: str) -> Outgoing:
    lines = [
        t(
            "⏰ Your registration for {campaign} was returned for correction and is not "
            "resubmitted yet.",
            campaign=facts.campaign,
        )
    ]
    if facts.questions_left:
        lines.append(t("Answers still to correct: {count}.", count=facts.questions_left))
    elif facts.questions_left == 0:
        lines.append(t("The corrections are made: please check them and resubmit."))
    lines.append(
        t(
            "Please resubmit it before {deadline} ({remaining} left).",
            deadline=deadline,
            remaining=left,
        )
    )
    return Outgoing(("\n".join(lines),), Button(t("Correct my registration"), RESUME_DATA))


def summary_texts(t: Translator, facts: Facts, day: dt.date) -> tuple[str, ...]:
    """The provincial summary: one line per unit and the total, split to fit messages."""
    heading = t("Daily summary of {campaign}, {day}:", campaign=facts.campaign, day=day)
    lines = [_unit_line(t, counts) for counts in facts.units]
    total = UnitCounts(
        t("Total"),
        sum(counts.submitted for counts in facts.units),
        sum(counts.waiting for counts in facts.units),
        sum(counts.approved for counts in facts.units),
    )
    lines.append(_unit_line(t, total))
    return split_message([heading, *lines])


def _unit_line(t: Translator, counts: UnitCounts) -> str:
    return t(
        "{unit}: submitted {submitted}, waiting {waiting}, approved {approved}",
        unit=counts.unit,
        submitted=counts.submitted,
        waiting=counts.waiting,
        approved=counts.approved,
    )


def broadcast_text(t: Translator, text: str) -> str:
    """An officer's broadcast as its recipients read it."""
    return "\n\n".join([t("📢 A message from the union:"), text])


def split_message(lines: Sequence[str], limit: int = MESSAGE_LIMIT) -> tuple[str, ...]:
    """Lines joined into as few messages as fit Telegram's limit (a line is never split)."""
    messages: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            messages.append(current)
            candidate = line
        current = candidate
    if current:
        messages.append(current)
    return tuple(messages)
