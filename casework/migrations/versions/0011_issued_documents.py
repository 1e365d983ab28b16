"""Issued documents

A document the council issues on a case (a permit, a licence, an approval card) is kept
with the files people sent, marked with what it is. Existing rows were all sent by people,
so they stay unmarked (NULL). Applicants download only marked ones from their account.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("issued_kind", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("issued_kind")
