"""The review screen of the public version (W → O on the minutes screen), key by key.

The meeting of ``test_public_review``: Groen, Bakker, Kok and de Wit, notes that use those words
as words, a person of an earlier meeting, a shared first name, an e-mail address.
"""

from __future__ import annotations

from textual.widgets import DataTable

from baz_tui.export import default_export_folder
from models.domain import ReviewAnswer
from models.rules.naming import SpotKind
from models.store import Store
from screens.public_review import PublicReviewScreen, WhoseNameDialog
from screens.widgets.key_bar import KeyBar
from screens.widgets.status_line import StatusLine
from tests.conftest import make_app, open_meeting_screen
from tests.e2e.test_public_review import evening


async def _open_review(pilot) -> PublicReviewScreen:  # type: ignore[no-untyped-def]
    await open_meeting_screen(pilot, "f6")
    await pilot.press("w")
    await pilot.pause()
    await pilot.press("o")
    return await _loaded(pilot)


async def _loaded(pilot) -> PublicReviewScreen:  # type: ignore[no-untyped-def]
    """The review screen once its list is read (in a worker) and shown."""
    for _attempt in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, PublicReviewScreen) and screen.review is not None:
            return screen
    raise AssertionError(f"no review list: {pilot.app.screen!r}")


async def _select(pilot, screen: PublicReviewScreen, found: str, where: str = "notities"):  # type: ignore[no-untyped-def]
    index = next(i for i, s in enumerate(screen.rows) if s.found == found and where in s.where)
    screen.query_one("#review-spots", DataTable).move_cursor(row=index)
    await pilot.pause()
    return screen.rows[index]


async def _press_and_reload(pilot, *keys: str) -> PublicReviewScreen:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    return await _loaded(pilot)


async def test_the_keys_of_the_review(store: Store) -> None:
    built = evening(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_review(pilot)
        assert {s.found for s in screen.review.open} >= {"Groen", "Meer", "Sanne"}  # type: ignore[union-attr]

        # A: accept a doubtful word ("Groen is belangrijk…" is the colour).
        groen = await _select(pilot, screen, "Groen")
        screen = await _press_and_reload(pilot, "a")
        assert store.review_choices(built.meeting_id)[groen.key].choice is ReviewAnswer.ACCEPT
        assert "“Groen”: akkoord." in str(screen.query_one(StatusLine).render())

        # U: undo a replacement — the public version shows the words as typed.
        henk = await _select(pilot, screen, "Henk Bakker")
        screen = await _press_and_reload(pilot, "u")
        assert store.review_choices(built.meeting_id)[henk.key].choice is ReviewAnswer.KEEP
        assert next(s for s in screen.rows if s.key == henk.key).shown == "Henk Bakker"

        # Del: take it back.
        await _select(pilot, screen, "Henk Bakker")
        screen = await _press_and_reload(pilot, "delete")
        assert henk.key not in store.review_choices(built.meeting_id)
        assert next(s for s in screen.rows if s.key == henk.key).shown == "Bewoner 2"

        # N, X: a name of somebody on no list — replaced wherever it appears.
        pietersen = await _select(pilot, screen, "Meneer Pietersen")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhoseNameDialog)
        screen = await _press_and_reload(pilot, "x")
        choice = store.review_choices(built.meeting_id)[pietersen.key]
        assert (choice.choice, choice.word) == (ReviewAnswer.NAME, "Pietersen")
        assert next(s for s in screen.rows if s.key == pietersen.key).shown == "Een bewoner"

        # N, 1: the shared first name is Sanne Groen's (the first who it may be).
        sanne = await _select(pilot, screen, "Sanne")
        await pilot.press("n")
        await pilot.pause()
        screen = await _press_and_reload(pilot, "1")
        choice = store.review_choices(built.meeting_id)[sanne.key]
        assert (choice.choice, choice.attendee_id) == (ReviewAnswer.NAME, built.ids["Sanne Groen"])

        # N, Esc: nothing chosen.
        meer = await _select(pilot, screen, "Meer")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and meer.key not in store.review_choices(built.meeting_id)

        # An e-mail address can only be accepted: U and N do not apply to it.
        mail = await _select(pilot, screen, "sanne@buurt.nl")
        assert mail.kind is SpotKind.CONTACT
        before = dict(store.review_choices(built.meeting_id))
        await pilot.press("u", "n")
        await pilot.pause()
        assert app.screen is screen and store.review_choices(built.meeting_id) == before

        # F: only the doubtful spots, and back.
        screen = await _press_and_reload(pilot, "f")
        assert screen.rows and all(s.doubtful for s in screen.rows)
        screen = await _press_and_reload(pilot, "f")
        assert any(not s.doubtful for s in screen.rows)

        # Esc: back to the minutes, nothing written.
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PublicReviewScreen)
        assert "niet geschreven" in str(app.screen.query_one(StatusLine).render())
        folder = default_export_folder()
        assert not list(folder.glob("*.docx"))

        # W: the file is written as the list showed it (where to: Enter takes the proposal).
        from screens.widgets.path_dialog import PathDialog

        await pilot.press("w")
        await pilot.pause()
        await pilot.press("o")
        await _loaded(pilot)
        await pilot.press("w")
        for _attempt in range(100):
            if isinstance(app.screen, PathDialog):
                break
            await pilot.pause(0.05)
        await pilot.press("enter")
        for _attempt in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            written = list(folder.glob("*openbare versie*.docx"))
            if written:
                break
    import docx

    (path,) = written
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Een bewoner van nummer 12 belde over de container." in text
    assert "Bewoner 1 vraagt naar de vergunning" in text
    assert "Groen is belangrijk voor de koelte" in text
    assert "Meer groen in de wijk: bakker op de hoek" in text


async def test_every_key_is_readable_at_80_columns(store: Store) -> None:
    evening(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_review(pilot)
        bar = screen.query_one(KeyBar)
        lines = bar.text_lines()
        shown = " ".join(lines)
        for key in ("Goed", "Herstel", "Naam", "Keuze weg", "Filter", "Word", "Terug"):
            assert key in shown
        # Every key within the 80 columns, the app's own (Stop, Help) too.
        assert all(len(line) <= 80 for line in lines) and shown.endswith("F1 Help")
        table = screen.query_one("#review-spots", DataTable)
        assert table.size.width <= 80 and table.virtual_size.width <= table.size.width


async def test_a_review_with_nothing_to_do(store: Store) -> None:
    from datetime import date, time

    store.create_meeting("Rustige avond", date(2026, 12, 1), time(19, 30))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_review(pilot)
        assert screen.rows == []
        assert "Niets te vervangen" in str(screen.query_one(StatusLine).render())


async def test_a_key_that_cannot_act_on_the_review_says_why(store: Store) -> None:
    """Issue #23: Del on a spot nobody chose anything for said nothing."""
    from screens.widgets.status_line import StatusLine

    evening(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_review(pilot)
        assert screen.selected is not None and screen.selected.choice is None
        await pilot.press("delete")
        await pilot.pause()
        assert "Voor deze plek is nog niets gekozen." in str(screen.query_one(StatusLine).render())
