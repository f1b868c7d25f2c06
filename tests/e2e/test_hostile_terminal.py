"""Nothing from a file or user text reaches the terminal raw (issue #21, finding 5).

The corpus's "terminal" cases (escape sequences for the window title, the clipboard, links,
clearing the screen; C0 and C1 controls; bidi overrides) are put where the issue found them: in
the cells and the header of a CSV list, and in its file name. On the command line, in a real
pty, every byte ``baz attendees import`` writes is checked; in the app, every line it draws
(what ``Strip.render`` hands the terminal) after the same list was read through the import
dialog. The one sanitiser, ``models.rules.terminal_text.printable``, shows them visibly (␛]0;…).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from bench.terminal import PtySession, visible_text
from models.rules.terminal_text import BIDI_CONTROLS, printable
from tests.conftest import make_app, open_meeting_screen
from tests.rules.test_hostile_corpus import cases

#: What must never reach a terminal from data: ESC and the 8-bit CSI/OSC/DCS/ST, BEL,
#: backspace, a carriage return that is not part of a line end, the bidi controls.
FORBIDDEN = ("\x1b", "\x9b", "\x9d", "\x90", "\x9c", "\x07", "\x08", *BIDI_CONTROLS)


def terminal_cases() -> list[dict[str, Any]]:
    return cases("terminal")


@pytest.mark.parametrize("case", terminal_cases(), ids=lambda c: c["id"])
def test_the_sanitiser_shows_or_removes_every_control(case: dict[str, Any]) -> None:
    shown = printable(case["value"])
    assert shown == case["expect"]["shown"]
    assert not any(ch in shown for ch in FORBIDDEN)
    assert all(ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs") for ch in shown)
    shown.encode("utf-8")  # a lone surrogate could not even be printed
    # The app's last line of defence removes instead (a drawn line's width is counted).
    removed = printable(case["value"], visible=False)
    assert not any(ch in removed for ch in FORBIDDEN) and "\n" not in removed


def evil_csv(folder: Path) -> Path:
    """A list whose header, role and consent cells carry every case; its name an OSC too."""
    # Not the lone surrogate: a UTF-8 file cannot hold one (the list would be refused whole).
    values = [c["value"] for c in terminal_cases() if c["id"] != "terminal-lone-surrogate"]

    def cell(text: str) -> str:  # quoted: the sequences hold ";"
        return '"' + text.replace('"', '""') + '"'

    lines = ["naam;rol;toestemming;" + cell(values[0] + values[2])]
    for number, value in enumerate(values):
        lines.append(f"Persoon {number};{cell(value)};{cell(value)};x")
    lines.append("Jan Klaassen;bewoner;naam;x")
    data = "\n".join(lines).encode("utf-8")
    path = folder / "leden\x1b]0;naam\x07.csv"
    path.write_bytes(data)
    return path


def test_the_command_line_prints_no_control_from_a_file(tmp_path: Path) -> None:
    from models.store import Store

    db = tmp_path / "baz.db"
    store = Store.open(db)
    from bench.evening import make_evening

    meeting = make_evening(store)
    store.close()
    csv = evil_csv(tmp_path)
    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    session = PtySession(
        [
            sys.executable,
            "-m",
            "baz_tui",
            "--lang",
            "en",
            "--db",
            str(db),
            "attendees",
            "import",
            str(meeting.id),
            str(csv),
        ],
        env=env,
    )
    try:
        session.wait_for("(y/N)")
        session.send("n\r")
        session.wait_for("Nothing was imported.")
        session.drain(0.3)
    finally:
        session.kill()
    raw = session.output.decode("utf-8", errors="replace")
    for forbidden in FORBIDDEN:
        assert forbidden not in raw, repr(forbidden)
    text = visible_text(session.output)
    assert "␛]0;Gehackt␇" in text and "unknown role" in text
    assert "leden␛]0;naam␇.csv" in text


async def test_the_app_draws_no_control_from_a_file(store, meeting, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.domain import Consent, Role
    from screens.widgets.confirm import ConfirmDialog

    csv = evil_csv(tmp_path)
    # A name with a bidi override is stored as typed (the Store's policy); it is shown
    # without it.
    store.add_attendee(meeting.id, "\u202eAnna\u202c Bos", Role.BEWONER, Consent.NAAM)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_meeting_screen(pilot, "f7")
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#path").value = str(csv)
        await pilot.press("enter")
        for _attempt in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                break
        assert isinstance(app.screen, ConfirmDialog)
        drawn = app.screen._compositor.render_update(full=True).render_segments(app.console)
        # Textual's own sequences (colours, cursor moves) are there; none of the file's.
        for payload in ("]0;Gehackt", "]2;Titel", "[2J", "]52;", "]8;;https", "P1$r", "[31m"):
            assert "\x1b" + payload not in drawn, payload
        for forbidden in ("\x9b", "\x9d", "\x07", "\x08", *BIDI_CONTROLS):
            assert forbidden not in drawn, repr(forbidden)
        assert "␛]0;Gehackt␇" in drawn  # shown, visibly, in the dialog's problem lines
        await pilot.press("escape")
        await pilot.pause()
        drawn = app.screen._compositor.render_update(full=True).render_segments(app.console)
        assert "\u202e" not in drawn and "Anna" in drawn
