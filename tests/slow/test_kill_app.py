"""The real app in a real terminal, killed with SIGKILL right after marking people present.

Every mark the screen confirmed must be in the database afterwards: the Store commits before
the screen updates, so "shown as done" means "saved".
"""

from __future__ import annotations

import sys

from bench.terminal import PtySession
from models.domain import Presence
from models.store import Store


def test_sigkill_after_marking_present_loses_nothing(tmp_path) -> None:
    db = tmp_path / "baz.db"
    store = Store.open(db)
    from models.demo import create_demo, find_next_evening

    create_demo(store)
    meeting = find_next_evening(store)  # the evening to come: first in the list, to mark
    assert meeting is not None
    # The screen lists people alphabetically, case-insensitively; the cursor stays on the
    # person marked, and the arrow down goes to the next.
    people = sorted(store.list_attendees(meeting.id), key=lambda a: (a.name.casefold(), a.id))
    unmarked = [p for p in people if p.presence is Presence.ONBEKEND]
    store.close()

    env = {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    session = PtySession(
        [sys.executable, "-m", "baz_tui", "--lang", "en", "--db", str(db)], env=env
    )
    confirmed: list[str] = []
    try:
        session.wait_for(meeting.title)
        session.send("\r")  # even before the Store is loaded, Enter opens the meeting
        session.wait_for("Present:")
        for person in people[:6]:
            mark = len(session.output)
            session.send("a")
            session.wait_for(f"{person.name}: present", after=mark)
            confirmed.append(person.name)
            session.send("\x1b[B")
    finally:
        session.kill()

    reopened = Store.open(db)
    stored = {a.name: a.presence for a in reopened.list_attendees(meeting.id)}
    reopened.close()
    assert len(confirmed) == 6
    assert all(stored[name] is Presence.AANWEZIG for name in confirmed)
    assert unmarked, "the demo must have people to mark"
