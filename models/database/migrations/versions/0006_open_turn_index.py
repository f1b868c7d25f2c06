"""An index on the turn going on, so ending it does not read the meeting's other turns.

Revision ID: 0006_open_turn_index
Revises: 0005_minutes_finished
Create Date: 2026-12-07

V, B and closing the meeting end the turn going on (S10). Finding it read every turn of every
item of the meeting (thousands on the big meeting, half a millisecond of each V); a partial
index on the open turns makes it one look. SQLite and PostgreSQL both know partial indexes;
nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_open_turn_index"
down_revision: str | None = "0005_minutes_finished"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Written out here, so this migration keeps meaning the same after the models move on.
_OPEN_TURN = "started_at IS NOT NULL AND ended_at IS NULL AND removed_at IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_speakerentry_open_turn",
        "speakerentry",
        ["agenda_item_id"],
        unique=False,
        sqlite_where=sa.text(_OPEN_TURN),
        postgresql_where=sa.text(_OPEN_TURN),
    )


def downgrade() -> None:
    op.drop_index("ix_speakerentry_open_turn", table_name="speakerentry")
