"""Officers' second factor (TOTP)

An officer may add a security code from an authenticator app to their password, and an
administrator must. Each officer gets the sealed shared key, whether a first code has
confirmed it, and the time step of the last code accepted (so no code is accepted twice).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("officers") as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=200), nullable=True))
        # Existing officers have not set one up.
        batch_op.add_column(
            sa.Column("totp_enrolled", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("officers") as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enrolled")
        batch_op.drop_column("totp_secret")
