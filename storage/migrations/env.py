"""Alembic environment: runs on the connection the application hands over."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection

from storage.models import Base
from storage.types import AwareDateTime

target_metadata = Base.metadata


def render_item(kind: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """Write the project's column types as the plain SQL types they store, in new revisions."""
    if kind == "type" and isinstance(item, AwareDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: Connection) -> None:
    """Run the migrations inside the caller's transaction."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `songnuan db upgrade`, which supplies the connection")
run_migrations(connection)
