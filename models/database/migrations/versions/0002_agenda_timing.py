"""Agenda timing: item timers as stored periods, and breaks of the whole meeting.

Revision ID: 0002_agenda_timing
Revises: 0001_baseline
Create Date: 2025-02-01

An item's elapsed time is ``spent_seconds`` (earlier periods) plus the running period from
``resumed_at``, minus the breaks in ``meetingbreak``: timestamps only, so a restart resumes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_agenda_timing"
down_revision: str | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agendaitem") as batch:
        # server_default: the rows already there get 0, which is right (no time recorded).
        batch.add_column(
            sa.Column("spent_seconds", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("resumed_at", sa.DateTime(), nullable=True))

    op.create_table(
        "meetingbreak",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetingbreak")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meetingbreak_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        op.f("ix_meetingbreak_meeting_id"), "meetingbreak", ["meeting_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_meetingbreak_meeting_id"), table_name="meetingbreak")
    op.drop_table("meetingbreak")
    with op.batch_alter_table("agendaitem") as batch:
        batch.drop_column("resumed_at")
        batch.drop_column("spent_seconds")
