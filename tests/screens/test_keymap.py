"""Your own keys (issue #24): every key binding has an id, and a keymap file in the config
folder gives keys other keys — shown on the key bar, in F1, in the palette and on the line of
screens; the old key no longer does it; a mistake keeps BaZ's own key and is said once."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import baz_tui
import screens
from baz_tui.config import keymap_path
from baz_tui.keymap import (
    TYPING_LINE_KEYS,
    binding_classes,
    check_keymap,
    known_keys,
    problems_message,
    read_keymap,
    use_user_keymap,
)
from screens.agenda import AgendaScreen
from screens.keys import key_from_text, key_label
from screens.widgets.help_screen import HelpScreen
from screens.widgets.key_bar import KeyBar
from screens.widgets.screen_tabs import ScreenTabs
from tests.conftest import ROOT, everyone_present_item_running, make_app, wait_loaded

#: ``<where>.<action>``: lowercase words with underscores, one dot.
READABLE_ID = re.compile(r"[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*")


def _classes_of_the_package() -> list[type[DOMNode]]:
    """Every app, screen, dialog and widget class defined anywhere in BaZ."""
    classes = []
    for package in (baz_tui, screens):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue  # runs the command line when imported
            module = importlib.import_module(info.name)
            classes.extend(
                value
                for _name, value in inspect.getmembers(module, inspect.isclass)
                if issubclass(value, DOMNode) and value.__module__ == module.__name__
            )
    return classes


def test_every_binding_has_one_readable_id_of_its_own() -> None:
    seen: dict[str, Binding] = {}
    problems = []
    for cls in _classes_of_the_package():
        for binding in cls.__dict__.get("BINDINGS", ()):
            where = f"{cls.__module__}.{cls.__qualname__}"
            if not isinstance(binding, Binding):
                problems.append(f"{where}: {binding!r} is no Binding (it cannot have an id)")
            elif binding.id is None:
                problems.append(f"{where}: {binding.key} → {binding.action} has no id")
            elif not READABLE_ID.fullmatch(binding.id):
                problems.append(f"{where}: id {binding.id!r} is not <where>.<action>")
            elif seen.setdefault(binding.id, binding) is not binding:
                # A list shared by screens (the F-keys) is one binding; two are not.
                problems.append(f"{where}: id {binding.id!r} is used twice")
    assert not problems, "\n".join(problems)
    assert len(seen) > 100


def test_the_keymap_knows_every_class_with_keys() -> None:
    with_keys = {c for c in _classes_of_the_package() if c.__dict__.get("BINDINGS")}
    assert with_keys <= set(binding_classes())
    assert set(known_keys().bindings) == {
        b.id for c in with_keys for b in c.__dict__["BINDINGS"] if b.id
    }
    assert TYPING_LINE_KEYS <= set(known_keys().bindings)


def test_every_key_reads_back_as_the_bar_shows_it_and_as_textual_names_it() -> None:
    for binding in known_keys().bindings.values():
        for key in binding.key.split(","):
            assert key_from_text(key) == key
            assert key_from_text(key_label(key)) == key, key_label(key)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("n", "n"),
        ("N", "n"),  # the bar shows the N key as "N"
        ("shift+n", "N"),
        ("Ctrl+S", "ctrl+s"),
        ("shift+ctrl+a", "ctrl+shift+a"),
        ("F5", "f5"),
        ("Del", "delete"),
        ("PgDn", "pagedown"),
        ("Shift+↑", "shift+up"),
        ("Spatie", "space"),
        ("?", "question_mark"),
        ("ctrl++", "ctrl+plus"),
        ("", None),
        ("ctrl+", None),
        ("volgende", None),
        ("f99", None),
        ("ctrl+ctrl+a", None),
        ("\x1b[A", None),
    ],
)
def test_keys_are_written_as_people_write_them(written: str, key: str | None) -> None:
    assert key_from_text(written) == key


def test_a_capital_is_shown_with_its_shift() -> None:
    assert key_label("N") == "Shift+N"
    assert key_label("question_mark") == "?"


# ------------------------------------------------------------------------ the file


def _write_keymap(text: str | bytes) -> Path:
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_no_keymap_and_no_message() -> None:
    assert read_keymap(keymap_path()) is None


def test_keys_as_quoted_ids_as_tables_and_as_lists() -> None:
    path = _write_keymap(
        "# Mijn eigen toetsen\n"
        '"agenda.next_item" = "j"\n'
        'speakers.pause = "Ctrl+B, Ctrl+K"\n'  # dotted key: a table in TOML
        "[votes]\n"
        'add_vote = ["+", "ctrl+up"]\n'
    )
    reading = read_keymap(path)
    assert reading is not None and reading.problems == [] and reading.unreadable is None
    assert reading.keymap == {
        "agenda.next_item": "j",
        "speakers.pause": "ctrl+b,ctrl+k",
        "votes.add_vote": "plus,ctrl+up",
    }


def test_two_keys_may_change_places() -> None:
    reading = check_keymap(
        [
            ("agenda.next_item", "n"),
            ("agenda.add_item", "v"),
            # A comma alone is the comma key (between keys it separates them).
            ("votes.previous_vote", ","),
            ("item.show_previous", "["),
        ],
        known_keys(),
    )
    assert reading.problems == []
    assert reading.keymap == {
        "agenda.next_item": "n",
        "agenda.add_item": "v",
        "votes.previous_vote": "comma",
        "item.show_previous": "left_square_bracket",
    }


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('"agenda.volgende" = "j"', "“agenda.volgende” is geen toets van BaZ (“baz keys”"),
        (
            '"agenda.next_iten" = "j"',
            "“agenda.next_iten” is geen toets van BaZ; bedoelt u “agenda.next_item”?",
        ),
        ('"agenda.next_item" = "volgende"', "“volgende” is geen toets"),
        ('"agenda.next_item" = ""', "“agenda.next_item” heeft geen toets"),
        ('"agenda.next_item" = "  "', "“agenda.next_item” heeft geen toets"),
        ('"agenda.next_item" = 5', "tussen aanhalingstekens"),
        ('"agenda.next_item" = "n"', "op hetzelfde scherm doet N al “Nieuw” (agenda.add_item)"),
        ('"app.help" = "h"', "op hetzelfde scherm doet H al “Afhameren” (agenda.hamerstuk)"),
        ('"list.cursor_up" = "k"', "doet K al “Kernprobleem”"),
        ('"agenda.next_item" = "tab"', "doet Tab al “Notities”"),
        ('"agenda.next_item" = "ctrl+c"', "op hetzelfde scherm doet Ctrl+C al"),
        ('"agenda.next_item" = "j\\u001b[31m"', "stuurtekens zijn geen toetsen"),
        ('"agenda.next\\u0007" = "j"', "stuurtekens zijn geen toetsen"),
        ('"speakers.request_submit" = "ctrl+j"', "blijft Enter"),
    ],
)
def test_a_mistake_keeps_baz_s_own_key_and_says_why_in_dutch(line: str, says: str) -> None:
    path = _write_keymap(f'"speakers.pause" = "ctrl+b"\n{line}\n')
    reading = read_keymap(path)
    assert reading is not None
    assert reading.keymap == {"speakers.pause": "ctrl+b"}  # the rest is used
    (problem,) = reading.problems
    assert says in problem
    assert "\x1b" not in problem and "\x07" not in problem
    message = problems_message(path, reading)
    assert message.startswith(f"Niet alle toetsen uit {path} zijn gebruikt")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('"agenda.next_item" = \n', "regel 1 is geen TOML"),
        ('"agenda.next_item" = "j"\n"agenda.next_item" = "k"\n', "regel 2 is geen TOML"),
        (b'"agenda.next_item" = "\xff"\n', "geen UTF-8-tekst"),
        ("#" * 70_000, "groter dan 64 kB"),
    ],
    ids=["no-value", "twice", "not-utf8", "too-big"],
)
def test_a_file_that_is_no_keymap_keeps_every_own_key(content: str | bytes, says: str) -> None:
    path = _write_keymap(content)
    reading = read_keymap(path)
    assert reading is not None and reading.keymap == {}
    message = problems_message(path, reading)
    assert says in message and "BaZ gebruikt zijn eigen toetsen" in message


def test_a_folder_where_the_file_should_be() -> None:
    path = keymap_path()
    path.mkdir(parents=True)
    reading = read_keymap(path)
    assert reading is not None and reading.keymap == {}
    assert "het is een map" in problems_message(path, reading)


def test_many_mistakes_are_one_message_that_counts_the_rest() -> None:
    path = _write_keymap("".join(f'"onbekend.toets_{n}" = "j"\n' for n in range(12)))
    reading = read_keymap(path)
    assert reading is not None
    message = problems_message(path, reading)
    assert message.count("•") == 8 and message.endswith("… en nog 4.")


# ------------------------------------------------------------------------ in the app


async def _open_meeting(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("f7")
    await pilot.pause()


async def test_the_app_uses_the_keys_of_the_file_and_shows_them(store, meeting) -> None:  # type: ignore[no-untyped-def]
    _write_keymap(
        "# V op J, de agenda op F11, hulp op F12\n"
        '"agenda.next_item" = "j"\n'
        '"meeting.show_agenda" = "f11"\n'
        '"app.help" = "f12"\n'
    )
    everyone_present_item_running(store, meeting, position=0)
    first, second = store.list_agenda(meeting.id)[:2]
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _open_meeting(pilot)
        assert not list(app._notifications)  # nothing to say about the file

        # F2 no longer opens the agenda, F11 does; the line of screens says so.
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, AgendaScreen)
        await pilot.press("f11")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        tabs = str(screen.query_one(ScreenTabs).render())
        assert "F11 Agenda" in tabs and "F12 Help" in tabs and "F2" not in tabs

        # The key bar shows J for the next item, and F12 for help; V and F1 are gone.
        bar = " ".join(screen.query_one(KeyBar).text_lines())
        assert "J Volgend punt" in bar and "V Volgend punt" not in bar
        assert "F12 Help" in bar and "F1 " not in bar

        # V does nothing any more; J ends the running item and starts the next.
        await pilot.press("v")
        await pilot.pause()
        assert store.agenda_state(meeting.id).running_item_id == first.id
        await pilot.press("j")
        await pilot.pause()
        assert store.agenda_state(meeting.id).running_item_id == second.id

        # F1 no longer opens help; F12 does, listing J for the next item.
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("f12")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {what.split(" — ")[0]: keys for keys, what, _now in help_screen.rows}
        assert keys["Volgend punt"] == "J" and keys["Help"] == "F12"
        await pilot.press("escape")
        await pilot.pause()

        # The palette names the help key as it is now.
        commands = {c.title: c.help for c in app.get_system_commands(screen)}
        assert commands["Help"] == "De toetsen van dit scherm tonen (F12)"
        assert not app.unexpected_errors


async def test_a_bad_file_still_starts_with_baz_s_own_keys_and_says_so(store, meeting) -> None:  # type: ignore[no-untyped-def]
    _write_keymap('"agenda.next_item" = "n"\n"agenda.volgende" = "j"\n"app.help" = "f12"\n')
    everyone_present_item_running(store, meeting, position=0)
    first, second = store.list_agenda(meeting.id)[:2]
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _open_meeting(pilot)
        (note,) = list(app._notifications)  # one message for everything in the file
        assert note.severity == "warning"
        assert "“agenda.volgende” is geen toets van BaZ" in note.message
        assert "op hetzelfde scherm doet N al “Nieuw” (agenda.add_item)" in note.message
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("v")  # the refused move kept V
        await pilot.pause()
        assert store.agenda_state(meeting.id).running_item_id == second.id
        await pilot.press("f12")  # what was right is used
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.unexpected_errors
    assert first.id != second.id


async def test_a_file_that_is_no_toml_starts_baz_as_always(store, meeting) -> None:  # type: ignore[no-untyped-def]
    _write_keymap("dit is geen toetsenbestand\n")
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _open_meeting(pilot)
        (note,) = list(app._notifications)
        assert "is niet te lezen als toetsenbestand (regel 1 is geen TOML)" in note.message
        assert "BaZ gebruikt zijn eigen toetsen" in note.message
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert not app.unexpected_errors


# ------------------------------------------------------------------------ baz keys


def _baz_keys(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``baz keys`` in Dutch, in this process: the exit code and what it printed."""
    from baz_tui import cli
    from baz_tui.i18n import current_language, install_language

    before = current_language()
    capsys.readouterr()
    try:
        code = cli.main(["--lang", "nl", "keys"])
    finally:
        install_language(before)  # ``main`` installs its language for the whole process
    out, err = capsys.readouterr()
    return code, out, err


def test_baz_keys_lists_every_id_with_its_key_now(capsys: pytest.CaptureFixture[str]) -> None:
    _write_keymap('"agenda.next_item" = "j"\n')
    code, out, err = _baz_keys(capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert (
        lines[0]
        == f"De toetsen van BaZ, met hun namen voor uw eigen toetsenbestand ({keymap_path()}):"
    )
    for binding_id in known_keys().bindings:
        assert any(line.startswith(binding_id + " ") for line in lines), binding_id
    (next_item,) = [line for line in lines if line.startswith("agenda.next_item ")]
    assert re.search(
        r"agenda\.next_item +J +Volgend punt — .*\(uw toets; die van BaZ: V\)$", next_item
    )
    (undo,) = [line for line in lines if line.startswith("agenda.undo ")]
    assert re.search(r"agenda\.undo +U Ctrl\+Z +Herstel", undo)


def test_baz_keys_says_what_is_wrong_in_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    _write_keymap('"agenda.volgende" = "j"\n')
    code, out, err = _baz_keys(capsys)
    assert code == 2
    assert "agenda.next_item" in out
    assert "“agenda.volgende” is geen toets van BaZ" in err


async def test_dialogs_show_the_keys_of_the_file(store, meeting) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Button, Static

    from screens.widgets.confirm import ConfirmDialog
    from screens.widgets.form_dialog import FormDialog

    _write_keymap('"form.save" = "ctrl+o"\n"confirm.no" = "escape,x"\n')
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")  # a new meeting: a form
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert str(form.query_one("#form-keys", Static).render()) == "Ctrl+O opslaan  Esc annuleren"
        assert str(form.query_one("#save", Button).label) == "Opslaan (Ctrl+O)"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("delete")  # delete the meeting: a question
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert str(question.query_one("#no", Button).label).startswith("X  ")
        assert str(question.query_one("#yes", Button).label).startswith("J  ")
        await pilot.press("n")  # N no longer says no …
        await pilot.pause()
        assert app.screen is question
        await pilot.press("x")  # … X does
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert store.get_meeting(meeting.id).title == meeting.title
        assert not list(app._notifications) and not app.unexpected_errors


def test_the_example_of_the_readme_is_used_whole() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Your own keys", 1)[1].split("```toml\n", 1)[1].split("```")[0]
    reading = read_keymap(_write_keymap(example))
    assert reading is not None and reading.problems == [] and len(reading.keymap) == 5


async def test_the_beamer_takes_its_keys_from_the_file_too(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from baz_tui.beamer import BeamerApp
    from models.beamer import BeamerFeed
    from models.database import Database
    from models.store import Store

    Store.open(tmp_path / "baz.db", clock=clock).close()
    _write_keymap('"beamer.quit" = "x"\n')
    store = Store(Database.open_read_only(tmp_path / "baz.db"), clock)
    try:
        app = BeamerApp(
            BeamerFeed(store, None), clock=clock, poll_interval=0.02, keymap=use_user_keymap
        )
        async with app.run_test(size=(80, 25)) as pilot:
            await pilot.pause()
            await pilot.press("q")  # no longer quits the beamer …
            await pilot.pause()
            assert app.is_running
            await pilot.press("x")  # … X does
            await pilot.pause()
            assert not app.is_running
    finally:
        store.close()


async def test_a_moved_key_that_cannot_act_now_says_why_and_the_old_one_is_silent(
    store, meeting
) -> None:  # type: ignore[no-untyped-def]
    from screens.widgets.status_line import StatusLine

    _write_keymap('"agenda.close_meeting" = "ctrl+x"\n')
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _open_meeting(pilot)
        await pilot.press("f2")
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        await pilot.press("x")  # no key of this screen any more: nothing to say
        await pilot.pause()
        assert str(status.render()).strip() == ""
        await pilot.press("ctrl+x")  # the meeting has not started: nothing to close yet
        await pilot.pause()
        assert "De vergadering is nog niet begonnen" in str(status.render())
        assert not app.unexpected_errors
