"""Notifications: delivery receipts, leases, fallbacks, inbound texts, case attention

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("delivery_status", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("delivery_status_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("fallback_for_id", sa.String(length=36), nullable=True))
        batch.create_index(
            batch.f("ix_outbox_messages_fallback_for_id"), ["fallback_for_id"], unique=False
        )
        batch.create_index(batch.f("ix_outbox_messages_notify_id"), ["notify_id"], unique=False)
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("attention", sa.Text(), nullable=True))
    op.create_table(
        "inbound_texts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("source_number", sa.String(length=30), nullable=False),
        sa.Column("destination_number", sa.String(length=30), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("routed_to", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_inbound_texts_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_texts")),
    )
    op.create_index(op.f("ix_inbound_texts_case_id"), "inbound_texts", ["case_id"], unique=False)
    op.create_index(
        op.f("ix_inbound_texts_source_number"), "inbound_texts", ["source_number"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_inbound_texts_source_number"), table_name="inbound_texts")
    op.drop_index(op.f("ix_inbound_texts_case_id"), table_name="inbound_texts")
    op.drop_table("inbound_texts")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("attention")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_index(batch.f("ix_outbox_messages_notify_id"))
        batch.drop_index(batch.f("ix_outbox_messages_fallback_for_id"))
        batch.drop_column("fallback_for_id")
        batch.drop_column("lease_until")
        batch.drop_column("delivery_status_at")
        batch.drop_column("delivery_status")
