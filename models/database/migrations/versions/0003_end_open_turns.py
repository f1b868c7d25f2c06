"""End the speaking turns that were left open on an agenda item that no longer runs.

Revision ID: 0003_end_open_turns
Revises: 0002_agenda_timing
Create Date: 2026-12-06

Before S10 (a turn lives inside its item's running time) moving on to the next item or closing
the meeting left the current speaker's turn open: its clock kept counting for days, and the
minutes summed it. This ends every such turn — an open turn on an item that is not running, or
in a meeting that is not running — at the moment its item stopped (the item's end), else when
the meeting closed, else at the last moment recorded for the meeting; never before the turn
began. Speaking time and overtime are recorded as "next speaker" records them: whole seconds
from the start to that end, less the finished pauses and a pause still going on.

Data only; no column changes. The arithmetic is written out here rather than imported, so that
this migration keeps meaning the same thing after the models have moved on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003_end_open_turns"
down_revision: str | None = "0002_agenda_timing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Moments are naive UTC in every BaZ database (``models.database.types.UTCDateTime``).
_entry = sa.table(
    "speakerentry",
    sa.column("id", sa.Integer),
    sa.column("agenda_item_id", sa.Integer),
    sa.column("requested_at", sa.DateTime),
    sa.column("started_at", sa.DateTime),
    sa.column("ended_at", sa.DateTime),
    sa.column("paused_at", sa.DateTime),
    sa.column("paused_seconds", sa.Integer),
    sa.column("spoken_seconds", sa.Integer),
    sa.column("overtime_seconds", sa.Integer),
    sa.column("removed_at", sa.DateTime),
)
_item = sa.table(
    "agendaitem",
    sa.column("id", sa.Integer),
    sa.column("meeting_id", sa.Integer),
    sa.column("speaking_limit_seconds", sa.Integer),
    sa.column("started_at", sa.DateTime),
    sa.column("ended_at", sa.DateTime),
    sa.column("resumed_at", sa.DateTime),
)
_meeting = sa.table(
    "meeting",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("actual_end", sa.DateTime),
)


def _seconds(start: datetime, end: datetime) -> int:
    """Whole seconds from ``start`` to ``end``, rounded down, never negative."""
    return max(0, math.floor((end - start).total_seconds()))


def _last_moment(bind: sa.Connection, meeting_id: int) -> datetime | None:
    """The latest moment recorded on the meeting's agenda and speaker lists."""
    on_items = _entry.join(_item, _item.c.id == _entry.c.agenda_item_id)
    moments = [
        bind.scalar(sa.select(sa.func.max(column)).where(_item.c.meeting_id == meeting_id))
        for column in (_item.c.started_at, _item.c.ended_at)
    ] + [
        bind.scalar(
            sa.select(sa.func.max(column))
            .select_from(on_items)
            .where(_item.c.meeting_id == meeting_id)
        )
        for column in (
            _entry.c.requested_at,
            _entry.c.started_at,
            _entry.c.ended_at,
            _entry.c.paused_at,
            _entry.c.removed_at,
        )
    ]
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def upgrade() -> None:
    bind = op.get_bind()
    stray = bind.execute(
        sa.select(
            _entry.c.id,
            _entry.c.started_at,
            _entry.c.paused_at,
            _entry.c.paused_seconds,
            _item.c.meeting_id,
            _item.c.ended_at,
            _item.c.speaking_limit_seconds,
            _meeting.c.actual_end,
        )
        .select_from(
            _entry.join(_item, _item.c.id == _entry.c.agenda_item_id).join(
                _meeting, _meeting.c.id == _item.c.meeting_id
            )
        )
        .where(
            _entry.c.started_at.is_not(None),
            _entry.c.ended_at.is_(None),
            _entry.c.removed_at.is_(None),
            sa.or_(_item.c.resumed_at.is_(None), _meeting.c.status != "lopend"),
        )
        .order_by(_entry.c.id)
    ).all()
    for id_, started, paused_at, paused, meeting_id, item_end, limit, meeting_end in stray:
        candidates = (item_end, meeting_end, _last_moment(bind, meeting_id))
        end = next((m for m in candidates if m is not None and m >= started), started)
        if paused_at is not None:
            paused += _seconds(paused_at, max(end, paused_at))
        spoken = max(0, _seconds(started, end) - paused)
        overtime = max(0, spoken - limit) if limit > 0 else 0
        bind.execute(
            sa.update(_entry)
            .where(_entry.c.id == id_)
            .values(
                ended_at=end,
                paused_at=None,
                paused_seconds=paused,
                spoken_seconds=spoken,
                overtime_seconds=overtime,
            )
        )


def downgrade() -> None:
    # The turns stay ended: an open turn on an item that does not run was never right.
    pass
