"""A vote, dots and a card from the room and from phones together, through to the Word minutes
(issue #25's "tried as a room would"): the chair's app (Pilot) and a phone (headless chromium
against the real room server, its own process) on one SQLite file.

The tellers count hands with + on the votes screen, a phone votes, the tally shows both and the
chair declares with the keys; the phone sees the result in plain words, places a dot and hands
in a card; the note-taker takes the card into the tree with the inbox keys (T, A); the minutes
written to .docx name the phone channel in the vote's counts and hold the card.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from tests.conftest import make_app, open_meeting_screen, until
from tests.e2e.room_store import QUESTION, Room
from tests.slow.room_browser import BROWSER_MARKS, body_text, wait_for

pytestmark = BROWSER_MARKS

CARD = "Er is geen schaduw bij de bankjes"


def _counts(screen: Any) -> list[tuple[str, int, int]]:
    """(option, room, phone) as the chair's tally shows them."""
    from screens.widgets.tally_view import TallyView

    return [(o.label, o.room, o.phone) for o in screen.query_one(TallyView).options]


def _document_text(path: Path) -> tuple[str, list[list[str]]]:
    """The paragraphs of a .docx as one text, and its tables' rows as lists of cell texts."""
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return text, rows


async def test_room_and_phones_vote_together_and_the_minutes_name_the_phone(
    served: tuple[Room, Any], browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    from baz_tui.export import export_minutes
    from models.store import Store

    room, server = served
    chair = Store.open(room.url)
    try:
        app = make_app(chair)
        async with app.run_test(size=(120, 36)) as pilot:
            votes = await open_meeting_screen(pilot, "f5")
            assert votes.poll is not None and votes.poll.id == room.poll
            # The tellers: two hands for, one against.
            for key in ("plus", "plus", "down", "plus"):
                await pilot.press(key)
                await pilot.pause()
            # A phone scans the QR code and votes for.
            browser.get(f"{server.url}/?c={server.code}")
            wait_for(browser, lambda: QUESTION in body_text(browser), "the open vote")
            browser.find_element(By.XPATH, "//button[@name='option_id'][text()='Voor']").click()
            wait_for(browser, lambda: "Uw stem is geteld." in body_text(browser), "geteld")
            await until(
                pilot,
                lambda: _counts(votes)[:2] == [("voor", 2, 1), ("tegen", 1, 0)],
                "the room's and the phone's votes in the tally",
            )
            # The chair declares with the keys: V, then the form's Ctrl+S.
            await pilot.press("v")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: chair.get_poll(room.poll).is_declared, "declared")
            declared = chair.get_poll(room.poll)
            assert declared.phone_total == 1
            # The phone shows the result in plain words (room.js reloads the page).
            wait_for(browser, lambda: "Aangenomen" in body_text(browser), "the result")
            assert "3 voor" in body_text(browser)

            # A dot and a card from the phone.
            browser.find_elements(By.XPATH, "//button[text()='Stip erbij']")[0].click()
            wait_for(browser, lambda: "U gaf dit 1 stip." in body_text(browser), "the dot")
            browser.find_element(By.CSS_SELECTOR, "label[for='kind-oorzaak']").click()
            browser.find_element(By.ID, "text").send_keys(CARD)
            browser.find_element(By.XPATH, "//button[text()='Inleveren']").click()
            wait_for(browser, lambda: "Uw kaart is ingeleverd" in body_text(browser), "handed in")

            # The note-taker takes it into the tree: F4, T shows the inbox, A takes it in.
            analysis = await open_meeting_screen(pilot, "f4")
            await until(
                pilot,
                lambda: "wacht" in str(analysis.query_one("#inbox-line").render()),
                "the line that says a card waits",
            )
            await pilot.press("t")
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            # Where it goes: under the core problem, as the form proposes; Ctrl+S takes it.
            await pilot.press("ctrl+s")
            await pilot.pause()
            await until(
                pilot,
                lambda: any(c.text == CARD for c in chair.analysis_state(room.item).causes),
                "the card in the tree",
            )
            assert chair.room_inbox(room.item) == ()

        written = export_minutes(chair, room.meeting, tmp_path / "notulen.docx")
    finally:
        chair.close()

    text, rows = _document_text(written)
    assert CARD in text or any(CARD in cell for row in rows for cell in row)
    # The vote's counts per channel, the phone named.
    channels = [row for row in rows if row and row[0].strip().lower() == "telefoon"]
    assert channels, f"no row for the phone channel among {rows}"
    assert "1" in channels[0]
    assert "telefoon" in text.lower()
