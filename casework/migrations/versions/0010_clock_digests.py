"""Officers' daily clock digests

One row per officer per day that the digest of cases near or past a clock was sent, written
in the same transaction as its outbox message. The unique (officer, day) is what makes the
digest go once a day however many times the task runs (``casework.clock_alerts``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clock_digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.Column("due_soon", sa.Integer(), nullable=False),
        sa.Column("outbox_message_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.ForeignKeyConstraint(["outbox_message_id"], ["outbox_messages.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("officer_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("clock_digests")
