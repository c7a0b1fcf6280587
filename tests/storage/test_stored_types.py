"""Stored blobs load as typed values, including every format earlier versions wrote."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from flows.access import Role
from flows.awaiting import Awaited, BroadcastDraft, DeadlineDraft
from flows.policy.stored import StoredPrecheck, read_precheck
from storage.crypto import Vault
from storage.database import session_factory, upgrade
from storage.models import Registration, User
from storage.repositories import registrations

MOMENT = dt.datetime(2019, 12, 20, 10, 0, tzinfo=dt.UTC)
# As ``Awaited.to_json`` wrote a decision's wait (hand-written JSON, short keys).
DECISION: dict[str, Any] = {
    "kind": "anyway",
    "record": 3,
    "version": 2,
    "chat": 700,
    "message": 41,
    "fields": [],
    "next": 5,
    "outcome": "excluded",
    "amount": None,
    "reason": None,
}
RETURN: dict[str, Any] = {
    "kind": "return",
    "record": 4,
    "version": 1,
    "chat": 700,
    "message": 42,
    "fields": ["bank_card", "phone"],
    "next": None,
    "outcome": None,
    "amount": None,
    "reason": None,
}
# As the handlers wrote their drafts (bare dicts: ``{"kind": kind, **values}``).
DEADLINE: dict[str, Any] = {
    "kind": "deadline",
    "campaign": 1,
    "deadline": "review_closes",
    "to": "2019-12-27T10:00:00+08:00",
}
BROADCAST: dict[str, Any] = {"kind": "broadcast", "text": "明天上午九点开会"}


# The table as any version wrote it: plain JSON, no types of ours.
RAW_USERS = sa.table(
    "users",
    *(sa.column(name) for name in ("id", "telegram_id", "display_name", "role")),
    sa.column("reminders_muted"),
    sa.column("awaiting", sa.JSON()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


async def _users_awaiting(engine: AsyncEngine, stored: list[object]) -> list[object]:
    await upgrade(engine)
    async with engine.begin() as connection:
        for number, value in enumerate(stored, start=1):
            await connection.execute(
                sa.insert(RAW_USERS).values(
                    id=number,
                    telegram_id=number,
                    display_name="o",
                    role="unit_officer",
                    reminders_muted=False,
                    awaiting=value,
                    created_at=MOMENT,
                )
            )
    async with session_factory(engine)() as session:
        return list(await session.scalars(select(User.awaiting).order_by(User.id)))


async def test_every_stored_format_of_users_awaiting_loads_typed(engine: AsyncEngine) -> None:
    loaded = await _users_awaiting(engine, [DECISION, RETURN, DEADLINE, BROADCAST])

    assert loaded == [
        Awaited(
            kind="anyway", record_id=3, version=2, chat_id=700, message_id=41, next_offset=5,
            outcome="excluded",
        ),
        Awaited(
            kind="return", record_id=4, version=1, chat_id=700, message_id=42,
            fields=("bank_card", "phone"),
        ),
        DeadlineDraft(
            campaign=1,
            deadline="review_closes",
            to=dt.datetime(2019, 12, 27, 2, 0, tzinfo=dt.UTC),
        ),
        BroadcastDraft(text="明天上午九点开会"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "stored",
    [
        {"kind": "retired", "record": 1},  # a kind no longer awaited
        {"kind": "return", "record": "x", "version": 1, "chat": 1, "message": 1},
        {"kind": "deadline", "campaign": 1},
    ],
)
async def test_an_awaited_input_this_version_cannot_read_is_none(
    engine: AsyncEngine, stored: dict[str, Any]
) -> None:
    assert await _users_awaiting(engine, [stored]) == [None]


async def test_users_awaiting_is_written_with_the_keys_it_always_had(engine: AsyncEngine) -> None:
    await _users_awaiting(engine, [])
    async with session_factory(engine)() as session:
        session.add(User(id=1, telegram_id=1, awaiting=Awaited.model_validate(DECISION)))
        session.add(User(id=2, telegram_id=2, awaiting=BroadcastDraft(text="t")))
        await session.commit()
        raw = (await session.execute(text("SELECT awaiting FROM users ORDER BY id"))).scalars()
        written = [json.loads(value) if isinstance(value, str) else value for value in raw]
    assert written == [DECISION, BROADCAST | {"text": "t"}]


async def test_roles_and_states_load_as_members_and_compare_with_stored_strings(
    engine: AsyncEngine,
) -> None:
    await _users_awaiting(engine, [None])
    async with session_factory(engine)() as session:
        user = await session.get(User, 1)
        assert user is not None and user.role is Role.UNIT_OFFICER
        found = await session.scalar(select(User.id).where(User.role == "unit_officer"))
        assert found == await session.scalar(select(User.id).where(User.role == Role.UNIT_OFFICER))
        user.role = Role.PROVINCE_OFFICER
        await session.commit()
        stored = await session.scalar(text("SELECT role FROM users"))
    assert stored == "province_officer" and type(stored) is str


@pytest.mark.parametrize(
    "stored",
    [
        # Before explanations were kept in every language: one list.
        {"outcome": "eligible", "rules": ["1"], "explanation": ["Low income"]},
        # As 0012 sealed older plaintext pre-checks, with an officer's override.
        {
            "policy": "henan-2017",
            "version": "v1",
            "outcome": "excluded",
            "exclusions": ["P"],
            "figures": {"per_capita_income": "466.67"},
            "explanation": {"zh_CN": ["患病"], "en": ["Serious illness"]},
            "override": {
                "outcome": "needs_review",
                "by": 1,
                "reason": "已核实",
                "at": "2019-12-21T09:00:00+08:00",
            },
        },
    ],
)
def test_every_stored_format_of_the_sealed_precheck_loads_typed(stored: dict[str, Any]) -> None:
    vault = Vault(bytes(range(32)))
    record = Registration(
        sealed_precheck=vault.seal_json(stored, context=registrations.PRECHECK_CONTEXT)
    )

    loaded = registrations.precheck_of(vault, record)

    assert isinstance(loaded, StoredPrecheck) and loaded.outcome == stored["outcome"]
    assert read_precheck(loaded.to_json()) == loaded  # written back, it reads the same
    assert loaded.explanation == stored["explanation"]
    if "override" in stored:
        assert loaded.in_effect() == "needs_review"
        assert loaded.override is not None and loaded.override.at.utcoffset() is not None
