"""The database file pulled away while BaZ runs (issue #21, finding 10).

Deleted, replaced by another copy, or its WAL deleted: SQLite goes on writing into what it
opened, the screens show every action as done, and the next start finds another file or none.
BaZ compares the file's identity before every action: from then on every action is refused in
one line, and the next start says the file is gone instead of making an empty database.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from baz_tui.i18n import current_language, install_language
from models.domain import Presence
from models.errors import DatabaseError
from models.store import Store
from screens.widgets.status_line import StatusLine
from tests.conftest import make_app, open_meeting_screen
from tests.conftest import run_baz as baz


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    before = current_language()
    install_language("en")
    yield
    install_language(before)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[tuple[Store, int, Path]]:
    from bench.evening import make_evening

    path = tmp_path / "baz.db"
    store = Store.open(path)
    meeting = make_evening(store)
    yield store, meeting.id, path
    store.close()


def someone(store: Store, meeting_id: int) -> int:
    return store.list_attendees(meeting_id)[0].id


@pytest.mark.parametrize("how", ["deleted", "replaced", "wal deleted"])
def test_every_action_after_the_file_went_is_refused(opened, how: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, meeting_id, path = opened
    person = someone(store, meeting_id)
    store.set_presence(person, Presence.AANWEZIG)  # works: the file is there
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    if how == "deleted":
        path.unlink()
    elif how == "replaced":
        shutil.copyfile(path, tmp_path / "copy.db")
        os.replace(tmp_path / "copy.db", path)
    else:
        wal.unlink()
    for _attempt in range(3):
        with pytest.raises(DatabaseError) as refused:
            store.set_presence(person, Presence.AFWEZIG)
        assert len(refused.value.message.splitlines()) == 1
        assert "nothing more is saved" in refused.value.message
    with pytest.raises(DatabaseError):
        store.list_meetings()


async def test_the_app_says_so_and_shows_nothing_as_done(opened) -> None:  # type: ignore[no-untyped-def]
    store, meeting_id, path = opened
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        person = screen.selected
        before = person.presence
        path.unlink()
        await pilot.press("k")
        await pilot.pause()
        status = screen.query_one(StatusLine)
        assert status.has_class("-error")
        assert "removed or replaced" in str(status.render())
        assert screen.attendees[person.id].presence == before  # not shown as done
        assert app.is_running


def test_the_next_start_says_the_file_is_gone(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "baz.db"
    code, _out, err = baz(capsys, "--db", str(path), "demo")
    assert code == 0, err
    path.unlink()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    code, _out, err = baz(capsys, "--db", str(path), "list")
    assert code == 2
    assert "is gone" in err and "--new-database" in err and len(err.strip().splitlines()) == 1
    assert not path.exists()  # no empty database made in its place
    from baz_tui.cli import build_parser
    from baz_tui.cli_database import gone_database

    args = build_parser().parse_args(["--db", str(path)])
    assert gone_database(str(path), args.new_database) is not None
    code, out, err = baz(capsys, "--db", str(path), "--new-database", "list")
    assert code == 0, err
    assert path.exists()
