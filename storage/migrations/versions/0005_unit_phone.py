"""units' telephone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

``units.phone`` is the union office's telephone, printed as 电话 in the header block of the
exported tables ("填报单位(盖章)：… 联系人：… 电话：…").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units") as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("units") as batch_op:
        batch_op.drop_column("phone")
