"""Language (issue #23): the chosen language is kept like the theme, Textual's own words that BaZ
shows are in Dutch too, and counts take the right plural."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from baz_tui import cli
from baz_tui.config import load_settings
from baz_tui.i18n import current_language, install_language
from tests.conftest import (
    everyone_present_item_running,
    make_app,
    open_meeting_screen,
    until,
    wait_loaded,
)


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The app the command line starts, replaced by one that only records how."""
    import baz_tui.app

    started: dict[str, object] = {}

    class FakeApp:
        return_code = 0

        def __init__(self, open_database, **options):  # type: ignore[no-untyped-def]
            started.update(options)

        def run(self) -> None:
            started["language"] = current_language()

    monkeypatch.setattr(baz_tui.app, "BazApp", FakeApp)
    return started


def test_lang_is_kept_for_the_next_start(fake_app: dict[str, object], tmp_path: Path) -> None:
    db = str(tmp_path / "baz.db")
    assert cli.main(["--lang", "en", "--db", db]) == 0
    assert fake_app["language"] == "en"
    assert load_settings()["language"] == "en"
    install_language("nl")
    # The next plain "baz" speaks English, as the theme is kept too.
    assert cli.main(["--db", db]) == 0
    assert fake_app["language"] == "en"
    assert cli.main(["--lang", "nl", "--db", db]) == 0
    assert load_settings()["language"] == "nl"


def test_a_language_chosen_in_the_palette_is_kept(
    fake_app: dict[str, object], tmp_path: Path
) -> None:
    assert cli.main(["--db", str(tmp_path / "baz.db")]) == 0
    remember = fake_app["remember_language"]
    remember("en")  # type: ignore[operator]
    assert load_settings()["language"] == "en"


async def test_the_palette_says_no_matches_in_dutch_and_offers_the_other_language(
    store, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from textual.command import CommandList

    from baz_tui.palette import BazCommandPalette

    # "No matches" comes half a second after a search found nothing; here at once.
    monkeypatch.setattr(BazCommandPalette, "_NO_MATCHES_COUNTDOWN", 0.01)
    chosen: list[str] = []
    app = make_app(store)
    app._remember_language = chosen.append

    def shown() -> list[str]:
        options = app.screen.query_one(CommandList)
        return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one("Input").placeholder == "Typ wat u wilt doen…"
        await pilot.press(*"xqzqx")
        await until(pilot, lambda: any("Niets gevonden" in text for text in shown()), "no matches")
        await pilot.press(*["backspace"] * 5, *"English")
        await app.workers.wait_for_complete()  # the search for the whole word
        await until(pilot, lambda: "English" in "".join(shown()[:1]), "English on top")
        await pilot.press("enter")
        await pilot.pause()
        assert chosen == ["en"]


async def test_ctrl_c_says_how_to_quit_in_dutch(store) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert (note.title, note.message) == (
            "Wilt u stoppen?",
            "Ctrl+Q sluit BaZ; alles is al bewaard.",
        )


async def test_one_eligible_voter_is_said_in_the_singular(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from models.domain import Presence

    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    for person in store.list_attendees(meeting.id):
        if person.name != "Jan de Vries":
            store.set_presence(person.id, Presence.AFWEZIG)
    store.create_poll(item_id, "Een bankje?")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f5")
        rule = str(screen.query_one("#rule").render())
        assert "1 stemgerechtigde aanwezig" in rule, rule
