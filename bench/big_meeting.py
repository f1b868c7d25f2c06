"""The big meeting of the benchmarks, deterministic and at any scale.

At scale 1 (issue #9): 300 attendees, 100 agenda items, 2,000 earlier speaker entries, 50 polls
and 500 cards, in a database of 200 meetings. Scale 4 and 16 multiply every number.

The first of each kind of thing (a meeting, a problem tree, a declared vote) is made through
the Store, so it is exactly what the app writes; the many copies are written with one Core
statement per table, so 16 times the meeting takes seconds, not an hour. The meeting is
running: item 7 has the floor (one speaker, ten waiting), an open vote and a problem tree, and
every attendee is present.

    from bench.big_meeting import build_big_meeting
    big = build_big_meeting(path, scale=1)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

#: The sizes at scale 1.
ATTENDEES, ITEMS, SPEAKER_ENTRIES, POLLS, CARDS, MEETINGS = 300, 100, 2000, 50, 500, 200
#: The item that runs (0-based position), and the queue on it.
LIVE_POSITION, WAITING = 6, 10

_FIRST = ("Annie", "Jan", "Fatima", "Mohammed", "Els", "Piet", "Sanne", "Kees", "Ayşe", "Wim")
_LAST = ("de Graaf", "de Vries", "Ouali", "El Amrani", "Verbeek", "Bakker", "Jansen", "Dekker")
_PROFESSIONALS = ("gemeente", "corporatie", "wijkagent", "deskundige")


@dataclass(frozen=True)
class BigMeeting:
    store: Any  # models.store.Store
    meeting_id: int
    live_item_id: int
    attendee_ids: list[int]
    scale: float
    counts: dict[str, int]


def _n(base: int, scale: float) -> int:
    return max(1, round(base * scale))


def build_big_meeting(path: Path, scale: float = 1.0, seed: int = 2026) -> BigMeeting:
    """Write the big meeting at ``scale`` into a new database at ``path``."""
    from models.database.tables import (
        AgendaItem,
        Attendee,
        Card,
        Meeting,
        Poll,
        PollOption,
        SpeakerEntry,
        VoteCount,
    )
    from models.domain import CardKind, Channel, Presence, Role
    from models.store import Store

    rng = random.Random(seed)
    store = Store.open(path)
    meeting = store.create_meeting(
        "Grote bewonersavond",
        date(2026, 12, 1),
        clock_time(19, 30),
        location="Wijkcentrum De Wielslag",
        new_process_title="Herinrichting speelplein",
    )
    engine = store.engine
    moment = datetime(2026, 12, 1, 18, 30, tzinfo=store.now().tzinfo)
    with engine.begin() as db:
        # Other meetings of the same database, one a week before the big one (at every
        # scale: the big meeting stays the newest, the one the home screen opens first).
        db.execute(
            insert(Meeting.__table__),  # type: ignore[attr-defined]
            [
                {
                    "title": f"Bewonersavond {n + 1}",
                    "date": date(2026, 11, 24) - timedelta(days=7 * n),
                    "start_time": clock_time(19, 30),
                    "status": "gesloten",
                }
                for n in range(_n(MEETINGS, scale) - 1)
            ],
        )
        people = []
        for n in range(_n(ATTENDEES, scale)):
            professional = n % 10 == 9
            people.append(
                {
                    "meeting_id": meeting.id,
                    "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {n + 1}",
                    "role": _PROFESSIONALS[n // 10 % 4] if professional else Role.BEWONER.value,
                    "presence": Presence.AANWEZIG.value,
                    "consent": ("naam", "initialen", "anoniem")[n % 3],
                    "arrived_at": moment,
                }
            )
        db.execute(insert(Attendee.__table__), people)  # type: ignore[attr-defined]
        have = len(store.list_agenda(meeting.id))  # the standard agenda: 8 items
        more = [
            {
                "meeting_id": meeting.id,
                "position": have + n,
                "title": f"Agendapunt {have + n + 1}: {rng.choice(_LAST)}straat",
                "purpose": "ter_bespreking",
                "notes": "Een alinea notulen.\n- punt een\n- punt twee",
            }
            for n in range(_n(ITEMS, scale) - have)
        ]
        if more:  # (an empty list would insert one row of defaults)
            db.execute(insert(AgendaItem.__table__), more)  # type: ignore[attr-defined]
    ids = [a.id for a in store.list_attendees(meeting.id)]
    items = [i.id for i in store.list_agenda(meeting.id)]
    live = items[LIVE_POSITION]

    # One problem tree and one declared vote through the Store, on the live item ...
    core = store.add_card(live, CardKind.KERNPROBLEEM, "Het speelplein wordt weinig gebruikt")
    assert core.touched_card_id is not None
    cause = store.add_card(
        live, CardKind.OORZAAK, "Te weinig schaduw", parent_id=core.touched_card_id
    )
    store.add_card(
        live, CardKind.OORZAAK, "Geen bankjes voor ouders", parent_id=cause.touched_card_id
    )
    store.add_card(
        live, CardKind.GEVOLG, "Kinderen spelen op straat", parent_id=core.touched_card_id
    )
    store.add_card(live, CardKind.OPLOSSING, "Bomen planten bij de zandbak")
    poll = store.create_poll(live, "Zullen we bomen planten bij de zandbak?")
    voters = poll.present_count
    for option, count in zip(poll.options, (voters // 2, voters // 4, voters // 10), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, count)
    store.declare_poll(poll.id)

    # ... copied to the other items with Core.
    others = [i for i in items if i != live]
    card_table, poll_table = Card.__table__, Poll.__table__  # type: ignore[attr-defined]
    option_table, count_table = PollOption.__table__, VoteCount.__table__  # type: ignore[attr-defined]
    entry_table = SpeakerEntry.__table__  # type: ignore[attr-defined]
    with engine.begin() as db:
        cards = db.execute(select(card_table).where(card_table.c.agenda_item_id == live)).all()
        trees = max(0, _n(CARDS, scale) // len(cards) - 1)
        for item in (others * (1 + trees // max(1, len(others))))[:trees]:
            new_ids: dict[int, int] = {}
            for card in cards:  # parents come before their children
                values = dict(card._mapping)
                old = values.pop("id")
                values["agenda_item_id"] = item
                values["parent_id"] = new_ids.get(values["parent_id"])
                new_ids[old] = db.scalar(
                    insert(card_table).values(values).returning(card_table.c.id)
                )
        source = db.execute(select(poll_table).where(poll_table.c.id == poll.id)).one()
        options = db.execute(select(option_table).where(option_table.c.poll_id == poll.id)).all()
        counts = db.execute(select(count_table).where(count_table.c.poll_id == poll.id)).all()
        for n in range(_n(POLLS, scale) - 1):
            values = dict(source._mapping)
            values.pop("id")
            values["agenda_item_id"] = others[n % len(others)]
            values["question"] = f"Voorstel {n + 2}: extra bankjes bij de zandbak?"
            new_poll = db.scalar(insert(poll_table).values(values).returning(poll_table.c.id))
            for option in options:
                new_option = db.scalar(
                    insert(option_table)
                    .values(poll_id=new_poll, position=option.position, label=option.label)
                    .returning(option_table.c.id)
                )
                for count in counts:
                    if count.option_id == option.id:
                        db.execute(
                            insert(count_table).values(
                                poll_id=new_poll,
                                option_id=new_option,
                                channel=count.channel,
                                count=count.count,
                            )
                        )
        # Earlier turns, spread over the items before the live one.
        earlier = items[:LIVE_POSITION]
        turns = []
        start = moment
        for n in range(_n(SPEAKER_ENTRIES, scale)):
            seconds = 20 + rng.randrange(200)
            turns.append(
                {
                    "agenda_item_id": earlier[n % len(earlier)],
                    "attendee_id": None if n % 17 == 0 else ids[rng.randrange(len(ids))],
                    "kind": "punt_van_orde" if n % 23 == 0 else "normaal",
                    "position": 0,
                    "requested_at": start,
                    "started_at": start,
                    "ended_at": start + timedelta(seconds=seconds),
                    "paused_seconds": 0,
                    "spoken_seconds": seconds,
                    "overtime_seconds": max(0, seconds - 180),
                }
            )
        db.execute(insert(entry_table), turns)

    # The evening as it runs: the live item has the floor and a queue, a vote is open.
    store.start_meeting(meeting.id)
    store.start_item(live)
    for attendee in ids[-(WAITING + 1) :]:
        store.add_speaker(live, attendee)
    store.next_speaker(live)
    store.create_poll(live, "Zullen we een watertappunt aanleggen?")
    return BigMeeting(
        store=store,
        meeting_id=meeting.id,
        live_item_id=live,
        attendee_ids=ids,
        scale=scale,
        counts={
            "meetings": _n(MEETINGS, scale),
            "attendees": len(ids),
            "agenda items": len(items),
            "speaker entries": _n(SPEAKER_ENTRIES, scale) + WAITING + 1,
            "polls": _n(POLLS, scale) + 1,
            "cards": len(cards) * (trees + 1),
        },
    )
