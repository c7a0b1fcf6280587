"""officers' awaited input

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

``users.awaiting`` says what an officer's next typed message answers (the reason of a return
or a rejection, an aid amount), so that it survives a restart of the bot.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("awaiting", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("awaiting")
