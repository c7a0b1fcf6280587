"""The database schema as typed SQLAlchemy 2 declarative models.

Personal data never sits in a column in clear: a registration's answers and its pre-check are
AES-GCM ciphertexts (:mod:`storage.crypto`), and the resident ID appears only as a keyed hash.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from flows.access import Role
from flows.awaiting import Awaited, BroadcastDraft, DeadlineDraft, awaiting_json, read_awaiting
from flows.reminders.scope import Scope, read_scope
from flows.review.states import State
from storage.types import AwareDateTime, EnumText, Typed

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base: aware datetimes, JSON and money types, stable constraint names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dt.datetime: AwareDateTime(),
        dict[str, Any]: JSON,
        Decimal: Numeric(12, 2),
        bytes: LargeBinary,
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Unit(Base):
    """A union organisation: a unit, its supervising department, the provincial union."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    # The union office's telephone (E.164), for the 电话 of the tables' header block.
    phone: Mapped[str | None] = mapped_column(String(32))


class User(Base):
    """A Telegram account known to the bot, with its language and role."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    locale: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[Role] = mapped_column(EnumText(Role, 24), default=Role.WORKER)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    reminders_muted: Mapped[bool] = mapped_column(default=False)
    blocked_at: Mapped[dt.datetime | None]
    # What an officer's next typed message answers (a reason, an amount), kept here rather
    # than in memory so that a restart between the button and the typed text loses nothing.
    awaiting: Mapped[Awaited | DeadlineDraft | BroadcastDraft | None] = mapped_column(
        Typed(read_awaiting, awaiting_json)
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class Campaign(Base):
    """One Send Warmth campaign: its form, its policy and its deadlines."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    form_id: Mapped[str] = mapped_column(String(64))
    policy_id: Mapped[str] = mapped_column(String(64))
    intake_opens: Mapped[dt.datetime]
    intake_closes: Mapped[dt.datetime]
    review_closes: Mapped[dt.datetime]
    # The review chain's level names, lowest first (read through flows.review.states.chain).
    levels: Mapped[list[str]] = mapped_column(
        JSON, default=lambda: ["unit", "department", "province"]
    )
    # ``{"name", "at": ISO time}`` each, read through flows.campaigns.times.parse_milestones.
    milestones: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    # "closed" (stopped early) or "withdrawn" (made by mistake): nobody's current campaign then.
    ended: Mapped[str | None] = mapped_column(String(16))
    ended_at: Mapped[dt.datetime | None]


class CampaignUnit(Base):
    """A unit in a campaign's scope."""

    __tablename__ = "campaign_units"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)


class Registration(Base):
    """A worker's registration in a campaign, from the first answer to the aid granted.

    ``sealed_state`` holds the conversation state with every answer, encrypted; it is the only
    state of the conversation, so a restart resumes exactly where the user stopped. A person's
    current draft is the one they touched last (``updated_at``).
    """

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("campaign_id", "resident_id_hash"),
        Index("ix_registrations_queue", "campaign_id", "state", "level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_by_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    state: Mapped[State] = mapped_column(EnumText(State, 24), default=State.DRAFT)
    level: Mapped[str | None] = mapped_column(String(16))
    sealed_state: Mapped[bytes]
    resident_id_hash: Mapped[str | None] = mapped_column(String(64))
    # The pre-check sealed like the answers (it holds incomes and hardship causes); in clear
    # only what a queue filters on: the outcome in effect and the rules that hold.
    sealed_precheck: Mapped[bytes | None]
    precheck_outcome: Mapped[str | None] = mapped_column(String(16))
    precheck_rules: Mapped[list[str] | None] = mapped_column(JSON)
    aid_amount: Mapped[Decimal | None]
    # The first level's remark (备注), printed in the tables: an officer's words about the
    # person, sealed like the answers.
    sealed_remark: Mapped[bytes | None]
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    submitted_at: Mapped[dt.datetime | None]

    __mapper_args__ = {"version_id_col": version}


class Invitation(Base):
    """A deep-link code that binds a Telegram account to a role and unit."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(EnumText(Role, 24))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[dt.datetime]
    max_uses: Mapped[int | None]
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class AuditEvent(Base):
    """An append-only record of a change or a sensitive action: who, when, what, why."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_registration", "registration_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=_now)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The actor as they were at the time (a later move or new role does not rewrite history).
    actor_name: Mapped[str | None] = mapped_column(String(200))
    actor_role: Mapped[str | None] = mapped_column(String(24))
    actor_unit_id: Mapped[int | None]
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    kind: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str | None] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(Text)
    # Its shape depends on ``kind``: written and read only as flows.audit models
    # (storage.repositories.audit.record and details_of).
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class InboundUpdate(Base):
    """A Telegram update, stored before it is acknowledged and marked done with its effects.

    The payload is encrypted (it may carry a resident ID the user typed) and dropped once the
    update is done; the row stays so that a repeated delivery is recognised and skipped. An
    update that could not be stored at all is kept as done, with ``rejected_because`` (the
    error's kind, never the content), so that it is acknowledged and stops no one.
    """

    __tablename__ = "inbound_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    sealed_payload: Mapped[bytes | None]
    received_at: Mapped[dt.datetime] = mapped_column(default=_now)
    done_at: Mapped[dt.datetime | None]
    rejected_because: Mapped[str | None] = mapped_column(String(80))


class OutboundCall(Base):
    """The Bot API calls one update's handling must make, stored before they are made.

    A reply is part of an update's effect: it is stored with (or right after) the commit that
    stored the effect, and made again at start if no one confirmed it was made. The calls
    (texts, buttons, any file) are sealed: they may echo what the person typed.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    sealed_calls: Mapped[bytes | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    # Whoever makes the calls holds them until then; past it, a crash is assumed and another
    # sender (the next start, or the redelivery job) makes them again.
    claimed_until: Mapped[dt.datetime | None]
    # How many of the calls were made: a redelivery goes on from there.
    made: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[dt.datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)


class GroupChat(Base):
    """A group or supergroup the bot was written to in: it answered there once, pointing each
    member to the private chat, and stays silent there ever after."""

    __tablename__ = "group_chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    answered_at: Mapped[dt.datetime] = mapped_column(default=_now)


class ReminderDelivery(Base):
    """A reminder to one person: claimed (``sending``, until ``sending_until``) right before it
    is sent, then sent (with its Telegram message id), blocked or failed.

    A claim whose lease ran out (the process died mid-send) may be claimed again: at least once.
    """

    __tablename__ = "reminder_deliveries"
    __table_args__ = (UniqueConstraint("campaign_id", "user_id", "kind", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="sending")
    recorded_at: Mapped[dt.datetime] = mapped_column(default=_now)
    sent_at: Mapped[dt.datetime | None]
    sending_until: Mapped[dt.datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class Broadcast(Base):
    """A message an officer sends to everyone in a scope."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    scope: Mapped[Scope] = mapped_column(Typed(read_scope, Scope.as_json))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    finished_at: Mapped[dt.datetime | None]


class BroadcastDelivery(Base):
    """One recipient of a broadcast: pending, sending (claimed until ``sending_until``), sent
    (with its Telegram message id), blocked or failed."""

    __tablename__ = "broadcast_deliveries"

    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sent_at: Mapped[dt.datetime | None]
    sending_until: Mapped[dt.datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class Lease(Base):
    """A named lease: one holder at a time does the named work until ``expires_at``."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[dt.datetime]


class PartyAidedPerson(Base):
    """A Party member already aided by the Party organisation, known only by a keyed hash."""

    __tablename__ = "party_aided_people"

    resident_id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    imported_at: Mapped[dt.datetime] = mapped_column(default=_now)


class DuplicateAttempt(Base):
    """A resident ID a unit tried to register while another registration of the campaign holds
    it: the province lists these ("no omissions, no duplicates") and resolves them."""

    __tablename__ = "duplicate_attempts"
    __table_args__ = (Index("ix_duplicate_attempts_open", "campaign_id", "resolved_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    resident_id_hash: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attempted_at: Mapped[dt.datetime] = mapped_column(default=_now)
    resolved_at: Mapped[dt.datetime | None]
    resolved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)


__all__ = [
    "AuditEvent",
    "Base",
    "Broadcast",
    "BroadcastDelivery",
    "Campaign",
    "CampaignUnit",
    "DuplicateAttempt",
    "InboundUpdate",
    "Invitation",
    "PartyAidedPerson",
    "Registration",
    "ReminderDelivery",
    "Unit",
    "User",
]
