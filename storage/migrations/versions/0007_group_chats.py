"""group chats answered once

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

The bot serves private chats only. ``group_chats`` remembers each group it has answered, with
the pointer to the private chat, so that it answers a group once, also across restarts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_group_chats")),
    )


def downgrade() -> None:
    op.drop_table("group_chats")
