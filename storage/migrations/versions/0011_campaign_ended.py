"""campaigns closed or withdrawn

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

``campaigns.ended`` is ``closed`` (stopped early: no more registration or review) or
``withdrawn`` (created by mistake), with ``ended_at``; an ended campaign is nobody's current
campaign and reminds no one, and its units may take part in another campaign at the same time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("campaigns", sa.Column("ended", sa.String(length=16), nullable=True))
    op.add_column("campaigns", sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("campaigns", "ended_at")
    op.drop_column("campaigns", "ended")
