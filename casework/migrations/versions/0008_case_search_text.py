"""Searchable text on cases, for the officers' queue

Officers look a case up by a name, NI number or postcode, which live in each service's own
JSON answers. Each case now keeps those answers, lower-cased, in search_text (filled at
submission from the questions the service declares, casework.search_text). The search is
LIKE '%term%', which a btree cannot serve, so PostgreSQL gets a trigram (pg_trgm) GIN index.
pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without
being a superuser. SQLite gets a plain index of the same name and scans.

Existing cases are filled in from today's declarations of their services.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_cases_search_text",
            "cases",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )
    else:
        op.create_index("ix_cases_search_text", "cases", ["search_text"])
    _fill(bind)


def _fill(bind: sa.engine.Connection) -> None:
    from casework.catalogue import find_service
    from casework.search_text import search_text

    cases = sa.table(
        "cases",
        sa.column("id", sa.Integer),
        sa.column("service", sa.String),
        sa.column("answers", sa.JSON),
        sa.column("search_text", sa.Text),
    )
    rows = bind.execute(sa.select(cases.c.id, cases.c.service, cases.c.answers)).all()
    for case_id, slug, answers in rows:
        service = find_service(slug)
        if service is None or not isinstance(answers, dict):
            continue
        bind.execute(
            cases.update()
            .where(cases.c.id == case_id)
            .values(search_text=search_text(service, answers))
        )


def downgrade() -> None:
    op.drop_index("ix_cases_search_text", table_name="cases")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("search_text")
