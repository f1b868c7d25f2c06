"""Baseline: the schema of the first release of BaZ.

Revision ID: 0001_baseline
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

# Written out in full, with the names of models/database/tables.py's naming convention: a
# migration must keep meaning the same thing after the models have moved on.
revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _created_at() -> sa.Column[datetime]:
    return sa.Column("created_at", sa.DateTime(), nullable=False)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _fk(table: str, column: str, referred: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{referred}.id"],
        name=op.f(f"fk_{table}_{column}_{referred}"),
        ondelete=ondelete,
    )


def _index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{columns[0]}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "process",
        _id(),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("neighbourhood", sa.String(length=200), nullable=False),
        sa.Column("participation_level", sa.String(length=20), nullable=False),
        sa.Column("budget_euro_cents", sa.Integer(), nullable=True),
        sa.Column("decision_deadline", sa.Date(), nullable=True),
        sa.Column("fixed_text", sa.Text(), nullable=False),
        sa.Column("open_text", sa.Text(), nullable=False),
        sa.Column("feedback_text", sa.Text(), nullable=False),
        _created_at(),
        _pk("process"),
    )

    op.create_table(
        "meeting",
        _id(),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("scheduled_end_time", sa.Time(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("chair", sa.String(length=200), nullable=False),
        sa.Column("note_taker", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("actual_start", sa.DateTime(), nullable=True),
        sa.Column("actual_end", sa.DateTime(), nullable=True),
        sa.Column("agenda_adopted_at", sa.DateTime(), nullable=True),
        sa.Column("minutes_status", sa.String(length=20), nullable=False),
        sa.Column("minutes_approved_on", sa.Date(), nullable=True),
        sa.Column("beamer_view", sa.String(length=40), nullable=False),
        _created_at(),
        _pk("meeting"),
        _fk("meeting", "process_id", "process", "SET NULL"),
    )
    _index("meeting", "date", name="ix_meeting_date")
    _index("meeting", "process_id")

    op.create_table(
        "attendee",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("presence", sa.String(length=30), nullable=False),
        sa.Column("consent", sa.String(length=20), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        _created_at(),
        _pk("attendee"),
        _fk("attendee", "meeting_id", "meeting", "CASCADE"),
    )
    _index("attendee", "meeting_id")

    op.create_table(
        "agendaitem",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("hamerstuk", sa.Boolean(), nullable=False),
        sa.Column("hamered_at", sa.DateTime(), nullable=True),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("speaking_limit_seconds", sa.Integer(), nullable=False),
        sa.Column("order_policy", sa.String(length=30), nullable=False),
        sa.Column("speakers_closed", sa.Boolean(), nullable=False),
        sa.Column("dots_per_participant", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        _created_at(),
        _pk("agendaitem"),
        _fk("agendaitem", "meeting_id", "meeting", "CASCADE"),
    )
    _index("agendaitem", "meeting_id")
    _index("agendaitem", "meeting_id", "position", name="ix_agendaitem_meeting_position")

    op.create_table(
        "speakerentry",
        _id(),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("spoken_seconds", sa.Integer(), nullable=True),
        sa.Column("overtime_seconds", sa.Integer(), nullable=True),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        _pk("speakerentry"),
        _fk("speakerentry", "agenda_item_id", "agendaitem", "CASCADE"),
        _fk("speakerentry", "attendee_id", "attendee", "SET NULL"),
    )
    _index("speakerentry", "agenda_item_id")
    _index("speakerentry", "attendee_id")

    op.create_table(
        "card",
        _id(),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_attendee_id", sa.Integer(), nullable=True),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _created_at(),
        _pk("card"),
        _fk("card", "agenda_item_id", "agendaitem", "CASCADE"),
        _fk("card", "parent_id", "card", "CASCADE"),
        _fk("card", "author_attendee_id", "attendee", "SET NULL"),
    )
    _index("card", "agenda_item_id")
    _index("card", "parent_id")
    _index("card", "author_attendee_id")

    op.create_table(
        "poll",
        _id(),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=30), nullable=False),
        sa.Column("base", sa.String(length=30), nullable=False),
        sa.Column("threshold", sa.String(length=20), nullable=False),
        sa.Column("threshold_percent", sa.Integer(), nullable=True),
        sa.Column("quorum_numerator", sa.Integer(), nullable=True),
        sa.Column("quorum_denominator", sa.Integer(), nullable=True),
        sa.Column("eligible_count", sa.Integer(), nullable=True),
        sa.Column("present_count", sa.Integer(), nullable=False),
        sa.Column("dots_per_participant", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("result_text", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=True),
        sa.Column("previous_poll_id", sa.Integer(), nullable=True),
        sa.Column("source_card_id", sa.Integer(), nullable=True),
        sa.Column("digital_source", sa.Text(), nullable=False),
        _pk("poll"),
        _fk("poll", "agenda_item_id", "agendaitem", "CASCADE"),
        _fk("poll", "previous_poll_id", "poll", "SET NULL"),
        _fk("poll", "source_card_id", "card", "SET NULL"),
    )
    _index("poll", "agenda_item_id")
    _index("poll", "previous_poll_id")
    _index("poll", "source_card_id")

    op.create_table(
        "polloption",
        _id(),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        _pk("polloption"),
        _fk("polloption", "poll_id", "poll", "CASCADE"),
    )
    _index("polloption", "poll_id")

    op.create_table(
        "votecount",
        _id(),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        _pk("votecount"),
        _fk("votecount", "poll_id", "poll", "CASCADE"),
        _fk("votecount", "option_id", "polloption", "CASCADE"),
        sa.UniqueConstraint("option_id", "channel", name="uq_votecount_option_channel"),
    )
    _index("votecount", "poll_id")
    _index("votecount", "option_id")

    op.create_table(
        "decision",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("poll_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _created_at(),
        _pk("decision"),
        _fk("decision", "meeting_id", "meeting", "CASCADE"),
        _fk("decision", "agenda_item_id", "agendaitem", "SET NULL"),
        _fk("decision", "process_id", "process", "SET NULL"),
        _fk("decision", "poll_id", "poll", "SET NULL"),
    )
    _index("decision", "meeting_id")
    _index("decision", "agenda_item_id")
    _index("decision", "process_id")
    _index("decision", "poll_id")

    op.create_table(
        "actionitem",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("process_id", sa.Integer(), nullable=True),
        sa.Column("source_card_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_meeting_id", sa.Integer(), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(), nullable=True),
        _created_at(),
        _pk("actionitem"),
        _fk("actionitem", "meeting_id", "meeting", "CASCADE"),
        _fk("actionitem", "agenda_item_id", "agendaitem", "SET NULL"),
        _fk("actionitem", "process_id", "process", "SET NULL"),
        _fk("actionitem", "source_card_id", "card", "SET NULL"),
        _fk("actionitem", "status_meeting_id", "meeting", "SET NULL"),
    )
    _index("actionitem", "meeting_id")
    _index("actionitem", "agenda_item_id")
    _index("actionitem", "process_id")
    _index("actionitem", "source_card_id")
    _index("actionitem", "status_meeting_id")


def downgrade() -> None:
    # Children before parents, so that no foreign key points at a dropped table.
    for table in (
        "actionitem",
        "decision",
        "votecount",
        "polloption",
        "poll",
        "card",
        "speakerentry",
        "agendaitem",
        "attendee",
        "meeting",
        "process",
    ):
        op.drop_table(table)
