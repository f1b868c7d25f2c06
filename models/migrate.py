"""Bring a database to the schema this version of BaZ expects (minimal first version)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables on the metadata)


def prepare_schema(engine: Engine, sqlite_path: Path | None) -> None:
    """Create the tables of a new database."""
    if not inspect(engine).get_table_names():
        SQLModel.metadata.create_all(engine)
