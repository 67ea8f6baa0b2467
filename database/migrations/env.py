"""Alembic environment: runs on the connection the application hands over."""

from alembic import context
from sqlmodel import SQLModel

from clerk_app.db import tables  # noqa: F401  (registers the tables on the metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()
    # Batch mode: SQLite can only ALTER by copying tables. PostgreSQL alters in place,
    # and its DDL is transactional, so the migrations run there natively, in one
    # transaction (the `batch_alter_table` blocks then issue plain ALTER statements).
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=sqlite
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
