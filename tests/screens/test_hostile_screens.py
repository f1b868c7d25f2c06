"""The hostile input corpus typed into the real screens (Pilot), and shown by the beamer.

A subset of the corpus, at least one case of every kind, goes through the input fields a
person uses: the name of an attendee, the title and the notes of an agenda item, a card, the
question and the counts of a vote, the date and time of a new meeting, the title and budget
of the process. Each is refused with the Store's message in the form (or the status line), or stored
and then shown literally: "[bold]x[/bold]" keeps its brackets on the screen, "[/bold]" does
not crash a widget that would read it as markup. Text is delivered as a terminal delivers it:
typed key by key when it is short and printable, pasted otherwise.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Static, TextArea
from textual.widgets._toast import Toast

from baz_tui.beamer import BeamerApp
from models.beamer import BeamerFeed
from models.database import Database
from models.domain import CardKind, Consent, Presence, Role
from models.errors import BazError
from models.i18n import _
from models.records.beamer import BeamerChoice, Showing
from models.rules import validation as check
from models.rules.terminal_text import printable
from models.store import Store
from screens.widgets.form_dialog import FormDialog
from screens.widgets.rendered_text import RenderedText
from screens.widgets.request_line import RequestLine
from screens.widgets.status_line import StatusLine
from tests.conftest import (
    Clock,
    everyone_present_item_running,
    make_app,
    open_meeting_screen,
    until,
    wait_loaded,
)
from tests.rules.test_hostile_corpus import cases, text_expectation, value

SIZE = (120, 36)


def case(case_id: str) -> dict[str, Any]:
    [found] = [c for c in cases_all() if c["id"] == case_id]
    return found


def cases_all() -> list[dict[str, Any]]:
    return [c for kind in ("text", "count", "date", "time", "amount") for c in cases(kind)]


def screen_text(app: Any) -> str:
    """What the terminal shows, as text (from the SVG screenshot: what a person would read)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))).replace(
        "\xa0", " "
    )


def refusal(run: Callable[[], Any]) -> str:
    """The message the Store (or its validation) refuses with."""
    with pytest.raises(BazError) as caught:
        run()
    return caught.value.message


async def deliver(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the focused field: key by key if short and printable, else pasted."""
    if text and len(text) <= 40 and text.isascii() and text.isprintable():
        await pilot.press(*["space" if ch == " " else ch for ch in text])
    elif text:
        # As the terminal driver does: the app forwards a paste to the focused widget.
        pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def fill(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(f"#field-{field}")
    if isinstance(widget, TextArea):
        widget.clear()
    else:
        assert isinstance(widget, Input)
        widget.value = ""
    widget.focus()
    await pilot.pause()
    await deliver(pilot, text)


def form_error(app: Any) -> str:
    return app.screen.error_text()  # type: ignore[no-any-return]


def status(app: Any) -> str:
    return str(app.screen.query_one(StatusLine).render())


def shown_literally(app: Any, text: str) -> bool:
    return text in screen_text(app)


# ------------------------------------------------------------------ a new meeting


async def test_a_new_meeting_refuses_impossible_dates_and_times_and_shows_its_title_literally(
    store, meeting
) -> None:  # type: ignore[no-untyped-def]
    bad_date = case("date-31-february")["value"]
    bad_time = case("time-24")["value"]
    title = value(case("rich-click-action")["value"])
    app = make_app(store)
    # Toasts are drawn here (run_test leaves them out by default): one shows a hostile title.
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "title", title)
        await fill(pilot, "date", bad_date)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form_error(app) == "⚠ " + refusal(lambda: check.parse_date(bad_date))
        await fill(pilot, "date", case("date-dutch")["value"])
        await fill(pilot, "start", bad_time)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form_error(app) == "⚠ " + refusal(lambda: check.parse_time(bad_time))
        await fill(pilot, "start", case("time-four-digits")["value"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog), form_error(app)
        [new] = [m for m in store.list_meetings() if m.title == title]
        assert new.date == date(2026, 11, 28)
        assert store.get_meeting(new.id).start_time == time(19, 30)
        # "[@click=app.quit]" is text: shown with its brackets, and the app still runs.
        assert shown_literally(app, title)
        assert app.is_running

        # A meeting file joins a process with a markup-looking title: the note about it pops
        # up (a toast) with the title as text.
        assert meeting.process is not None
        store.update_process(meeting.process.id, title="[/bold] traject")
        loaded = store.load_meeting(store.dump_meeting(meeting.id), as_copy=True)
        assert any("[/bold] traject" in note for note in loaded.notes)
        app.screen._loaded(loaded)  # what the home screen's loading worker calls
        await until(
            pilot,
            lambda: any("[/bold] traject" in str(t.render()) for t in app.screen.query(Toast)),
            "the note about the process, as text",
        )
        assert app.is_running


# ------------------------------------------------------------------------- attendance

#: Attendee names: empty, invisible, a control character, too long, emoji, direction, markup.
ATTENDEE_CASES = (
    "empty",
    "zero-width-spaces-only",
    "nul-inside",
    "long-10000-letters",
    "right-to-left-override",
    "rich-closing-tag-only",
    "rich-red",
)


async def test_attendee_names_are_refused_with_the_message_or_shown_as_typed(
    store, meeting
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(pilot, "f7")
        for case_id in ATTENDEE_CASES:
            typed = value(case(case_id)["value"])
            expected = text_expectation(case(case_id), "attendee.name")
            await pilot.press("n")
            await pilot.pause()
            await fill(pilot, "name", typed)
            assert app.screen.query_one("#field-name", Input).value == typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            if "refused" in expected:
                message = refusal(lambda typed=typed: check.clean_line(typed, _("The name")))
                assert isinstance(app.screen, FormDialog), case_id
                assert form_error(app) == "⚠ " + message, case_id
                await pilot.press("escape", "j")  # typed: Esc asks, J throws it away
                await pilot.pause()
                continue
            stored = value(expected["stored"])
            assert not isinstance(app.screen, FormDialog), (case_id, form_error(app))
            assert stored in [a.name for a in store.list_attendees(meeting.id)], case_id
            # Shown through the one sanitiser: a bidi override is stored, never drawn.
            assert status(app) == "✔ " + printable(_("Added: {name}.").format(name=stored))
        # The list and the status line show the markup-looking names with their brackets.
        on_screen = screen_text(app)
        assert "[/bold]" in on_screen and "[red]" in on_screen
        assert _("Added: {name}.").format(name="[red]") in on_screen


# ------------------------------------------------------------ agenda title, notes, counts


async def test_an_agenda_item_with_hostile_title_minutes_and_notes(store, meeting) -> None:  # type: ignore[no-untyped-def]
    title = value(case("rich-closing-tag-only")["value"])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(pilot, "f2")
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "title", title)
        # Planned minutes: a negative, a non-number, then Arabic-Indic digits (twelve).
        for case_id in ("count-negative", "count-underscore", "count-markup"):
            typed = value(case(case_id)["value"])
            await fill(pilot, "planned", typed)
            await pilot.press("ctrl+s")
            await pilot.pause()
            message = refusal(
                lambda typed=typed: check.whole_number(
                    typed, _("The planned minutes"), low=0, high=600
                )
            )
            assert form_error(app) == "⚠ " + message, case_id
        await fill(pilot, "planned", value(case("count-arabic-indic-digits")["value"]))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog), form_error(app)
        [item] = [i for i in store.list_agenda(meeting.id) if i.title == title]
        assert item.planned_minutes == 12
        # The notes heading names the selected item: "[/bold]" is text there, not a tag.
        assert _("Notes — {number}. {title}").format(number=item.number, title=title) in (
            screen_text(app)
        )
        # Notes pasted from a terminal: the colours go, the Markdown stays as typed.
        notes = "\x1b[31mrood\x1b[0m\n# Kop\n[bold]vet[/bold] *schuin*"
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await deliver(pilot, notes)
        await pilot.press("escape")  # leaving the notes saves them
        await pilot.pause()
        saved = next(i.notes for i in store.list_agenda(meeting.id) if i.id == item.id)
        assert saved == "rood\n# Kop\n[bold]vet[/bold] *schuin*"
        # What the notes show is what was saved (the colours went at the paste), and the
        # markup is text.
        assert app.screen.query_one("#notes", TextArea).text == saved
        assert "[bold]vet[/bold]" in screen_text(app)
        await pilot.press("tab")
        await pilot.press("escape")
        await pilot.pause()
        # The minutes preview renders Markdown: the typed Markdown and markup stay as typed.
        await pilot.press("f6")
        preview = app.screen.query_one("#preview", RenderedText)
        for _attempt in range(100):
            await pilot.pause(0.05)
            if "schuin" in preview.source:
                break
        # All of the rendered preview, also what is scrolled out of view.
        previewed = "\n".join(strip.text for strip in preview._strips)
        assert "# Kop" in previewed and "[bold]vet[/bold] *schuin*" in previewed
        assert f"{item.number}. [/bold]" in previewed

        # The process (F8): an impossible budget is refused with the reason; a title with a
        # Rich link is kept and shown in the banner as typed.
        await pilot.press("f8")
        await pilot.pause()
        for field_id, typed in (
            ("title", value(case("rich-link")["value"])),
            ("budget", case("amount-negative")["value"]),
        ):
            widget = app.screen.query_one(f"#{field_id}", Input)
            widget.value = ""
            widget.focus()
            await deliver(pilot, typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        bad = case("amount-negative")["value"]
        assert status(app) == "⚠ " + refusal(lambda: check.parse_euros(bad))
        widget = app.screen.query_one("#budget", Input)
        widget.value = ""
        widget.focus()
        await deliver(pilot, case("amount-euro-sign")["value"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(app) == "✔ " + _("Process saved.")
        assert meeting.process is not None
        process = store.get_process(meeting.process.id)
        assert process.budget_euro_cents == case("amount-euro-sign")["expect"]["stored"]
        assert process.title == value(case("rich-link")["value"])
        assert process.title in screen_text(app)


# ---------------------------------------------------------------- cards and the votes


async def test_cards_and_a_vote_take_hostile_text_and_refuse_impossible_counts(
    store, meeting
) -> None:  # type: ignore[no-untyped-def]
    item_id = everyone_present_item_running(store, meeting)
    core = value(case("rich-click-action")["value"])
    cause = value(case("combining-accents-stacked")["value"])
    question = value(case("rich-red")["value"])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting_screen(pilot, "f4")
        line = app.screen.query_one(RequestLine)
        for key, text in (("k", core), ("o", cause), ("o", value(case("nul-inside")["value"]))):
            await pilot.press(key)
            await pilot.pause()
            line.paste(text)  # as a terminal pastes it: the hostile text arrives whole
            await pilot.press("enter")
            await pilot.pause()
        # The third card had a NUL: refused in the line, with the Store's message; the text
        # stays to correct, and Esc throws it away.
        message = refusal(lambda: store.add_card(item_id, CardKind.OORZAAK, "Jan\x00Piet"))
        assert status(app) == "⚠ " + message
        assert line.typing
        await pilot.press("escape")
        await pilot.pause()
        assert not line.typing
        state = store.analysis_state(item_id)
        assert state.core is not None and state.core.text == core
        assert [c.text for c in state.causes] == [cause]
        assert core in screen_text(app) and app.is_running

        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "question", question)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [poll] = store.list_polls(item_id)
        assert poll.question == question
        assert question in screen_text(app)
        # Counts: more hands than the 4 eligible present, below zero, and a huge number.
        await pilot.press("5", "enter")
        await pilot.pause()
        assert status(app).startswith("⚠ ")
        await pilot.press("down", "minus")
        await pilot.pause()
        assert status(app) == "⚠ " + _("A count cannot go below 0.")
        await pilot.press("up", "k", *"999999", "enter")
        await pilot.pause()
        assert status(app) == "⚠ " + refusal(
            lambda: check.whole_number("999999", _("The count"), low=0, high=100_000)
        )
        options = store.get_poll(poll.id).options
        assert [(o.room, o.digital) for o in options] == [(0, 0), (0, 0), (0, 0)]


# ------------------------------------------------------------------------- the beamer


@pytest.fixture
def file_store(clock: Clock, tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "baz.db", clock=clock)
    yield s
    s.close()


BEAMER_CASES = (
    "rich-bold",
    "rich-closing-tag-only",
    "rich-click-action",
    "emoji-family-zwj",
    "right-to-left-override",
    "zalgo",
    "markdown-heading",
)


async def test_the_beamer_shows_hostile_titles_and_names_literally(file_store, clock) -> None:  # type: ignore[no-untyped-def]
    store = file_store
    texts = [value(case(c)["value"]) for c in BEAMER_CASES]
    meeting = store.create_meeting(
        texts[0], date(2026, 12, 1), time(19, 30), new_process_title=texts[1]
    )
    item = store.add_agenda_item(meeting.id, texts[2], position=0)
    people = [
        store.add_attendee(meeting.id, text, Role.BEWONER, Consent.NAAM, Presence.AANWEZIG)
        for text in texts
    ]
    store.start_item(item.id)
    for person in people[:4]:
        store.add_speaker(item.id, person.id)
    store.next_speaker(item.id)
    assert store.database.sqlite_path is not None
    reader = Store(Database.open_read_only(store.database.sqlite_path), clock)
    app = BeamerApp(BeamerFeed(reader, meeting.id), clock=clock, poll_interval=0.02)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            store.show_on_beamer(meeting.id, BeamerChoice(Showing.SPEAKERS))
            await until(pilot, lambda: texts[0] in screen_text(app), "the meeting title")
            on_screen = screen_text(app)
            for text in (texts[1], texts[2], texts[3]):
                assert text in on_screen, text

            store.add_card(item.id, CardKind.KERNPROBLEEM, texts[4])
            store.add_card(item.id, CardKind.OORZAAK, texts[6])
            store.show_on_beamer(meeting.id, BeamerChoice(Showing.ANALYSIS))
            await until(pilot, lambda: texts[6] in screen_text(app), "the problem tree")

            store.create_poll(item.id, texts[1], present_count="4")
            store.show_on_beamer(meeting.id, BeamerChoice(Showing.VOTES))
            await until(pilot, lambda: texts[1] in _static(app, "#question"), "the question")
            assert texts[1] in screen_text(app)

            store.show_on_beamer(meeting.id, BeamerChoice(Showing.AGENDA))
            await until(pilot, lambda: texts[2] in _static(app, "#agenda-list"), "the agenda")
            assert app.is_running
    finally:
        reader.close()


def _static(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())
