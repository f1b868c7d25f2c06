"""The beamer seen from the chair's laptop (issue #23): before the start it follows the meeting
the chair has open, and the title bar says what the room sees."""

from __future__ import annotations

from datetime import date, time

import pytest

from screens.widgets.title_bar import TitleBar
from tests.conftest import make_app, wait_loaded

SIZES = [(80, 24), (120, 36)]


def beamer_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(TitleBar).beamer_text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_meeting_the_chair_opens_is_on_the_beamer_before_the_start(
    store, meeting, size
) -> None:  # type: ignore[no-untyped-def]
    # Planned for next week; the fixture's meeting is planned for today (by date, the beamer's
    # guess). The list shows the newest first: next week's meeting is the first row.
    later = store.create_meeting("Wijkschouw Crabbehof", date(2026, 12, 8), time(20, 0))
    assert store.beamer_target().meeting_id == meeting.id
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.meeting_id == later.id
        assert store.beamer_target().meeting_id == later.id  # the beamer goes with the chair
        assert beamer_text(app) == "Beamer: volgt (sprekers)"
        await pilot.press("f2")
        await pilot.pause()
        assert beamer_text(app) == "Beamer: volgt (agenda)"
        # The indicator is whole in the title bar, also at 80 columns.
        bar = app.screen.query_one(TitleBar)
        assert bar.region.width == size[0]


async def test_while_another_meeting_runs_the_title_bar_says_so(store, meeting) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    store.create_meeting("Wijkschouw Crabbehof", date(2026, 12, 8), time(20, 0))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")  # next week's meeting, to prepare it
        await pilot.pause()
        assert store.beamer_target().meeting_id == meeting.id  # the running one stays up
        assert beamer_text(app) == "Beamer: andere vergadering"
        await pilot.press("f3", "f9")  # F9 here cannot take the room's beamer: said so
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "De beamer toont de vergadering die loopt, niet deze." in status
        assert store.beamer_target().meeting_id == meeting.id
