"""The beamer shows no name of anybody who did not consent, in any state it can be in.

The meeting of ``test_privacy_export`` (names typed everywhere) is run through every state the
beamer can show: before the start (the agenda), the speaker list (who speaks, who waits), the
agenda, a vote with names in its question and options (open and declared), the problem tree,
a break and the thank-you. Each picture (``BeamerView``) is searched in every string it holds,
and the beamer app draws each one, whose screen is searched too.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from models.beamer import BeamerFeed
from models.domain import Channel, PollMethod
from models.records.beamer import BeamerChoice, BeamerView, Phase, Showing
from models.rules.naming import fold
from models.store import Store
from tests.conftest import Clock
from tests.e2e.test_privacy_export import EARLIER, HIDDEN, build, forbidden_words, words_in

FORBIDDEN = forbidden_words([*HIDDEN, EARLIER])


@pytest.fixture
def store(clock: Clock, tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "baz.db", clock=clock)
    yield s
    s.close()


def strings(value: object) -> Iterator[str]:
    """Every string inside a picture: fields of dataclasses, lists, tuples, dicts."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))
    elif isinstance(value, list | tuple | set | frozenset):
        for each in value:
            yield from strings(each)
    elif isinstance(value, dict):
        for key, each in value.items():
            yield from strings(key)
            yield from strings(each)


def leaked(view: BeamerView) -> set[str]:
    return {w for s in strings(view) for w in words_in(s) & FORBIDDEN}


def states(store: Store, meeting_id: int, clock: Clock) -> Iterator[tuple[str, Callable[[], None]]]:
    """Steps that bring the meeting into each state the beamer shows, with a name."""
    item = store.list_agenda(meeting_id)[2]  # "Het voorstel van Kuijpers", with everything
    ids = {a.name: a.id for a in store.list_attendees(meeting_id)}
    yield "not started", lambda: None

    def speakers() -> None:
        store.start_meeting(meeting_id)
        store.start_item(item.id)
        for name in (*HIDDEN, "Sanne de Wit"):
            store.add_speaker(item.id, ids[name])
        store.add_speaker(item.id, None)
        store.next_speaker(item.id)
        store.show_on_beamer(meeting_id, BeamerChoice(Showing.SPEAKERS))

    yield "speakers", speakers

    def next_speaker() -> None:
        clock.advance(seconds=200)  # over time, then the next: Émilie
        store.next_speaker(item.id)
        store.pause_speaker(item.id)

    yield "next speaker, paused", next_speaker
    yield "agenda", lambda: store.show_on_beamer(meeting_id, BeamerChoice(Showing.AGENDA))

    def vote() -> None:
        poll = store.create_poll(
            item.id,
            "Pieter, Noor of Yılmaz?",
            method=PollMethod.KEUZE,
            options=("Kuijpers", "Émilie Dubois", "Esra Yilmaz"),
        )
        store.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 2)
        store.show_on_beamer(meeting_id, BeamerChoice(Showing.VOTES, item.id, poll.id))

    yield "vote open", vote

    def declared() -> None:
        (poll,) = [p for p in store.list_polls(item.id) if p.is_open]
        store.declare_poll(poll.id, decision_text="Pieter Kuijpers heeft gewonnen")

    yield "vote declared", declared
    yield "analysis", lambda: store.show_on_beamer(meeting_id, BeamerChoice(Showing.ANALYSIS))
    yield "break", lambda: store.start_break(meeting_id)

    def closed() -> None:
        store.end_break(meeting_id)
        store.close_meeting(meeting_id)

    yield "ended", closed


def test_no_picture_of_the_beamer_holds_a_hidden_name(store: Store, clock: Clock) -> None:
    built = build(store, turns=False)
    feed = BeamerFeed(store, built.meeting_id)
    seen: dict[str, Phase] = {}
    try:
        for state, step in states(store, built.meeting_id, clock):
            step()
            view = feed.read()
            seen[state] = view.phase
            assert leaked(view) == set(), state
            if state == "speakers":
                assert view.speakers is not None and view.speakers.current is not None
                assert len(view.speakers.next) == 3 and view.speakers.more_waiting == 2
            if state == "vote open":
                assert view.poll is not None and len(view.poll.options) == 3
            if state == "analysis":
                assert view.analysis is not None and view.analysis.causes
    finally:
        feed.close()
    assert seen["not started"] is Phase.NOT_STARTED and seen["ended"] is Phase.ENDED
    assert seen["break"] is Phase.ON_BREAK and seen["analysis"] is Phase.RUNNING


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """Everything the beamer draws, as text (the SVG screenshot without its markup)."""
    import html

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\u00a0", " ")


async def test_the_beamer_draws_no_hidden_name_in_any_state(store: Store, clock: Clock) -> None:
    from baz_tui.beamer import BeamerApp

    built = build(store, turns=False)
    app = BeamerApp(BeamerFeed(store, built.meeting_id), clock=clock, poll_interval=0.02)
    shown: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for state, step in states(store, built.meeting_id, clock):
            step()
            reads = app.feed.reads
            deadline = time.monotonic() + 3
            while app.feed.reads == reads and state != "not started":
                assert time.monotonic() < deadline, f"the beamer never read {state}"
                await pilot.pause(0.02)
            await pilot.pause()
            text = fold(screen_text(app))
            # Substrings too: a name cut short at the edge ("Kuijp…") must not be there either.
            assert not [w for w in FORBIDDEN if len(w) >= 4 and w in text], state
            assert not words_in(text) & FORBIDDEN, state
            shown.append(text)
    # The pictures did show the people, as they agreed.
    assert any("sanne de wit" in t for t in shown)
    assert any("e.y." in t for t in shown)
    assert any(re.search(r"(bewoner|resident) \d", t) for t in shown)
