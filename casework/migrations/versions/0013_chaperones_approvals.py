"""Chaperone approvals: the approval numbers and dates of the chaperone register

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chaperone_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("approval_number", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("approved_until", sa.Date(), nullable=False),
        sa.Column("rule_version_id", sa.Integer(), nullable=True),
        sa.Column("reminder_sent_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_chaperone_approvals_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["rule_version_id"],
            ["rule_versions.id"],
            name=op.f("fk_chaperone_approvals_rule_version_id_rule_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chaperone_approvals")),
        sa.UniqueConstraint("approval_number", name=op.f("uq_chaperone_approvals_approval_number")),
        sa.UniqueConstraint("case_id", name=op.f("uq_chaperone_approvals_case_id")),
        sa.UniqueConstraint("year", "sequence", name=op.f("uq_chaperone_approvals_year")),
    )
    op.create_index(
        "ix_chaperone_approvals_approved_until", "chaperone_approvals", ["approved_until"]
    )


def downgrade() -> None:
    op.drop_table("chaperone_approvals")
