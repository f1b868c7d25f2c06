"""SVG snapshots of the beamer at the smallest size it must serve (80×25) and a projector's
(160×45). The beamer reads the chair's database file read-only, as it does on the evening.

Update after an intended change with ``pytest tests/screens/test_beamer_snapshots.py --snapshot-update``
and look at the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from baz_tui.beamer import BeamerApp
from models.beamer import BeamerFeed
from models.database import Database
from models.domain import CardKind, Channel, SpeakerKind
from models.records.beamer import BeamerChoice, Showing
from models.rules.votes import RuleProfile
from models.store import Store
from tests.conftest import Clock, everyone_present_item_running

SIZES = [(80, 25), (160, 45)]


@pytest.fixture
def store(clock: Clock, tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "baz.db", clock=clock)
    yield s
    s.close()


def beamer(store: Store, clock: Clock) -> BeamerApp:
    assert store.database.sqlite_path is not None
    reader = Store(Database.open_read_only(store.database.sqlite_path), clock)
    return BeamerApp(BeamerFeed(reader, None), clock=clock)


def _discussion(store: Store, meeting, clock: Clock) -> int:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    who = {p.name: p.id for p in store.list_attendees(meeting.id)}
    for name in ("Mohammed El Amrani", "Fatima Ouali", "Jan de Vries", "Piet Jansen"):
        store.add_speaker(item_id, who[name])
    store.add_speaker(item_id, None)
    store.add_speaker(item_id, who["Kees Dekker"], SpeakerKind.PUNT_VAN_ORDE)
    store.next_speaker(item_id)
    clock.advance(minutes=2, seconds=13)
    return item_id


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_beamer_speakers(snap_compare, store, meeting, clock, size) -> None:  # type: ignore[no-untyped-def]
    _discussion(store, meeting, clock)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.SPEAKERS))

    assert snap_compare(beamer(store, clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_beamer_vote_counting(snap_compare, store, meeting, clock, size) -> None:  # type: ignore[no-untyped-def]
    item_id = _discussion(store, meeting, clock)
    poll = store.create_poll(item_id, "Drie bomen bij de zandbak", profile=RuleProfile.TWEE_DERDE)
    for option, room, digital in zip(poll.options, (3, 1, 0), (5, 2, 1), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, room)
        store.set_count(poll.id, option.id, Channel.DIGITAAL, digital)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))

    assert snap_compare(beamer(store, clock), terminal_size=size)


def test_beamer_vote_declared(snap_compare, store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    item_id = _discussion(store, meeting, clock)
    poll = store.create_poll(item_id, "Drie bomen bij de zandbak", profile=RuleProfile.TWEE_DERDE)
    for option, room in zip(poll.options, (3, 1, 0), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, room)
    store.declare_poll(poll.id)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))

    assert snap_compare(beamer(store, clock), terminal_size=(80, 25))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_beamer_problem_tree(snap_compare, store, meeting, clock, size) -> None:  # type: ignore[no-untyped-def]
    item_id = _discussion(store, meeting, clock)
    core = store.add_card(item_id, CardKind.KERNPROBLEEM, "Speelplein wordt weinig gebruikt")
    core_id = core.touched_card_id
    cause = store.add_card(item_id, CardKind.OORZAAK, "Toestellen zijn kapot", parent_id=core_id)
    store.add_card(
        item_id, CardKind.OORZAAK, "Geen onderhoudsbudget", parent_id=cause.touched_card_id
    )
    store.add_card(item_id, CardKind.GEVOLG, "Kinderen spelen op straat", parent_id=core_id)
    ideas = [
        store.add_card(item_id, CardKind.OPLOSSING, text, parent_id=core_id).touched_card_id
        for text in ("Nieuwe toestellen", "Bomen planten", "Speelmiddag op woensdag")
    ]
    for idea, dots in zip(ideas, (4, 4, 1), strict=True):
        store.add_dots(idea, dots)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.ANALYSIS))

    assert snap_compare(beamer(store, clock), terminal_size=size)


def test_beamer_agenda(snap_compare, store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    _discussion(store, meeting, clock)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.AGENDA))

    assert snap_compare(beamer(store, clock), terminal_size=(80, 25))


def test_beamer_before_the_meeting(snap_compare, store, meeting, clock) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(beamer(store, clock), terminal_size=(80, 25))


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_beamer_before_the_start_shows_the_meeting_the_chair_opened(
    snap_compare, store, meeting, clock, size
) -> None:  # type: ignore[no-untyped-def]
    """Today's meeting is planned, but the chair opened next week's: that one is on."""
    from datetime import date, time

    next_week = store.create_meeting(
        "Wijkschouw Crabbehof", date(2026, 12, 8), time(20, 0), location="Buurthuis De Hoven"
    )
    store.show_on_beamer(next_week.id)

    assert snap_compare(beamer(store, clock), terminal_size=size)


# ------------------------------------------------------------------- the room for phones

ROOM_ADDRESS = "http://192.168.1.20:8765"


@pytest.fixture
def room_code(monkeypatch: pytest.MonkeyPatch) -> str:
    """The meeting code is random; the pictures need one that is always the same."""
    monkeypatch.setattr("models.store.room.new_meeting_code", lambda: "K7P2QX")
    return "K7P2QX"


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_beamer_with_the_room_open(snap_compare, store, meeting, clock, room_code, size) -> None:  # type: ignore[no-untyped-def]
    """Beside the floor where there is room (the QR code, the address, the code); at 80×24
    one line at the bottom."""
    _discussion(store, meeting, clock)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.SPEAKERS))
    store.open_room(meeting.id, ROOM_ADDRESS)

    assert snap_compare(beamer(store, clock), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_beamer_vote_declared_with_the_room_open(  # type: ignore[no-untyped-def]
    snap_compare, store, meeting, clock, room_code, size
) -> None:
    """The result of a vote counted in the room and on phones stays in sight beside the
    room's panel (the QR code twice as large on a projector's 160×45)."""
    item_id = _discussion(store, meeting, clock)
    store.open_room(meeting.id, ROOM_ADDRESS)
    poll = store.create_poll(item_id, "Drie bomen bij de zandbak")
    phones = [store.phone_of(meeting.id, store.join_room(meeting.id)) for _n in range(2)]
    for option, room in zip(poll.options, (1, 0, 1), strict=True):  # 4 present may vote
        store.set_count(poll.id, option.id, Channel.ZAAL, room)
    for phone, option in zip(phones, (0, 1), strict=True):
        store.cast_phone_vote(meeting.id, phone, poll.id, poll.options[option].id)
    store.declare_poll(poll.id)
    store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))

    assert snap_compare(beamer(store, clock), terminal_size=size)
