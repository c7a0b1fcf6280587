"""Working out the reminders due now and sending each; sending broadcasts.

At least once, duplicates made rare and harmless. Each message is claimed in the database (a
row marked ``sending`` with a lease) and committed right before it is sent, once the rate
limiter let it through, then marked with how it went and its Telegram message id (see
:mod:`storage.repositories.reminders` and :mod:`storage.repositories.broadcasts`). A crash
leaves unclaimed the messages still waiting their turn, so the next run sends them; the few in
flight stay ``sending`` until their lease runs out and are sent again then (a second copy at
worst, never a lost one).

One process at a time sends (the :data:`SENDING_LEASE` in the database, see
:mod:`storage.leases`), so that the bot and ``songnuan broadcast --resume`` never both send at
30 a second with one token. Within the process, the application's rate limiter keeps to
Telegram's limits while several messages are in flight.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Final
from weakref import WeakKeyDictionary

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from bot.context import Services
from bot.reminders.sender import Outcome, Sleep, deliver, send_claimed
from flows.campaigns import CampaignTimes
from flows.forms.loading import FormFileError, load_form
from flows.i18n import N_, translator
from flows.reminders import (
    Audience,
    Facts,
    Outgoing,
    ReminderPolicy,
    Slot,
    UnitCounts,
    broadcast_text,
    compose,
    due,
    questions_left,
)
from flows.review import State
from storage.crypto import Vault
from storage.database import writing
from storage.leases import Lease
from storage.models import Campaign, Registration, User
from storage.repositories import broadcasts, registrations, reminders, users
from storage.repositories.reminders import DeliveryKey, Recipient

log = logging.getLogger(__name__)

CONCURRENCY: Final = 30  # messages in flight at once; the rate limiter paces them
SENDING_LEASE: Final = "telegram-sending"  # reminders and broadcasts share the token's 30/s
_LEASES: WeakKeyDictionary[async_sessionmaker[AsyncSession], Lease] = WeakKeyDictionary()
_RECORDED: Final = {
    Outcome.SENT: reminders.SENT,
    Outcome.BLOCKED: reminders.BLOCKED,
    Outcome.FAILED: reminders.FAILED,
}


@dataclass
class RunReport:
    """What one run did: messages sent, people found blocked, failures, and those skipped."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    later: int = 0  # not sent now (flood limit, no connection); a later run tries again
    skipped: int = 0  # not claimed: sent or being sent already, or this process lost its turn
    outcomes: list[tuple[int, str, Outcome]] = field(default_factory=list)

    def count(self, user_id: int, kind: str, outcome: Outcome) -> None:
        """Add one person's outcome."""
        self.outcomes.append((user_id, kind, outcome))
        setattr(self, str(outcome), getattr(self, str(outcome)) + 1)


@dataclass(frozen=True)
class _Job:
    campaign_id: int
    slot: Slot
    recipient: Recipient
    outgoing: Outgoing


def sending_lease(services: Services) -> Lease:
    """This process's hold on the right to send reminders and broadcasts (one per database).

    Re-entrant: the reminder job and a broadcast started in the chat share it in the process.
    """
    lease = _LEASES.get(services.sessions)
    if lease is None:
        lease = _LEASES[services.sessions] = Lease(
            services.sessions,
            SENDING_LEASE,
            now=services.clock.now,
            ttl=services.settings.job_interval,
        )
    return lease


def claim_lease(services: Services) -> dt.timedelta:
    """How long a message claimed for sending is someone's: two job intervals, long enough for
    a send with Telegram's 429s waited out, short enough that a crash delays it little."""
    return max(2 * services.settings.job_interval, MIN_CLAIM_LEASE)


# A claim outlives one send with its 429 waits, whatever the job interval.
MIN_CLAIM_LEASE: Final = dt.timedelta(seconds=10)


def default_policy(services: Services) -> ReminderPolicy:
    """The reminder schedule in the installation's time zone."""
    return ReminderPolicy(zone=services.settings.zone)


async def run_due_reminders(
    services: Services,
    bot: Bot,
    now: dt.datetime | None = None,
    *,
    policy: ReminderPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
    concurrency: int = CONCURRENCY,
) -> RunReport:
    """Send every reminder due at ``now`` (default: the services' clock) that was not sent.

    Raises :class:`~storage.leases.LeaseBusy` if another process is sending.
    """
    now = now or services.clock.now()
    policy = policy or default_policy(services)
    report = RunReport()
    async with sending_lease(services) as lease:
        async with services.sessions() as session:
            jobs = await _due_jobs(session, services, policy, now)
        await _run_all(
            [partial(_send_reminder, services, bot, job, report, sleep, lease) for job in jobs],
            concurrency,
        )
    if jobs:
        log.info(
            "Reminders: %d sent, %d blocked, %d failed, %d later, %d skipped",
            report.sent,
            report.blocked,
            report.failed,
            report.later,
            report.skipped,
        )
    return report


async def _run_all(work: Sequence[Callable[[], Awaitable[None]]], concurrency: int) -> None:
    gate = asyncio.Semaphore(concurrency)

    async def gated(item: Callable[[], Awaitable[None]]) -> None:
        async with gate:
            await item()

    # A task group: if one fails (the process is going down), the rest are cancelled rather
    # than left sending in the background.
    async with asyncio.TaskGroup() as group:
        for item in work:
            group.create_task(gated(item))


async def _due_jobs(
    session: AsyncSession, services: Services, policy: ReminderPolicy, now: dt.datetime
) -> list[_Job]:
    jobs = []
    for campaign in await reminders.campaigns(session):
        try:
            times = CampaignTimes.of(campaign)
        except ValueError as error:
            log.error(
                "Campaign %s: its times cannot be read (%s); no reminders", campaign.code, error
            )
            continue
        for slot in due(times, policy, now):
            already = await reminders.recorded_user_ids(
                session, campaign.id, slot.key, slot.due_at, now
            )
            for recipient, facts in await _audience(session, services.vault, campaign, slot, now):
                if recipient.user_id in already:
                    continue
                t = translator(recipient.locale or services.settings.locale, policy.zone)
                outgoing = compose(t, slot, facts, now, policy.zone)
                jobs.append(_Job(campaign.id, slot, recipient, outgoing))
    return jobs


async def _audience(
    session: AsyncSession, vault: Vault, campaign: Campaign, slot: Slot, now: dt.datetime
) -> list[tuple[Recipient, Facts]]:
    name = campaign.name
    match slot.audience:
        case Audience.DRAFT_OWNERS | Audience.RETURNED_OWNERS:
            state = State.DRAFT if slot.audience is Audience.DRAFT_OWNERS else State.RETURNED
            found = await reminders.open_registrations(
                session, campaign.id, state, slot.due_at, unrecorded=slot.key, now=now
            )
            return [
                (recipient, Facts(name, questions_left=_left(vault, registration)))
                for recipient, registration in found
            ]
        case Audience.WAITING_OFFICERS:
            return [
                (recipient, Facts(name, waiting=count))
                for recipient, count in await reminders.waiting_officers(session, campaign)
            ]
        case Audience.PROVINCIAL_OFFICERS:
            figures = await reminders.unit_figures(session, campaign.id)
            units = tuple(
                UnitCounts(
                    f"{unit.name} ({unit.code})", unit.submitted, unit.waiting, unit.approved
                )
                for unit in figures
            )
            return [
                (recipient, Facts(name, units=units))
                for recipient in await reminders.provincial_officers(session)
            ]
        case Audience.CAMPAIGN_OFFICERS:
            return [
                (recipient, Facts(name))
                for recipient in await reminders.campaign_officers(session, campaign.id)
            ]


def _left(vault: Vault, registration: Registration) -> int | None:
    """The questions left in a draft, or None if its state cannot be read."""
    try:
        state = registrations.open_state(vault, registration)
        return questions_left(load_form(state.form_id), state)
    except (ValidationError, FormFileError, KeyError, ValueError) as error:
        log.warning("Registration %s: progress unknown (%s)", registration.id, error)
        return None


async def _send_reminder(
    services: Services, bot: Bot, job: _Job, report: RunReport, sleep: Sleep, lease: Lease
) -> None:
    key = DeliveryKey(job.campaign_id, job.recipient.user_id, job.slot.key, job.slot.due_at)

    async def claim() -> bool:
        async with writing(services.sessions) as session:
            return await lease.still_held(session) and await reminders.claim(
                session, key, services.clock.now(), claim_lease(services)
            )

    outcome, message_id = await send_claimed(
        bot, job.recipient.telegram_id, job.outgoing, claim, sleep=sleep
    )
    if outcome is Outcome.SKIPPED:
        report.skipped += 1
        return
    async with writing(services.sessions) as session:
        if outcome is Outcome.LATER:
            await reminders.release(session, key)
        else:
            await reminders.mark(session, key, _RECORDED[outcome], services.clock.now(), message_id)
        if outcome is Outcome.BLOCKED:
            await _mark_blocked(session, job.recipient.user_id, services.clock.now())
    report.count(job.recipient.user_id, job.slot.key, outcome)


async def _mark_blocked(session: AsyncSession, user_id: int, now: dt.datetime) -> None:
    user = await session.get(User, user_id)
    if user is not None and user.blocked_at is None:
        users.mark_blocked(user, now)


async def send_broadcast(
    services: Services,
    bot: Bot,
    broadcast_id: int,
    *,
    sleep: Sleep = asyncio.sleep,
    concurrency: int = CONCURRENCY,
    progress: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Send a broadcast to everyone still to send to; call again to resume after a crash.

    Raises :class:`~storage.leases.LeaseBusy` if another process is sending.
    """
    async with sending_lease(services) as lease:
        return await _send_broadcast(
            services,
            bot,
            broadcast_id,
            lease,
            sleep=sleep,
            concurrency=concurrency,
            progress=progress,
        )


async def _send_broadcast(
    services: Services,
    bot: Bot,
    broadcast_id: int,
    lease: Lease,
    *,
    sleep: Sleep,
    concurrency: int,
    progress: Callable[[RunReport], None] | None,
) -> RunReport:
    async with services.sessions() as session:
        broadcast = await broadcasts.get(session, broadcast_id)
        if broadcast is None:
            raise LookupError(f"no broadcast {broadcast_id}")
        text = broadcast.text
        to = await broadcasts.pending(session, broadcast_id, services.clock.now())
    report = RunReport()

    async def one(recipient: Recipient) -> None:
        async def claim() -> bool:
            async with writing(services.sessions) as session:
                return await lease.still_held(session) and await broadcasts.claim(
                    session,
                    broadcast_id,
                    recipient.user_id,
                    services.clock.now(),
                    lease=claim_lease(services),
                )

        t = translator(recipient.locale or services.settings.locale, services.settings.zone)
        outgoing = Outgoing((broadcast_text(t, text),))
        outcome, message_id = await send_claimed(
            bot, recipient.telegram_id, outgoing, claim, sleep=sleep
        )
        if outcome is Outcome.SKIPPED:
            report.skipped += 1
            return
        async with writing(services.sessions) as session:
            if outcome is Outcome.LATER:
                await broadcasts.release(session, broadcast_id, recipient.user_id)
            else:
                await broadcasts.mark(
                    session,
                    broadcast_id,
                    recipient.user_id,
                    str(outcome),
                    services.clock.now(),
                    message_id,
                )
            if outcome is Outcome.BLOCKED:
                await _mark_blocked(session, recipient.user_id, services.clock.now())
        report.count(recipient.user_id, "broadcast", outcome)
        if progress is not None:
            progress(report)

    await _run_all([partial(one, recipient) for recipient in to], concurrency)
    async with writing(services.sessions) as session:
        if not await lease.still_held(session):
            return report  # another process goes on with it, and reports it when finished
        broadcast = await broadcasts.get(session, broadcast_id)
        assert broadcast is not None
        finished = await broadcasts.finish_if_done(session, broadcast, services.clock.now())
        counts = await broadcasts.counts(session, broadcast_id) if finished else {}
        creator = await _creator(session, broadcast.created_by_user_id) if finished else None
    if creator is not None:
        await _report_broadcast(services, bot, creator, counts)
    return report


BROADCAST_DONE = N_(
    "Your broadcast is out. Delivered: {sent}. Not delivered: {missed} (they have blocked the "
    "bot or could not be reached)."
)


async def _creator(session: AsyncSession, user_id: int | None) -> User | None:
    """The officer who made a broadcast in the chat, if they can still be reached."""
    user = await users.get(session, user_id) if user_id is not None else None
    return user if user is not None and user.blocked_at is None else None


async def _report_broadcast(
    services: Services, bot: Bot, creator: User, counts: dict[str, int]
) -> None:
    """Tell the officer how their broadcast went, once it is finished (after a restart too)."""
    t = translator(creator.locale or services.settings.locale, services.settings.zone)
    missed = counts.get(broadcasts.BLOCKED, 0) + counts.get(broadcasts.FAILED, 0)
    text = t(BROADCAST_DONE, sent=counts.get(broadcasts.SENT, 0), missed=missed)
    await deliver(bot, creator.telegram_id, Outgoing((text,)))


async def resume_broadcasts(
    services: Services, bot: Bot, *, sleep: Sleep = asyncio.sleep
) -> RunReport:
    """Send what is left of every unfinished broadcast (after a restart, or newly queued).

    Raises :class:`~storage.leases.LeaseBusy` if another process is sending.
    """
    total = RunReport()
    async with sending_lease(services):
        async with services.sessions() as session:
            ids = [broadcast.id for broadcast in await broadcasts.unfinished(session)]
        for broadcast_id in ids:
            report = await send_broadcast(services, bot, broadcast_id, sleep=sleep)
            for user_id, kind, outcome in report.outcomes:
                total.count(user_id, kind, outcome)
            total.skipped += report.skipped
    return total
