"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.database import current_revision, upgrade
from storage.models import Base


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
