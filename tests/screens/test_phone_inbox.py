"""The note-taker's inbox of cards from phones on the analysis screen (F4): the line that says
how many wait (following new ones through the change signal), T opens it, A takes a card into
the tree (under the core problem, or a chosen cause), D declines it, U takes either back."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain import CardKind
from models.store import Store
from screens.analysis import AnalysisScreen
from screens.phone_inbox import PhoneInboxDialog
from screens.widgets.form_dialog import FormDialog
from tests.conftest import (
    Clock,
    everyone_present_item_running,
    make_app,
    open_meeting_screen,
    until,
    wait_loaded,
)

pytestmark = pytest.mark.usefixtures("quick_looks")

SIZES = [(120, 36), (80, 24)]


@pytest.fixture
def room(tmp_path: Path, clock: Clock, request: pytest.FixtureRequest, monkeypatch):  # type: ignore[no-untyped-def]
    """The chair's Store and the room's server's on one file; the running item with a core
    problem and a cause; the room open and one phone in it: (chair, server, item, phone)."""
    monkeypatch.setattr("models.store.room.new_meeting_code", lambda: "K7QMP4")
    path = tmp_path / "baz.db"
    chair = Store.open(path, clock=clock)
    meeting = request.getfixturevalue("meeting_on")(chair)
    item = everyone_present_item_running(chair, meeting)
    chair.add_card(item, CardKind.KERNPROBLEEM, "Te weinig speelruimte")
    chair.add_card(item, CardKind.OORZAAK, "Geen groen")
    server = Store.open(path, clock=clock)
    server.open_room(meeting.id)
    phone = server.phone_of(meeting.id, server.join_room(meeting.id))
    yield chair, server, meeting, item, phone
    server.close()
    chair.close()


@pytest.fixture
def meeting_on():  # type: ignore[no-untyped-def]
    """Makes a meeting like the tests' own (``tests.conftest.meeting``) on a given Store."""
    from datetime import date, time

    from tests.conftest import PEOPLE

    def make(store: Store):  # type: ignore[no-untyped-def]
        info = store.create_meeting(
            "Bewonersavond speelplein",
            date(2026, 12, 1),
            time(19, 30),
            location="Wijkcentrum De Wielslag",
            new_process_title="Herinrichting speelplein Wielwijk",
        )
        for name, role, consent in PEOPLE:
            store.add_attendee(info.id, name, role, consent)
        return store.get_meeting(info.id)

    return make


def _line(screen: AnalysisScreen) -> str:
    return str(screen.query_one("#inbox-line").render())


async def test_cards_from_phones_wait_and_are_taken_in_or_declined(room) -> None:  # type: ignore[no-untyped-def]
    chair, server, meeting, item, phone = room
    first = server.submit_phone_card(meeting.id, phone, item, "oorzaak", "Te veel auto's")
    app = make_app(chair)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, "f4")
        assert isinstance(screen, AnalysisScreen)
        assert "1 kaart van een telefoon wacht — T toont hem" in _line(screen)
        # Two more arrive while the screen is shown: it follows them.
        server.submit_phone_card(meeting.id, phone, item, "oplossing", "Een speelstraat")
        third = server.submit_phone_card(meeting.id, phone, item, "gevolg", "Kinderen op straat")
        await until(pilot, lambda: len(screen.inbox) == 3, "the new cards from phones")
        assert "3 kaarten van telefoons wachten — T toont ze" in _line(screen)
        assert chair.analysis_state(item).causes[0].text == "Geen groen"  # not in the tree
        # T: the first card; A with the place offered (the core problem) takes it in.
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PhoneInboxDialog)
        assert "Te veel auto's" in str(app.screen.query_one("#inbox-cards").render())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(screen.inbox) == 2, "the card taken in")
        state = chair.analysis_state(item)
        taken = [c for c in state.causes if c.text == "Te veel auto's"]
        assert taken and taken[0].author_attendee_id is None
        assert taken[0].parent_id == state.core.id
        # The inbox shows the rest at once; the idea goes under the cause "Geen groen".
        assert isinstance(app.screen, PhoneInboxDialog)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        from textual.widgets import Select

        green = next(c for c in state.causes if c.text == "Geen groen")
        form.query_one("#field-place", Select).value = str(green.id)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(screen.inbox) == 1, "the idea taken in")
        green = next(c for c in chair.analysis_state(item).causes if c.text == "Geen groen")
        assert [c.text for c in green.children] == ["Een speelstraat"]
        # D declines the effect; Esc would only have closed the inbox.
        assert isinstance(app.screen, PhoneInboxDialog)
        await pilot.press("d")
        await until(pilot, lambda: not screen.inbox, "the inbox empty")
        assert app.screen is screen
        assert _line(screen) == "" or not screen.query_one("#inbox-line").display
        assert chair.analysis_state(item).effects == ()
        # U takes the decline back, then the idea's acceptance: both wait again.
        await pilot.press("u")
        await until(pilot, lambda: [c.id for c in screen.inbox] == [third], "declined back")
        await pilot.press("escape")  # the status line, not a dialog: nothing opened by U
        await pilot.press("u")
        await until(pilot, lambda: len(screen.inbox) == 2, "the idea back in the inbox")
        green = next(c for c in chair.analysis_state(item).causes if c.text == "Geen groen")
        assert green.children == ()
        assert first not in [c.id for c in screen.inbox]


async def test_t_without_cards_says_why(room) -> None:  # type: ignore[no-untyped-def]
    chair, _server, _meeting, _item, _phone = room
    app = make_app(chair)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, "f4")
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is screen
        assert "Er wachten geen kaarten" in str(screen.query_one("#status").render())


def _waiting_cards(snap_room, *keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run


def _with_cards(room) -> Store:  # type: ignore[no-untyped-def]
    chair, server, meeting, item, phone = room
    server.submit_phone_card(meeting.id, phone, item, "oorzaak", "Te veel auto's in de straat")
    server.submit_phone_card(meeting.id, phone, item, "oplossing", "Een speelstraat op zondag")
    return chair


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_analysis_with_cards_waiting(snap_compare, room, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(_with_cards(room))
    assert snap_compare(app, terminal_size=size, run_before=_waiting_cards(room))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_phone_inbox(snap_compare, room, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(_with_cards(room))
    assert snap_compare(app, terminal_size=size, run_before=_waiting_cards(room, "t", "down"))
