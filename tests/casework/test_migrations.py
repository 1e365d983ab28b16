"""The migrations build exactly the schema the models describe, on PostgreSQL and SQLite."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from casework import db
from casework.migrate import migrate
from casework.models import Base


def _differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def test_postgresql_schema_matches_the_models(database):
    with db.get_engine().connect() as connection:
        assert _differences(connection) == []


def test_sqlite_is_migrated_to_the_same_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    migrate(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        assert _differences(connection) == []
        assert "ix_cases_queue" in {
            index["name"] for index in inspect(connection).get_indexes("cases")
        }
    engine.dispose()
