"""A room on the real Store: for the tests of the room's web pages, the browser test and
``tools/room_shots.py`` (the tests import it from here; ``tests/e2e/room_store.py`` adds the
fixtures).

:func:`build_room` writes, with the Store's own methods, a meeting whose room is open: eight
attendees, all present (four may vote); the running item has a core problem, a cause and two
ideas, three dots per participant, an open for/against/abstain vote (the current one), a
prepared vote and a dot vote beside it; three voting cards; and another meeting with a vote and
a voting card of its own. The database is a file (SQLite), as the server's is.

:func:`dump` reads the room's tables back with plain SQL (``sqlite3``, not the Store), so a
test can say that a refused request changed nothing — whatever the Store believes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from bench.meeting_people import FIXED_NOW, PEOPLE
from models.domain import CardKind, PollMethod, Presence
from models.store import Store

#: The tables a phone's request may touch: every one is dumped before and after.
ROOM_TABLES = (
    "votecount",
    "pollvoter",
    "phone",
    "phonedot",
    "phonecard",
    "card",
    "votingcard",
    "roomsession",
    "poll",
)
QUESTION = "Komen er bankjes bij de zandbak?"
IDEAS = ("Meer schaduw bij de bankjes", "Een watertappunt")
#: Present and eligible in the meeting: the four residents of ``PEOPLE``.
PRESENT = 4
DOTS = 3


@dataclass(frozen=True)
class Room:
    """The ids and codes of the room :func:`build_room` made, and a Store on its file."""

    path: Path
    code: str
    meeting: int
    item: int
    next_item: int
    poll: int
    #: The options of ``poll``: Voor, Tegen, Onthouding.
    options: tuple[int, int, int]
    prepared: int
    prepared_option: int
    dot_poll: int
    dot_option: int
    core: int
    cause: int
    ideas: tuple[int, int]
    voting_cards: tuple[str, ...]
    other_meeting: int
    other_poll: int
    other_option: int
    other_card: str
    store: Any = None  # models.store.Store, opened on ``path`` by the ``room`` fixture

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def names(self) -> dict[str, object]:
        """What a form field in a test may name as ``{poll}``, ``{yes}``, ``{idea}`` …"""
        return {
            "meeting": self.meeting,
            "item": self.item,
            "next_item": self.next_item,
            "poll": self.poll,
            "yes": self.options[0],
            "no": self.options[1],
            "abstain": self.options[2],
            "prepared": self.prepared,
            "prepared_option": self.prepared_option,
            "dot_poll": self.dot_poll,
            "dot_option": self.dot_option,
            "core": self.core,
            "cause": self.cause,
            "idea": self.ideas[0],
            "idea2": self.ideas[1],
            "card_code": self.voting_cards[0],
            "other_poll": self.other_poll,
            "other_option": self.other_option,
            "other_card": self.other_card,
        }

    def phone_id(self, token: str) -> int:
        """The phone whose cookie holds ``token``."""
        return int(self.store.phone_of(self.meeting, token))


def build_room(path: Path, clock: Callable[[], datetime] | None = None) -> Room:
    """Write the room of the module's text into a new SQLite file at ``path``."""
    store = Store.open(f"sqlite:///{path}", clock=clock or (lambda: FIXED_NOW))
    try:
        meeting = store.create_meeting(
            "Bewonersavond speelplein", date(2026, 12, 1), time(19, 30), location="De Wielslag"
        )
        for name, role, consent in PEOPLE:
            person = store.add_attendee(meeting.id, name, role, consent)
            store.set_presence(person.id, Presence.AANWEZIG)
        agenda = store.list_agenda(meeting.id)
        item, next_item = agenda[6].id, agenda[7].id
        store.start_item(item)
        core = store.add_card(item, CardKind.KERNPROBLEEM, "Het speelplein wordt weinig gebruikt")
        assert core.touched_card_id is not None
        cause = store.add_card(
            item, CardKind.OORZAAK, "Te weinig groen", parent_id=core.touched_card_id
        ).touched_card_id
        ideas = tuple(
            store.add_card(item, CardKind.OPLOSSING, text).touched_card_id for text in IDEAS
        )
        store.set_dots_per_participant(item, DOTS)
        dot_poll = store.create_poll(
            item,
            "Welk idee eerst?",
            method=PollMethod.STIPPEN,
            options=IDEAS,
            dots_per_participant=DOTS,
        )
        prepared = store.create_poll(item, "Mag de hond los op het plein?", prepared=True)
        poll = store.create_poll(item, QUESTION)  # the last opened: the one phones see
        cards = store.issue_voting_cards(meeting.id, 3)
        other = store.create_meeting("Andere avond", date(2026, 11, 24), time(19, 30))
        other_item = store.list_agenda(other.id)[0].id
        store.start_item(other_item)
        other_poll = store.create_poll(other_item, "Elders?", present_count=5)
        other_card = store.issue_voting_cards(other.id, 1)[0]
        code = store.open_room(meeting.id).code
        assert cause is not None and None not in ideas
        return Room(
            path=path,
            code=code,
            meeting=meeting.id,
            item=item,
            next_item=next_item,
            poll=poll.id,
            options=(poll.options[0].id, poll.options[1].id, poll.options[2].id),
            prepared=prepared.id,
            prepared_option=prepared.options[0].id,
            dot_poll=dot_poll.id,
            dot_option=dot_poll.options[0].id,
            core=core.touched_card_id,
            cause=cause,
            ideas=(int(ideas[0] or 0), int(ideas[1] or 0)),
            voting_cards=cards,
            other_meeting=other.id,
            other_poll=other_poll.id,
            other_option=other_poll.options[0].id,
            other_card=other_card,
        )
    finally:
        store.close()
        # One file to copy: what the write-ahead log holds goes into the database.
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the room's tables (:data:`ROOM_TABLES`), read with plain SQL."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608
            for table in ROOM_TABLES
        }


def phone_counts(path: Path, poll_id: int) -> dict[int, int]:
    """The phone votes of a poll per option (channel "telefoon"), read with plain SQL."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT option_id, count FROM votecount WHERE poll_id = ? AND channel = 'telefoon'"
            " AND count > 0",
            (poll_id,),
        ).fetchall()
    return dict(rows)


def count_rows(path: Path, table: str) -> int:
    assert table in ROOM_TABLES
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
