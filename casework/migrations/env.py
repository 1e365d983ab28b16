"""Alembic environment: the database comes from settings, the schema from the models."""

from alembic import context
from sqlalchemy import pool

from casework.db import make_engine
from casework.models import Base
from casework.settings import get_settings

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    url = config.attributes.get("database_url") or get_settings().database_url
    engine = make_engine(url) if url.startswith("sqlite") else None
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    engine.dispose()


run_migrations()
