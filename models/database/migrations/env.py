"""Alembic environment of BaZ: runs on the connection ``models.database.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import models.database.tables  # noqa: F401  (registers the tables on the metadata)

config = context.config
target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can alter a table only by copying it; batch mode writes migrations that way.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    # The normal case: BaZ opened the database and owns the transaction around the upgrade.
    _run(connection)
else:
    # A developer running the alembic command (e.g. ``revision --autogenerate``) names the
    # database with ``-x url=...`` or ``sqlalchemy.url``; there is no alembic.ini at run time.
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("Name the database: alembic -x url=sqlite:///path/to/baz.db ...")
    engine = create_engine(url)
    with engine.connect() as new_connection:
        _run(new_connection)
        new_connection.commit()
    engine.dispose()
