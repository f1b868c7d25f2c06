"""Notes are saved while someone keeps typing (issue #21, finding 4).

The note-taker who types for half a minute without a pause must not lose it all to a crash:
the notes are saved within a second of the last key *and* at least every two seconds while
the typing goes on. The rule itself is a pure function (``tests/rules/test_autosave.py``); here
the real app in a real terminal is killed with SIGKILL in the middle of continuous typing and
may lose at most the last seconds.
"""

from __future__ import annotations

import sys
import time

from bench.terminal import PtySession
from models.store import Store
from screens.agenda import NOTES_SAVE_CEILING


def test_killed_while_typing_without_a_pause_loses_at_most_the_last_seconds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "baz.db"
    store = Store.open(db)
    from bench.evening import make_evening

    meeting = make_evening(store)
    first_item = store.list_agenda(meeting.id)[0]
    before = first_item.notes  # the typing continues where the notes end
    store.close()

    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    session = PtySession(
        [sys.executable, "-m", "baz_tui", "--lang", "en", "--db", str(db)], env=env
    )
    text = "De bewoners willen meer schaduw, bankjes en een watertappunt bij het plein. " * 20
    sent: list[tuple[float, int]] = []  # (moment, characters sent by then)
    try:
        session.wait_for(meeting.title)
        session.send("\r")
        session.wait_for("Present:")
        session.send("\x1bOQ")  # F2: the agenda, the first item selected
        session.wait_for("Notes —")
        mark = len(session.output)
        session.send("\t")  # to the notes: the key bar drops the keys of the list
        session.wait_for("Notes F10 Meetings", after=mark)
        started = time.perf_counter()
        count = 0
        # Eight seconds of typing, a letter every 40 ms: a fast typist who never pauses.
        while time.perf_counter() - started < 8.0:
            session.send(text[count])
            count += 1
            sent.append((time.perf_counter(), count))
            session.drain(0.04)  # and read what the app draws, or it stops when the pty is full
        killed_at = time.perf_counter()
    finally:
        session.kill()

    reopened = Store.open(db)
    notes = next(i for i in reopened.list_agenda(meeting.id) if i.id == first_item.id).notes
    reopened.close()
    assert notes.startswith(before)
    saved = notes[len(before) :]
    typed = text[:count]
    assert typed.startswith(saved), "the saved notes are what was typed"
    # Everything typed up to the ceiling (and a margin for the terminal) before the kill is
    # saved, though the typing never paused; with the debounce alone nothing was.
    due = max(n for moment, n in sent if moment <= killed_at - NOTES_SAVE_CEILING - 0.7)
    assert len(saved) >= due, (len(saved), due, count)
