"""The room on their phones: phone votes, voting cards, phone dots and the cards' inbox.

Revision ID: 0007_room_phones
Revises: 0006_open_turn_index
Create Date: 2026-12-14

- ``poll.ballot``: who may vote on a poll from a phone, "open" (the meeting code) or
  "stemkaart" (a voting card); every poll there is gets "open".
- The new channel "telefoon" needs no rows for the polls there are: a poll made before has
  no phone votes, and a missing count reads as 0 (the Store adds the row at the first vote).
- New tables: ``roomsession`` (the room's open periods, meeting codes and addresses), ``phone`` (a phone
  that joined, by the hash of its token), ``votingcard`` (the hash of a card's code and its
  printed number), ``pollvoter`` (who voted in a poll, never what), ``phonedot`` (a phone's
  dots on an idea) and ``phonecard`` (cards handed in from phones, waiting for the note-taker).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_room_phones"
down_revision: str | None = "0006_open_turn_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_count = sa.table("votecount", sa.column("channel", sa.String))


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(
    table: str, column: str, target: str, on_delete: str = "CASCADE"
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=on_delete
    )


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    with op.batch_alter_table("poll") as batch:
        batch.add_column(
            sa.Column("ballot", sa.String(length=20), nullable=False, server_default="open")
        )
    op.create_table(
        "roomsession",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roomsession")),
        _fk("roomsession", "meeting_id", "meeting"),
    )
    _index("roomsession", "meeting_id")
    op.create_table(
        "phone",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone")),
        _fk("phone", "meeting_id", "meeting"),
        sa.UniqueConstraint("token_hash", name=op.f("uq_phone_token_hash")),
    )
    _index("phone", "meeting_id")
    op.create_table(
        "votingcard",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votingcard")),
        _fk("votingcard", "meeting_id", "meeting"),
        sa.UniqueConstraint("code_hash", name=op.f("uq_votingcard_code_hash")),
        sa.UniqueConstraint("meeting_id", "number", name="uq_votingcard_meeting_number"),
    )
    _index("votingcard", "meeting_id")
    op.create_table(
        "pollvoter",
        _id(),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("phone_id", sa.Integer(), nullable=True),
        sa.Column("voting_card_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pollvoter")),
        _fk("pollvoter", "poll_id", "poll"),
        _fk("pollvoter", "phone_id", "phone"),
        _fk("pollvoter", "voting_card_id", "votingcard"),
        sa.UniqueConstraint("poll_id", "phone_id", name="uq_pollvoter_poll_phone"),
        sa.UniqueConstraint("poll_id", "voting_card_id", name="uq_pollvoter_poll_votingcard"),
    )
    for column in ("poll_id", "phone_id", "voting_card_id"):
        _index("pollvoter", column)
    op.create_table(
        "phonedot",
        _id(),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("phone_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phonedot")),
        _fk("phonedot", "card_id", "card"),
        _fk("phonedot", "phone_id", "phone"),
        sa.UniqueConstraint("card_id", "phone_id", name="uq_phonedot_card_phone"),
    )
    for column in ("card_id", "phone_id"):
        _index("phonedot", column)
    op.create_table(
        "phonecard",
        _id(),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("accepted_card_id", sa.Integer(), nullable=True),
        sa.Column("phone_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phonecard")),
        _fk("phonecard", "meeting_id", "meeting"),
        _fk("phonecard", "agenda_item_id", "agendaitem"),
        _fk("phonecard", "accepted_card_id", "card", "SET NULL"),
        _fk("phonecard", "phone_id", "phone", "SET NULL"),
    )
    for column in ("meeting_id", "agenda_item_id", "accepted_card_id", "phone_id"):
        _index("phonecard", column)


def downgrade() -> None:
    for table in ("phonecard", "phonedot", "pollvoter", "votingcard", "phone", "roomsession"):
        op.drop_table(table)
    bind = op.get_bind()
    bind.execute(sa.delete(_count).where(_count.c.channel == "telefoon"))
    with op.batch_alter_table("poll") as batch:
        batch.drop_column("ballot")
