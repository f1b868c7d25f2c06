"""Fast fingers (issue #21, finding 3): keys in a burst, as a terminal delivers them when a chair
presses faster than the app draws, or types ahead.

``burst`` hands every key to the app at once (Pilot's ``press`` waits for the app after each
key, which hides exactly these bugs). Every dialog answers once; keys typed while a dialog
opens go to the dialog, and keys after its answer to the screen below, in order; nothing
crashes, and the Store holds exactly what the keys asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import _character_to_key, _get_unicode_name_from_key
from textual.keys import REPLACED_KEYS
from textual.widgets import TextArea

from models.domain import Presence
from screens.widgets.choice import ChoiceDialog
from screens.widgets.confirm import ConfirmDialog
from screens.widgets.dialog import Dialog
from screens.widgets.form_dialog import FormDialog
from tests.conftest import everyone_present_item_running, make_app, open_meeting_screen

SIZE = (120, 36)


def key_event(key: str) -> events.Key:
    """The event a terminal gives for ``key`` ("a", "+", "enter", "ctrl+s"), as Pilot makes it."""
    import unicodedata

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def keys_of(*parts: str) -> list[str]:
    """``"+Jan"`` as its letters, other names ("enter", "ctrl+s") as they are."""
    keys: list[str] = []
    for part in parts:
        if len(part) > 1 and (part in ("enter", "escape", "delete", "tab") or "+" in part[1:]):
            keys.append(part)
        else:
            keys.extend("space" if ch == " " else ch for ch in part)
    return keys


async def burst(pilot: Any, *parts: str) -> None:
    """All the keys at once, then wait until the app has handled every one of them."""
    app = pilot.app
    for key in keys_of(*parts):
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)
    await settle(pilot)


async def workers_done(app: Any) -> None:
    """Until the app's workers are done; an exclusive worker that gave way to a newer one ends
    cancelled, which is how it should end (the newer one does the work)."""
    from textual.worker import WorkerCancelled

    for _attempt in range(50):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def settle(pilot: Any) -> None:
    app = pilot.app
    for _attempt in range(400):
        await pilot.pause()
        await workers_done(app)
        waiting = getattr(app, "_keys", ()) or getattr(app, "_key_since", None) is not None
        if not waiting and app.screen.is_mounted:
            await pilot.pause()
            return
    raise AssertionError("the keys were never all handled")


def no_errors(app: Any) -> None:
    assert getattr(app, "unexpected_errors", []) == []
    assert app.is_running


# ------------------------------------------------------------------------- the issue's


async def test_b_b_b_on_the_choice_after_an_unknown_name(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f3")
        await burst(pilot, "+Zoltan Onbekend", "enter", "b", "b", "b")
        assert app.screen is screen  # not thrown out to the list of meetings
        waiting = store.speaker_state(item_id).waiting
        assert [e.attendee_id for e in waiting] == [None]  # one anonymous resident
        await burst(pilot, "+Zoltan Onbekend", "enter", "b", "b")
        assert app.screen is screen
        assert len(store.speaker_state(item_id).waiting) == 2
        no_errors(app)


async def test_typed_ahead_names_all_reach_the_list(store, meeting) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    people = [a.name for a in store.list_attendees(meeting.id)]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(pilot, "f3")
        typed: list[str] = []
        for name in people:
            typed += ["+" + name, "enter"]
        # Two names nobody knows, added as new attendees (N) in the same burst.
        typed += ["+Wim Groen", "enter", "n", "+Truus Bos", "enter", "n", "+" + people[0], "enter"]
        await burst(pilot, *typed)
        names = [e.name for e in store.speaker_state(item_id).waiting]
        assert names == [*people, "Wim Groen", "Truus Bos"]  # the last one waits already
        no_errors(app)


async def test_w_i_i_writes_the_minutes_once_and_stays(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """W, the version (i), then where it goes: the keys typed ahead go to each dialog in turn,
    Enter twice writes the file once, and the chair stays on the minutes."""
    from screens.widgets.path_dialog import PathDialog

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f6")
        await burst(pilot, "w", "i", "i")
        await settle(pilot)
        # The second i went to the dialog that asks where the file goes, not to the screen.
        assert isinstance(app.screen, PathDialog)
        assert len(app.screen_stack) == 3  # home, minutes, the path: no second question
        await burst(pilot, "enter", "enter")
        await workers_done(app)
        await settle(pilot)
        assert app.screen is screen
        written = list(Path.home().rglob("*.docx"))
        assert len(written) == 1
        no_errors(app)


# ---------------------------------------------------------------- every dialog, in a burst


async def test_a_confirmation_answers_once(store, meeting) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f2")
        before = [i.title for i in store.list_agenda(meeting.id)]
        await burst(pilot, "delete", "y", "y", "j")
        assert app.screen is screen
        assert [i.title for i in store.list_agenda(meeting.id)] == before[1:]
        await burst(pilot, "delete", "n", "n", "escape")
        # No: nothing deleted; the second n and Esc went to the agenda (Esc: back home).
        assert len(store.list_agenda(meeting.id)) == len(before) - 1
        no_errors(app)


async def test_a_form_takes_what_is_typed_while_it_opens_and_saves_once(store, meeting) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        count = len(store.list_attendees(meeting.id))
        await burst(pilot, "n", "Piet Puk", "ctrl+s", "ctrl+s", "ctrl+s")
        assert app.screen is screen
        names = [a.name for a in store.list_attendees(meeting.id)]
        assert len(names) == count + 1 and "Piet Puk" in names
        # Enter on the last field saves too; a second Enter does not add the person twice.
        await burst(pilot, "n", "Rik Ros", "enter", "enter", "enter", "enter", "enter")
        assert [a.name for a in store.list_attendees(meeting.id)].count("Rik Ros") == 1
        no_errors(app)


async def test_a_choice_answers_once_and_escape_cancels_once(store, meeting) -> None:  # type: ignore[no-untyped-def]
    everyone_present_item_running(store, meeting)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f3")
        await burst(pilot, "+Onbekende", "enter", "escape")
        assert app.screen is screen and not isinstance(app.screen, Dialog)
        await burst(pilot, "enter", "n", "n", "b", "b")
        assert app.screen is screen
        no_errors(app)


async def test_a_file_dialog_runs_its_work_once(store, meeting, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        from tests.conftest import wait_loaded

        await wait_loaded(pilot)
        target = tmp_path / "uit.baz.json"
        await burst(pilot, "x")
        field = app.screen.query_one("#path")
        field.value = str(target)
        await burst(pilot, "enter", "enter", "enter")
        await workers_done(app)
        await settle(pilot)
        assert target.exists()
        assert not isinstance(app.screen, Dialog)
        no_errors(app)


async def test_every_dialog_class_answers_once() -> None:
    """The base itself: a second dismiss, and one when it is not on top, do nothing."""
    from textual.app import App

    answers: list[object] = []

    class Host(App[None]):
        pass

    host = Host()
    async with host.run_test() as pilot:
        for dialog in (
            ConfirmDialog("?", "ja"),
            ChoiceDialog("?", [("a", "a", "A")]),
            FormDialog("t", [], lambda values: "saved"),
        ):
            host.push_screen(dialog, answers.append)
            await pilot.pause()
            dialog.dismiss(True)
            dialog.dismiss(False)
            await pilot.pause()
            assert host.screen is not dialog
            dialog.dismiss(None)
            await pilot.pause()
        assert answers == [True, True, True]
        assert host.is_running


# ------------------------------------------------------------ a typed (unmarked) paste


async def test_a_long_paste_typed_key_by_key_into_the_notes_is_one_change(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """Finding 11: 20,000 characters arriving as keys (a terminal without bracketed paste)."""
    import time

    app = make_app(store)
    changes: list[object] = []
    async with app.run_test(size=SIZE, message_hook=changes.append) as pilot:
        screen = await open_meeting_screen(pilot, "f2")
        await burst(pilot, "tab")
        assert isinstance(app.focused, TextArea)
        text = ("Bewoners willen meer groen en bankjes. " * 520)[:20_000]
        started = time.perf_counter()
        for ch in text:
            event = key_event("space" if ch == " " else ch)
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot)
        took = time.perf_counter() - started
        area = screen.query_one("#notes", TextArea)
        assert area.text == text
        edits = [m for m in changes if isinstance(m, TextArea.Changed)]
        assert len(edits) < 200, len(edits)  # not one per key
        assert took < 20, took
        await burst(pilot, "escape")
        assert store.list_agenda(meeting.id)[0].notes == text
        no_errors(app)


async def test_a_long_paste_typed_into_the_search_keeps_the_keys_answered(store, meeting) -> None:  # type: ignore[no-untyped-def]
    import time

    for person in store.list_attendees(meeting.id):
        store.set_presence(person.id, Presence.AANWEZIG)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        await burst(pilot, "/")
        started = time.perf_counter()
        for ch in "x" * 20_000:
            event = key_event(ch)
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot)
        assert time.perf_counter() - started < 20
        assert screen.query_one("#find").value.startswith("x")
        await burst(pilot, "escape", "a")  # back to the list; a key is answered at once
        assert store.list_attendees(meeting.id)
        no_errors(app)
