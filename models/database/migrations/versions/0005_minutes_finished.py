"""The finished minutes: action numbers, the contact and house style of a process, vote facts.

Revision ID: 0005_minutes_finished
Revises: 0004_public_review
Create Date: 2026-12-07

- ``actionitem.year`` and ``actionitem.number``: action points are numbered like decisions,
  per process (or per meeting without one) and per year of their meeting: A-2026-01, A-2026-02 …
  Existing action points get their numbers here, in the order they were made (their
  ``created_at``, then their id) within each process and year.
- ``process.contact``: who residents can ask about the process (a line of the minutes).
- ``process.template``: the Word document in the house style the minutes of the process are
  written on (a path on the laptop; empty: the setting, else BaZ's own look).
- ``poll.result_facts``: what a declared vote came to (outcome, totals, the number that was
  needed …) as JSON, so the result is written in the language of each export. Votes declared
  before this revision have none: their stored sentence (``result_text``) stays what they show.

The numbering is written out here rather than imported, so that this migration keeps meaning
the same thing after the models have moved on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_minutes_finished"
down_revision: str | None = "0004_public_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_action = sa.table(
    "actionitem",
    sa.column("id", sa.Integer),
    sa.column("meeting_id", sa.Integer),
    sa.column("process_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("year", sa.Integer),
    sa.column("number", sa.Integer),
)
_meeting = sa.table("meeting", sa.column("id", sa.Integer), sa.column("date", sa.Date))


def upgrade() -> None:
    with op.batch_alter_table("process") as batch:
        # server_default: the rows already there get "", which is right (nothing chosen yet).
        batch.add_column(sa.Column("contact", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("template", sa.String(length=1000), nullable=False, server_default="")
        )
    with op.batch_alter_table("actionitem") as batch:
        batch.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("number", sa.Integer(), nullable=True))
    with op.batch_alter_table("poll") as batch:
        batch.add_column(sa.Column("result_facts", sa.Text(), nullable=False, server_default=""))
    _number_existing_actions(op.get_bind())


def _number_existing_actions(bind: sa.Connection) -> None:
    rows = bind.execute(
        sa.select(_action.c.id, _action.c.meeting_id, _action.c.process_id, _meeting.c.date)
        .select_from(_action.join(_meeting, _meeting.c.id == _action.c.meeting_id))
        .order_by(_action.c.created_at, _action.c.id)
    ).all()
    counters: dict[tuple[str, int, int], int] = {}
    for id_, meeting_id, process_id, day in rows:
        scope = ("process", process_id) if process_id is not None else ("meeting", meeting_id)
        key = (*scope, day.year)
        counters[key] = counters.get(key, 0) + 1
        bind.execute(
            sa.update(_action)
            .where(_action.c.id == id_)
            .values(year=day.year, number=counters[key])
        )


def downgrade() -> None:
    with op.batch_alter_table("poll") as batch:
        batch.drop_column("result_facts")
    with op.batch_alter_table("actionitem") as batch:
        batch.drop_column("number")
        batch.drop_column("year")
    with op.batch_alter_table("process") as batch:
        batch.drop_column("template")
        batch.drop_column("contact")
