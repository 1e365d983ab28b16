"""The assistant's web conversations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assistant_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=64), nullable=False),
        sa.Column("speaker", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "buttons",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistant_turns")),
    )
    op.create_index(
        op.f("ix_assistant_turns_sender_id"), "assistant_turns", ["sender_id"], unique=False
    )
    op.create_index(op.f("ix_assistant_turns_at"), "assistant_turns", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_assistant_turns_at"), table_name="assistant_turns")
    op.drop_index(op.f("ix_assistant_turns_sender_id"), table_name="assistant_turns")
    op.drop_table("assistant_turns")
