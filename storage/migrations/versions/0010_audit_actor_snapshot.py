"""the audit trail keeps who acted as they were then

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

``audit_events.actor_name``, ``actor_role`` and ``actor_unit_id`` hold the acting account's
name, role and unit at the moment of the event: an officer who later moves or changes role
keeps, in the history, the role they acted in. ``actor_unit_id`` has no foreign key so that the
columns can be added in place (SQLite recreates a table to add a constraint, and the
append-only triggers of 0003 would go with it); units are never deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = (
    ("actor_name", sa.String(length=200)),
    ("actor_role", sa.String(length=24)),
    ("actor_unit_id", sa.Integer()),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("audit_events", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column("audit_events", name)
