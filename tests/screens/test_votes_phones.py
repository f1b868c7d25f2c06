"""The votes screen (F5) with the room on their phones: phone votes arrive through the Store
of the room's server while the screen is shown, and the tally follows them ("telefoon"); S
chooses per vote whether phones vote openly or with a voting card (also in the new-vote form),
only while none voted by phone; the item line says "stemmen met stemkaart"."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from textual.widgets import Select

from models.domain import Ballot, Channel
from models.store import Store
from screens.votes import VotesScreen
from screens.widgets.form_dialog import FormDialog
from tests.conftest import (
    PEOPLE,
    Clock,
    everyone_present_item_running,
    fill_field,
    make_app,
    open_meeting_screen,
    until,
    wait_loaded,
)

pytestmark = pytest.mark.usefixtures("quick_looks")

SIZES = [(120, 36), (80, 24)]


@pytest.fixture
def room(tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The chair's Store and the room's server's on one file, the room open, an item running
    with a for/against vote open: (chair, server, meeting, item, poll)."""
    monkeypatch.setattr("models.store.room.new_meeting_code", lambda: "K7QMP4")
    path = tmp_path / "baz.db"
    chair = Store.open(path, clock=clock)
    info = chair.create_meeting(
        "Bewonersavond speelplein", date(2026, 12, 1), time(19, 30), location="De Wielslag"
    )
    for name, role, consent in PEOPLE:
        chair.add_attendee(info.id, name, role, consent)
    item = everyone_present_item_running(chair, info)
    poll = chair.create_poll(item, "Drie bomen bij de zandbak")
    server = Store.open(path, clock=clock)
    server.open_room(info.id)
    yield chair, server, info, item, poll
    server.close()
    chair.close()


def phone_votes(server: Store, meeting_id: int, poll, choices: list[int]) -> None:  # type: ignore[no-untyped-def]
    """One phone per choice votes for the option at that position."""
    for position in choices:
        phone = server.phone_of(meeting_id, server.join_room(meeting_id))
        server.cast_phone_vote(meeting_id, phone, poll.id, poll.options[position].id)


async def test_phone_votes_arrive_while_the_tally_is_shown(room) -> None:  # type: ignore[no-untyped-def]
    chair, server, meeting, _item, poll = room
    app = make_app(chair)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f5")
        assert isinstance(screen, VotesScreen) and screen.poll is not None
        await pilot.press("plus")  # one hand for, in the room
        phone_votes(server, meeting.id, poll, [0, 1])
        await until(pilot, lambda: screen.poll.phone_total == 2, "the phone votes")
        assert [(o.room, o.phone) for o in screen.poll.options] == [(1, 1), (0, 1), (0, 0)]
        tally = screen.query_one("#tally")
        drawn = "\n".join(
            "".join(s.text for s in tally.render_line(y)) for y in range(tally.size.height)
        )
        assert "telefoon 1" in drawn
        phone_votes(server, meeting.id, poll, [0])
        await until(pilot, lambda: screen.poll.options[0].phone == 2, "one more phone vote")
        assert chair.get_poll(poll.id).options[0].total == 3


async def test_s_chooses_voting_cards_while_no_phone_voted(room) -> None:  # type: ignore[no-untyped-def]
    chair, server, meeting, _item, poll = room
    app = make_app(chair)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, "f5")
        await pilot.press("s")
        await until(pilot, lambda: chair.get_poll(poll.id).ballot is Ballot.STEMKAART, "cards")
        assert "stemmen met stemkaart" in str(screen.query_one("#item-line").render())
        await pilot.press("u")
        await until(pilot, lambda: chair.get_poll(poll.id).ballot is Ballot.OPEN, "open again")
        assert "stemkaart" not in str(screen.query_one("#item-line").render())
        phone_votes(server, meeting.id, poll, [0])
        await until(pilot, lambda: screen.poll.phone_total == 1, "the phone vote")
        await pilot.press("s")
        await pilot.pause()
        assert chair.get_poll(poll.id).ballot is Ballot.OPEN
        assert "al per telefoon gestemd" in str(screen.query_one("#status").render())


async def test_the_new_vote_form_asks_how_phones_vote(room) -> None:  # type: ignore[no-untyped-def]
    chair, _server, _meeting, item, _poll = room
    app = make_app(chair)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting_screen(pilot, "f5")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        await fill_field(pilot, "question", "Een hek om het speelveld")
        form.query_one("#field-ballot", Select).value = Ballot.STEMKAART.value
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(chair.list_polls(item)) == 2, "the new vote")
        new = chair.list_polls(item)[-1]
        assert new.question == "Een hek om het speelveld" and new.ballot is Ballot.STEMKAART


def _with_phone_votes(room) -> Store:  # type: ignore[no-untyped-def]
    chair, server, meeting, _item, poll = room
    chair.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 1)
    chair.set_count(poll.id, poll.options[1].id, Channel.DIGITAAL, 2)
    phone_votes(server, meeting.id, poll, [0, 0, 1])
    return chair


def _on_votes(pilot):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()

    return run(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_votes_with_phone_votes(snap_compare, room, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(_with_phone_votes(room)), terminal_size=size, run_before=_on_votes)
