"""Reminders: who is due one, and the record of each delivery.

At least once: a delivery is claimed by inserting its row (campaign, person, kind, moment) with
status ``sending`` and a lease (``sending_until``), right before its message goes (after the
rate limiter let it through), and marked sent with its Telegram message id after. The unique key
makes a second claim fail while the first is live; a claim left ``sending`` past its lease (the
process died mid-send) can be claimed again, so a crash costs at most a second copy of the
messages that were in flight, never a lost reminder.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, and_, delete, exists, func, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from flows.access import OFFICER_LEVELS as ACCESS_LEVELS
from flows.access import Role, actor, descendants
from flows.review import State
from storage.models import Campaign, CampaignUnit, Registration, ReminderDelivery, Unit, User

SENDING: Final = "sending"
SENT: Final = "sent"
BLOCKED: Final = "blocked"
FAILED: Final = "failed"
CLAIM_LEASE: Final = dt.timedelta(minutes=2)  # longer than one send, 429s waited out included

# The level each officer role reviews at (the review chain's names, see Campaign.levels).
OFFICER_LEVELS: Final = {role.value: level.value for role, level in ACCESS_LEVELS.items()}
PROVINCE_OFFICER: Final = Role.PROVINCE_OFFICER.value
# As in flows.review.states: a record waits at ``Registration.level`` in these states, and is
# approved for good once the last level granted the aid.
WAITING_STATES: Final = (State.SUBMITTED, State.RESUBMITTED, State.APPROVED)
GRANTED_STATE: Final = State.AID_GRANTED


@dataclass(frozen=True)
class Recipient:
    """Someone a message can go to: their account, chat and language."""

    user_id: int
    telegram_id: int
    locale: str | None

    @classmethod
    def of(cls, user: User) -> Recipient:
        """The recipient behind a user row."""
        return cls(user.id, user.telegram_id, user.locale)


@dataclass(frozen=True)
class UnitFigures:
    """One unit's figures in a campaign, for the provincial summary (approved: aid granted)."""

    code: str
    name: str
    submitted: int
    waiting: int
    approved: int


def _reachable() -> ColumnElement[bool]:
    return and_(User.reminders_muted.is_(False), User.blocked_at.is_(None))


@dataclass(frozen=True)
class DeliveryKey:
    """What makes a reminder the same reminder: campaign, person, kind and moment."""

    campaign_id: int
    user_id: int
    kind: str
    due_at: dt.datetime

    def matches(self) -> ColumnElement[bool]:
        """The condition selecting this delivery's row."""
        return and_(
            ReminderDelivery.campaign_id == self.campaign_id,
            ReminderDelivery.user_id == self.user_id,
            ReminderDelivery.kind == self.kind,
            ReminderDelivery.due_at == self.due_at,
        )


def live(now: dt.datetime) -> ColumnElement[bool]:
    """Rows that count as recorded at ``now``: finished ones, and claims whose lease still runs."""
    # Spelled out for NULL: an old claim without a lease is a dead one, never an unknown.
    return or_(
        ReminderDelivery.status != SENDING,
        and_(ReminderDelivery.sending_until.is_not(None), ReminderDelivery.sending_until > now),
    )


async def claim(
    session: AsyncSession, key: DeliveryKey, now: dt.datetime, lease: dt.timedelta = CLAIM_LEASE
) -> bool:
    """Record the reminder as being sent until ``now + lease``; False if it is recorded already.

    A claim left ``sending`` past its lease is taken over. The caller commits before sending.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ReminderDelivery).values(
        campaign_id=key.campaign_id,
        user_id=key.user_id,
        kind=key.kind,
        due_at=key.due_at,
        status=SENDING,
        recorded_at=now,
        sending_until=now + lease,
    )
    upsert = statement.on_conflict_do_update(
        index_elements=["campaign_id", "user_id", "kind", "due_at"],
        set_={
            "status": SENDING,
            "recorded_at": now,
            "sending_until": statement.excluded.sending_until,
        },
        where=~live(now),
    ).returning(ReminderDelivery.id)
    return (await session.execute(upsert)).scalar() is not None


async def mark(
    session: AsyncSession,
    key: DeliveryKey,
    status: str,
    now: dt.datetime,
    message_id: int | None = None,
) -> None:
    """Record how a claimed reminder ended: sent (with its message id), blocked or failed."""
    await session.execute(
        update(ReminderDelivery)
        .where(key.matches())
        .values(
            status=status,
            sent_at=now if status == SENT else None,
            message_id=message_id,
            sending_until=None,
        )
    )


async def release(session: AsyncSession, key: DeliveryKey) -> None:
    """Drop a claim whose message certainly did not leave, so the next run may send it."""
    await session.execute(delete(ReminderDelivery).where(key.matches()))


async def deliveries(
    session: AsyncSession, campaign_id: int, user_id: int | None = None
) -> Sequence[ReminderDelivery]:
    """The recorded reminders of a campaign (of one person), oldest moment first."""
    query = select(ReminderDelivery).where(ReminderDelivery.campaign_id == campaign_id)
    if user_id is not None:
        query = query.where(ReminderDelivery.user_id == user_id)
    result = await session.scalars(query.order_by(ReminderDelivery.due_at, ReminderDelivery.id))
    return result.all()


async def recorded_user_ids(
    session: AsyncSession, campaign_id: int, kind: str, due_at: dt.datetime, now: dt.datetime
) -> set[int]:
    """Who has this reminder recorded at ``now`` (sent, blocked, failed, or claimed and live)."""
    result = await session.scalars(
        select(ReminderDelivery.user_id).where(
            ReminderDelivery.campaign_id == campaign_id,
            ReminderDelivery.kind == kind,
            ReminderDelivery.due_at == due_at,
            live(now),
        )
    )
    return set(result)


async def set_muted(session: AsyncSession, user: User, muted: bool) -> None:
    """Turn a person's reminders (and an officer's digests) off or back on."""
    user.reminders_muted = muted
    await session.flush()


async def campaigns(session: AsyncSession) -> Sequence[Campaign]:
    """The campaigns whose reminders are worked out (the schedule drops those long over; a
    closed or withdrawn one reminds no one)."""
    query = select(Campaign).where(Campaign.ended.is_(None)).order_by(Campaign.id)
    return (await session.scalars(query)).all()


async def open_registrations(
    session: AsyncSession,
    campaign_id: int,
    state: str,
    untouched_since: dt.datetime,
    unrecorded: str | None = None,
    now: dt.datetime | None = None,
) -> list[tuple[Recipient, Registration]]:
    """Who entered a registration still in ``state`` (draft or returned), with it.

    One per person: the registration they touched last, and only if they have not touched it
    since ``untouched_since`` (the reminder's moment: someone at it already needs none).
    Muted and blocked people are left out, and with ``unrecorded`` (a reminder kind) those who
    have that reminder for ``untouched_since`` recorded already (at ``now``: a claim whose lease
    ran out does not count).
    """
    query = (
        select(User, Registration)
        .join(Registration, Registration.entered_by_user_id == User.id)
        .where(Registration.campaign_id == campaign_id, Registration.state == state, _reachable())
        .order_by(User.id, Registration.updated_at.desc(), Registration.id.desc())
    )
    if unrecorded is not None:
        query = query.where(
            ~exists().where(
                ReminderDelivery.campaign_id == campaign_id,
                ReminderDelivery.user_id == User.id,
                ReminderDelivery.kind == unrecorded,
                ReminderDelivery.due_at == untouched_since,
                live(now) if now is not None else true(),
            )
        )
    result = await session.execute(query)
    found: dict[int, tuple[Recipient, Registration]] = {}
    for user, registration in result:
        found.setdefault(user.id, (Recipient.of(user), registration))
    return [
        (recipient, registration)
        for recipient, registration in found.values()
        if registration.updated_at <= untouched_since
    ]


def subtree(unit_id: int, parents: Mapping[int, int | None]) -> set[int]:
    """A unit and every unit below it."""
    return set(descendants(parents, unit_id))


async def _parents(session: AsyncSession) -> dict[int, int | None]:
    result = await session.execute(select(Unit.id, Unit.parent_id))
    return {unit_id: parent_id for unit_id, parent_id in result}


async def _officers(session: AsyncSession, roles: Iterable[str]) -> Sequence[User]:
    result = await session.scalars(
        select(User).where(User.role.in_(list(roles)), _reachable()).order_by(User.id)
    )
    return result.all()


async def waiting_officers(
    session: AsyncSession, campaign: Campaign
) -> list[tuple[Recipient, int]]:
    """Officers with records waiting at their level in their scope, and how many.

    As in their queue, an officer's own registration is not counted: someone else decides it.
    """
    result = await session.execute(
        select(Registration.unit_id, Registration.level, Registration.subject_user_id, func.count())
        .where(Registration.campaign_id == campaign.id, Registration.state.in_(WAITING_STATES))
        .group_by(Registration.unit_id, Registration.level, Registration.subject_user_id)
    )
    waiting: Counter[tuple[int, str | None, int | None]] = Counter()
    for unit_id, level, subject, count in result:
        waiting[(unit_id, level, subject)] += count
    if not waiting:
        return []
    parents = await _parents(session)
    roles = [role for role, level in OFFICER_LEVELS.items() if level in campaign.levels]
    found = []
    for officer in await _officers(session, roles):
        if officer.unit_id is None:
            continue
        level = OFFICER_LEVELS[officer.role]
        scope = _scope(officer, parents)
        count = sum(
            n
            for (unit_id, at, subject), n in waiting.items()
            if at == level and subject != officer.id and (scope is None or unit_id in scope)
        )
        if count:
            found.append((Recipient.of(officer), count))
    return found


async def provincial_officers(session: AsyncSession) -> list[Recipient]:
    """The provincial officers who take reminders."""
    return [Recipient.of(user) for user in await _officers(session, [PROVINCE_OFFICER])]


async def campaign_officers(session: AsyncSession, campaign_id: int) -> list[Recipient]:
    """Every officer over at least one unit in the campaign's scope, who takes reminders."""
    in_scope = set(
        await session.scalars(
            select(CampaignUnit.unit_id).where(CampaignUnit.campaign_id == campaign_id)
        )
    )
    parents = await _parents(session)
    return [
        Recipient.of(officer)
        for officer in await _officers(session, OFFICER_LEVELS)
        if officer.unit_id is not None
        and ((scope := _scope(officer, parents)) is None or scope & in_scope)
    ]


def _scope(officer: User, parents: Mapping[int, int | None]) -> set[int] | None:
    """The units an officer acts on (None: all of them), by the access rules' own reckoning."""
    scope = actor(officer.id, officer.role, officer.unit_id, parents).scope
    return None if scope.everywhere else set(scope.units)


async def unit_figures(session: AsyncSession, campaign_id: int) -> list[UnitFigures]:
    """Per unit in the campaign's scope: records submitted, waiting and approved."""
    submitted = func.count(Registration.submitted_at)
    waiting = func.count(Registration.id).filter(Registration.state.in_(WAITING_STATES))
    approved = func.count(Registration.id).filter(Registration.state == GRANTED_STATE)
    result = await session.execute(
        select(Unit.code, Unit.name, submitted, waiting, approved)
        .join(CampaignUnit, CampaignUnit.unit_id == Unit.id)
        .outerjoin(
            Registration,
            (Registration.unit_id == Unit.id) & (Registration.campaign_id == campaign_id),
        )
        .where(CampaignUnit.campaign_id == campaign_id)
        .group_by(Unit.id, Unit.code, Unit.name)
        .order_by(Unit.code)
    )
    return [UnitFigures(*row) for row in result]
