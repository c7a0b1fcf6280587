"""delivery leases and message ids; the leases table

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Reminder and broadcast deliveries get ``sending_until`` (a claim's lease: a row still
``sending`` after it is claimable again, as its process died mid-send) and ``message_id`` (the
Telegram message id of a sent one). ``leases`` holds named leases, such as the one that lets a
single process at a time send reminders and broadcasts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

DELIVERIES = ("reminder_deliveries", "broadcast_deliveries")


def upgrade() -> None:
    for table in DELIVERIES:
        op.add_column(table, sa.Column("sending_until", sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column("message_id", sa.BigInteger(), nullable=True))
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )


def downgrade() -> None:
    op.drop_table("leases")
    for table in DELIVERIES:
        op.drop_column(table, "message_id")
        op.drop_column(table, "sending_until")
