"""inbound updates that could not be stored

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

``inbound_updates.rejected_because``: an update whose payload cannot be stored is kept as done,
with the kind of error (never its content), so that it is acknowledged and the others go on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "inbound_updates", sa.Column("rejected_because", sa.String(length=80), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("inbound_updates", "rejected_because")
