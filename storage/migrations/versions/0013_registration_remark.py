"""the first level's remark (备注) on a record

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

``registrations.sealed_remark``: what the unit's union adds about the worker for the 备注 column
of the printed tables, sealed (AES-GCM, context ``registration-remark``) like the answers. New
rows only, so no key is needed; a downgrade drops the remarks with the column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("registrations", sa.Column("sealed_remark", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("registrations", "sealed_remark")
