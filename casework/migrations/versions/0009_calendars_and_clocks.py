"""School calendars and case clocks

School terms and closure (INSET) days, by calendar (the council's or a school's own URN),
for school-day arithmetic; and one row per clock per case, so the queue, the daily digest
and the performance figures read running and stopped clocks from one table. Clocks for
cases already open are started by ``casework.clocks.backfill`` when ``portal migrate`` runs.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "school_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("calendar", "starts_on"),
    )
    op.create_index("ix_school_terms_calendar", "school_terms", ["calendar"])
    op.create_table(
        "school_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("calendar", "day"),
    )
    op.create_index("ix_school_closures_calendar", "school_closures", ["calendar"])
    op.create_table(
        "case_clocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=60), nullable=False),
        sa.Column("clock", sa.String(length=60), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("warn_on", sa.Date(), nullable=False),
        sa.Column("paused_since", sa.Date(), nullable=True),
        sa.Column("paused_days", sa.Integer(), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("in_time", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "clock"),
    )
    op.create_index("ix_case_clocks_case_id", "case_clocks", ["case_id"])
    op.create_index("ix_case_clocks_running", "case_clocks", ["stopped_on", "due_on"])
    op.create_index("ix_case_clocks_figures", "case_clocks", ["service", "clock", "stopped_on"])


def downgrade() -> None:
    op.drop_table("case_clocks")
    op.drop_table("school_closures")
    op.drop_table("school_terms")
