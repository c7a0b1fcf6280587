"""the pre-check sealed

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

A record's pre-check holds what the household declared (its incomes, the causes of its
hardship, the Party-aid exclusion) and was stored as plaintext JSON. It is now sealed like the
answers (AES-GCM, context ``registration-precheck``), with in clear only what a queue filters on:
the outcome in effect and the rules that hold.

The key: the application hands its vault to the migration, as it hands the connection
(``storage.database.upgrade(engine, vault=...)``, which ``songnuan run``, ``chat`` and
``db upgrade`` all do), so the rows are moved in this same transaction and no plaintext
survives the upgrade. A database with plaintext pre-checks and no vault handed over is refused,
never upgraded with its data lost.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Frozen here: a migration keeps the context it sealed with, whatever the code says later.
PRECHECK_CONTEXT = b"registration-precheck"

_registrations = sa.table(
    "registrations",
    sa.column("id", sa.Integer()),
    sa.column("precheck", sa.JSON()),
    sa.column("sealed_precheck", sa.LargeBinary()),
    sa.column("precheck_outcome", sa.String(16)),
    sa.column("precheck_rules", sa.JSON()),
)


def _vault() -> Any:
    return context.config.attributes.get("vault")


def _refuse_without_key(count: int) -> None:
    if count and _vault() is None:
        raise RuntimeError(
            f"{count} pre-check(s) must be encrypted or decrypted by this migration: run it with "
            "the installation's key (`songnuan db upgrade`)"
        )


def _in_effect(stored: dict[str, Any]) -> str | None:
    override = stored.get("override")
    if isinstance(override, dict) and override.get("outcome"):
        return str(override["outcome"])
    outcome = stored.get("outcome")
    return str(outcome) if outcome else None


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_registrations.c.id, _registrations.c.precheck).where(
            _registrations.c.precheck.is_not(None)
        )
    ).all()
    rows = [row for row in rows if row.precheck is not None]  # a JSON null is not None
    # Before any change: SQLite does not roll every schema change back.
    _refuse_without_key(len(rows))
    op.add_column("registrations", sa.Column("sealed_precheck", sa.LargeBinary(), nullable=True))
    op.add_column(
        "registrations", sa.Column("precheck_outcome", sa.String(length=16), nullable=True)
    )
    op.add_column("registrations", sa.Column("precheck_rules", sa.JSON(), nullable=True))
    for row in rows:
        stored = row.precheck if isinstance(row.precheck, dict) else json.loads(row.precheck)
        connection.execute(
            sa.update(_registrations)
            .where(_registrations.c.id == row.id)
            .values(
                sealed_precheck=_vault().seal_json(stored, context=PRECHECK_CONTEXT),
                precheck_outcome=_in_effect(stored),
                precheck_rules=list(stored.get("rules") or []),
            )
        )
    op.drop_column("registrations", "precheck")


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_registrations.c.id, _registrations.c.sealed_precheck).where(
            _registrations.c.sealed_precheck.is_not(None)
        )
    ).all()
    _refuse_without_key(len(rows))
    op.add_column("registrations", sa.Column("precheck", sa.JSON(), nullable=True))
    for row in rows:
        stored = _vault().open_json(row.sealed_precheck, context=PRECHECK_CONTEXT)
        connection.execute(
            sa.update(_registrations).where(_registrations.c.id == row.id).values(precheck=stored)
        )
    op.drop_column("registrations", "precheck_rules")
    op.drop_column("registrations", "precheck_outcome")
    op.drop_column("registrations", "sealed_precheck")
