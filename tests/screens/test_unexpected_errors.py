"""One handler for unexpected errors (issue #21): a bug in one action is one line to the user
and a traceback in the log, and the app — that screen included — goes on answering keys.

Textual's own behaviour is to end the app on the first exception in any handler (and the
screen whose handler failed stops taking messages even before that). Under Pilot the error is
still handed to the test at the end, so tests keep failing on bugs: these tests take it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from baz_tui.config import data_dir
from baz_tui.error_log import LOG_NAME
from models.domain import Presence
from tests.conftest import make_app, open_meeting_screen

SIZE = (120, 36)


def forget_errors(app: Any) -> list[BaseException]:
    """The errors the app survived; taken back, so ``run_test`` does not raise them."""
    errors = list(app.unexpected_errors)
    app._exception = None
    app._exception_event.clear()
    return errors


def toasts(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_an_action_that_fails_is_one_line_and_the_screen_goes_on(
    store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_meeting_screen(pilot, "f7")
        from models.store import Store

        real = Store.set_presence

        def broken(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("kapot\x1b]0;titel\x07")

        # The screens hold a Store of their own on the same database: the class is patched.
        monkeypatch.setattr(Store, "set_presence", broken)
        await pilot.press("a")
        for _attempt in range(50):
            await pilot.pause(0.02)
            if toasts(app):
                break
        assert app.is_running and app.screen is screen
        [error] = forget_errors(app)
        assert isinstance(error, RuntimeError)
        [toast] = toasts(app)
        assert "RuntimeError: kapot" in toast and "\x1b" not in toast
        log = Path(data_dir()) / LOG_NAME
        assert "RuntimeError: kapot" in log.read_text(encoding="utf-8")
        # The same screen still answers: the next person is marked.
        monkeypatch.setattr(Store, "set_presence", real)
        selected = screen.selected
        await pilot.press("a")
        await pilot.pause()
        marked = {a.id: a.presence for a in store.list_attendees(meeting.id)}
        assert marked[selected.id] is Presence.AANWEZIG


async def test_a_worker_and_a_timer_that_fail_do_not_end_the_app(store, meeting) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting_screen(pilot, "f2")

        def fails() -> None:
            raise ValueError("in een thread")

        app.run_worker(fails, thread=True)
        screen.set_timer(0.01, lambda: 1 / 0)
        for _attempt in range(50):
            await pilot.pause(0.02)
            if len(app.unexpected_errors) == 2:
                break
        errors = forget_errors(app)
        # Which comes first depends on the machine's load: the thread or the timer.
        assert sorted(type(e).__name__ for e in errors) == ["ValueError", "ZeroDivisionError"]
        assert app.is_running and app.screen is screen
        await pilot.press("f3")
        assert type(app.screen).__name__ == "SpeakersScreen"


async def test_errors_on_every_frame_still_end_the_app(store, meeting) -> None:  # type: ignore[no-untyped-def]
    """A failure that comes back forever is not survived: the app ends as Textual would."""
    from baz_tui.app import ERRORS_MAX

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(pilot, "f2")
        for _n in range(ERRORS_MAX + 1):
            assert app.survive_error(RuntimeError("steeds weer")) in (True, False)
        assert not app.survive_error(RuntimeError("steeds weer"))
        forget_errors(app)


async def _preview_fails(app: Any, pilot: Any, monkeypatch: Any, error: Exception) -> Any:
    """The minutes screen, whose preview is built by a worker (issue #24), and that worker
    failing with ``error`` the next time it runs."""
    import models.minutes

    screen = await open_meeting_screen(pilot, "f6")
    await app.workers.wait_for_complete()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(models.minutes, "build_minutes", broken)
    screen._refresh_preview()
    return screen


async def test_a_worker_that_is_refused_shows_the_refusal_in_the_status_line(
    store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A refusal (the database does not answer) that a worker leaves to the app's one handler:
    its own sentence in the status line of the screen, no log, the screen goes on."""
    from models.errors import DatabaseError
    from screens.widgets.status_line import StatusLine

    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _preview_fails(
            app, pilot, monkeypatch, DatabaseError("De database antwoordt niet.")
        )
        status = screen.query_one(StatusLine)
        for _attempt in range(100):
            await pilot.pause(0.02)
            if "antwoordt niet" in str(status.render()):
                break
        assert str(status.render()) == "⚠ De database antwoordt niet."
        assert app.unexpected_errors == [] and toasts(app) == []
        assert not (Path(data_dir()) / LOG_NAME).exists()
        assert app.is_running and app.screen is screen
        await pilot.press("f2")
        assert type(app.screen).__name__ == "AgendaScreen"


async def test_a_worker_that_fails_is_logged_and_said_in_one_line(
    store, meeting, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _preview_fails(app, pilot, monkeypatch, RuntimeError("kapot in de thread"))
        for _attempt in range(100):
            await pilot.pause(0.02)
            if toasts(app):
                break
        [error] = forget_errors(app)
        assert isinstance(error, RuntimeError)
        [toast] = toasts(app)
        assert toast.startswith("Er ging iets mis (RuntimeError: kapot in de thread)")
        log = (Path(data_dir()) / LOG_NAME).read_text(encoding="utf-8")
        assert "Traceback" in log and "RuntimeError: kapot in de thread" in log
        assert app.is_running and app.screen is screen
        await pilot.press("f2")
        assert type(app.screen).__name__ == "AgendaScreen"
