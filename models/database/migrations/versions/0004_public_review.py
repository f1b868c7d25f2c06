"""The review of the public minutes: the facilitator's choices, kept with the meeting.

Revision ID: 0004_public_review
Revises: 0003_end_open_turns
Create Date: 2025-04-01

One new table; nothing else changes. A choice is kept by the key of its spot (a hash of the
sentence, the words and which occurrence), so it needs no text of the minutes itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_public_review"
down_revision: str | None = "0003_end_open_turns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "publicreviewchoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("spot", sa.String(length=32), nullable=False),
        sa.Column("choice", sa.String(length=20), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publicreviewchoice")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_publicreviewchoice_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["attendee.id"],
            name=op.f("fk_publicreviewchoice_attendee_id_attendee"),
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("meeting_id", "spot", name="uq_publicreviewchoice_meeting_spot"),
    )
    op.create_index(
        op.f("ix_publicreviewchoice_meeting_id"), "publicreviewchoice", ["meeting_id"], unique=False
    )
    op.create_index(
        op.f("ix_publicreviewchoice_attendee_id"),
        "publicreviewchoice",
        ["attendee_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_publicreviewchoice_attendee_id"), table_name="publicreviewchoice")
    op.drop_index(op.f("ix_publicreviewchoice_meeting_id"), table_name="publicreviewchoice")
    op.drop_table("publicreviewchoice")
