"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from flows.policy.stored import read_precheck
from storage.crypto import Vault
from storage.database import current_revision, downgrade, session_factory, upgrade
from storage.models import Base, Registration
from storage.repositories import registrations as registrations_repository
from tests.auxil.databases import raw_database_text


async def test_upgrade_head_on_an_empty_database_yields_the_models_schema(
    engine: AsyncEngine,
) -> None:
    await upgrade(engine)

    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []
    assert await current_revision(engine) is not None


async def test_upgrade_is_idempotent(engine: AsyncEngine) -> None:
    await upgrade(engine)
    first = await current_revision(engine)
    await upgrade(engine)
    assert await current_revision(engine) == first


AT = "2019-12-21T09:00:00+08:00"
MOMENT = dt.datetime(2019, 12, 20, 10, 0, tzinfo=dt.UTC)
LEGACY_REGISTRATIONS = sa.table(
    "registrations",
    *(sa.column(name) for name in ("id", "campaign_id", "unit_id", "entered_by_user_id")),
    sa.column("state"),
    sa.column("sealed_state", sa.LargeBinary()),
    sa.column("precheck", sa.JSON()),
    sa.column("version"),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
LEGACY_PRECHECK: dict[str, Any] = {
    "policy": "henan-2017",
    "version": "v1",
    "outcome": "excluded",
    "rules": ["2"],
    "exclusions": ["P"],
    "figures": {"per_capita_income": "466.67"},
    "explanation": {"zh_CN": ["患病、大重病"], "en": ["Serious illness"]},
    "override": {"outcome": "needs_review", "by": 1, "reason": "已核实", "at": AT},
}


async def _a_record_with_a_plaintext_precheck(engine: AsyncEngine) -> None:
    """A database as revision 0005 left it: one record whose pre-check is plaintext JSON."""
    await upgrade(engine, "0005")
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO units (id, code, name, kind) VALUES (1, 'u', 'unit', 'unit')")
        )
        await connection.execute(
            text(
                "INSERT INTO users (id, telegram_id, display_name, role, reminders_muted,"
                " created_at) VALUES (1, 7, 'w', 'worker', false, :at)"
            ),
            {"at": MOMENT},
        )
        await connection.execute(
            text(
                "INSERT INTO campaigns (id, code, name, form_id, policy_id, intake_opens,"
                " intake_closes, review_closes, levels, milestones, created_at) VALUES"
                " (1, 'c', 'c', 'henan-2017', 'henan-2017', :at, :at, :at, '[]', '[]', :at)"
            ),
            {"at": MOMENT},
        )
        await connection.execute(
            sa.insert(LEGACY_REGISTRATIONS).values(
                id=1,
                campaign_id=1,
                unit_id=1,
                entered_by_user_id=1,
                state="submitted",
                sealed_state=b"\x01",
                precheck=LEGACY_PRECHECK,
                version=1,
                created_at=MOMENT,
                updated_at=MOMENT,
            )
        )


async def test_upgrading_seals_the_plaintext_precheck_with_the_installations_key(
    engine: AsyncEngine,
) -> None:
    await _a_record_with_a_plaintext_precheck(engine)
    vault = Vault(bytes(range(32)))
    await upgrade(engine, vault=vault)
    async with session_factory(engine)() as session:
        record = await session.get(Registration, 1)
        assert record is not None
        stored = registrations_repository.precheck_of(vault, record)
        assert stored == read_precheck(LEGACY_PRECHECK)
        assert (record.precheck_outcome, record.precheck_rules) == ("needs_review", ["2"])
        assert "患病" not in await raw_database_text(session)
    # And back, for a rollback of the release.
    await downgrade(engine, "0005", vault=vault)
    async with engine.connect() as connection:
        kept = (await connection.execute(text("SELECT precheck FROM registrations"))).scalar()
    assert (json.loads(kept) if isinstance(kept, str) else kept) == LEGACY_PRECHECK


async def test_upgrading_plaintext_prechecks_without_the_key_is_refused(
    engine: AsyncEngine,
) -> None:
    await _a_record_with_a_plaintext_precheck(engine)
    with pytest.raises(RuntimeError, match="1 pre-check"):
        await upgrade(engine)
    assert await current_revision(engine) == "0005"
