"""Indexes for the officers' queue at scale

An officer's queue filters one service's open cases and orders them by due date. With
single-column indexes PostgreSQL fetched every open case (tens of thousands) to sort them
and count them; (service, due_on, id) walks the first page in order, and
(service, status, due_on) counts open and overdue cases from the index alone. The second
makes the single-column service index redundant.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.create_index("ix_cases_queue", ["service", "due_on", "id"])
        batch_op.create_index("ix_cases_service_status", ["service", "status", "due_on"])
        batch_op.drop_index("ix_cases_service")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.create_index("ix_cases_service", ["service"])
        batch_op.drop_index("ix_cases_service_status")
        batch_op.drop_index("ix_cases_queue")
