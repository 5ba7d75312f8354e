"""applications.bin holds what the payer typed (up to 32 characters) so that a malformed BIN is stored and reported
as `bin_invalid` instead of failing on PostgreSQL, which enforces VARCHAR lengths (SQLite does not).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.alter_column(
            "bin", existing_type=sa.String(length=12), type_=sa.String(length=32), existing_nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.alter_column(
            "bin", existing_type=sa.String(length=32), type_=sa.String(length=12), existing_nullable=False
        )
