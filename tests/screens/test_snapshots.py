"""SVG snapshots of each screen at the design size (120×36) and the minimum (80×24).

Update after an intended change with ``pytest --snapshot-update`` and look at the report.
"""

from __future__ import annotations

import pytest

from models.domain import Presence
from tests.conftest import everyone_present_item_running, lend, make_app, until, wait_loaded

SIZES = [(120, 36), (80, 24)]


def in_meeting(*keys: str):  # type: ignore[no-untyped-def]
    """A run_before that opens the first meeting of the list, then presses ``keys``."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run


def _mark_some(store, meeting) -> None:  # type: ignore[no-untyped-def]
    people = {p.name: p for p in store.list_attendees(meeting.id)}
    for name in ("Jan de Vries", "Fatima Ouali", "Mohammed El Amrani"):
        store.set_presence(people[name].id, Presence.AANWEZIG)
    store.set_presence(people["Piet Jansen"].id, Presence.AFWEZIG_MET_KENNISGEVING)
    store.set_presence(people["Kees Dekker"].id, Presence.AFWEZIG)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, time

    store.create_meeting("Wijkschouw Crabbehof", date(2026, 10, 13), time(20, 0))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)

    assert snap_compare(make_app(store), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_attendance(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    _mark_some(store, meeting)

    open_meeting = in_meeting("down", "a")

    assert snap_compare(make_app(store), terminal_size=size, run_before=open_meeting)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_process(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.update_process(
        meeting.process.id,
        neighbourhood="Wielwijk",
        fixed_text="Het plein blijft een openbare speelplek.",
        open_text="Indeling, speeltoestellen, groen en bankjes.",
        feedback_text="Binnen twee weken in de wijkkrant.",
    )

    open_process = in_meeting("f8")

    assert snap_compare(make_app(store), terminal_size=size, run_before=open_process)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_on_attendance(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    open_help = in_meeting("f1")

    assert snap_compare(make_app(store), terminal_size=size, run_before=open_help)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_meeting_dialog(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    async def open_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=size, run_before=open_dialog)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_meeting_dialog_refuses_a_missing_date(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S without a date: the words under the date field, scrolled into view."""

    async def save_without_date(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Bewonersavond")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=size, run_before=save_without_date)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_vote_dialog(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    """A plain for/against vote asks four things; Ctrl+S in the form's own line."""
    store.start_meeting(meeting.id)
    everyone_present_item_running(store, meeting)

    assert snap_compare(make_app(store), terminal_size=size, run_before=in_meeting("f5", "n"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_close_the_meeting_asks_with_its_keys(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    store.start_meeting(meeting.id)
    everyone_present_item_running(store, meeting)

    assert snap_compare(make_app(store), terminal_size=size, run_before=in_meeting("f2", "x"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_speakers_while_a_name_is_typed(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    """The most keys of any screen: they wrap, or end in "F1 meer"; none is cut."""
    store.start_meeting(meeting.id)
    everyone_present_item_running(store, meeting)

    assert snap_compare(
        make_app(store), terminal_size=size, run_before=in_meeting("f3", "plus", "j", "a")
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agenda_before_the_meeting(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    agenda = store.list_agenda(meeting.id)
    store.add_agenda_item(meeting.id, "Keuze ontwerprichting", position=6, planned_minutes=95)
    store.update_agenda_item(agenda[2].id, hamerstuk=True)
    store.save_notes(agenda[5].id, "Actiepunt 3: bankjes besteld.\n- levering in januari")

    open_agenda = in_meeting("f2")

    assert snap_compare(make_app(store), terminal_size=size, run_before=open_agenda)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agenda_during_the_meeting(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from models.store import Store
    from tests.conftest import FIXED_NOW

    moments = iter(FIXED_NOW + timedelta(minutes=m) for m in (0, 0, 4, 4, 7, 9))
    now = {"at": FIXED_NOW}

    def clock():  # type: ignore[no-untyped-def]
        return now["at"]

    running = Store(store.database, clock)
    agenda = running.list_agenda(meeting.id)
    running.update_agenda_item(agenda[2].id, hamerstuk=True)
    for step in (
        lambda: running.start_meeting(meeting.id),
        lambda: running.next_item(meeting.id),
        lambda: running.next_item(meeting.id),
        lambda: running.adopt_agenda(meeting.id),
        lambda: running.next_item(meeting.id),
        lambda: running.hamer_item(agenda[2].id),
    ):
        now["at"] = next(moments)
        step()
    running.next_item(meeting.id)
    now["at"] = FIXED_NOW + timedelta(minutes=24)  # item 4 is 10 minutes over its 5

    open_agenda = in_meeting("f2")

    from baz_tui.app import BazApp

    app = BazApp(lambda: lend(store.database), clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=open_agenda)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_speakers_during_a_discussion(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from models.domain import SpeakerKind
    from models.store import Store
    from tests.conftest import FIXED_NOW

    now = {"at": FIXED_NOW}

    def clock():  # type: ignore[no-untyped-def]
        return now["at"]

    running = Store(store.database, clock)
    people = {p.name: p for p in running.list_attendees(meeting.id)}
    for person in people.values():
        running.set_presence(person.id, Presence.AANWEZIG)
    item = running.list_agenda(meeting.id)[5]
    running.update_agenda_item(item.id, speaking_limit_seconds=120)
    running.start_item(item.id)
    for name in ("Jan de Vries", "Mohammed El Amrani", "Fatima Ouali"):
        running.add_speaker(item.id, people[name].id)
    running.next_speaker(item.id)
    now["at"] += timedelta(seconds=130)
    running.next_speaker(item.id)
    running.add_speaker(item.id, None)
    running.add_speaker(item.id, people["Kees Dekker"].id, SpeakerKind.PUNT_VAN_ORDE)
    now["at"] += timedelta(seconds=47)

    from baz_tui.app import BazApp

    app = BazApp(lambda: lend(store.database), clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=in_meeting("f3"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_votes_while_counting(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from models.domain import Channel
    from models.rules.votes import RuleProfile

    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    poll = store.create_poll(item_id, "Drie bomen bij de zandbak", profile=RuleProfile.TWEE_DERDE)
    for option, room, digital in zip(poll.options, (3, 1, 0), (5, 2, 1), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, room)
        store.set_count(poll.id, option.id, Channel.DIGITAAL, digital)

    assert snap_compare(make_app(store), terminal_size=size, run_before=in_meeting("f5", "down"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_votes_declared_choice(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from models.domain import Channel, PollMethod

    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    poll = store.create_poll(
        item_id,
        "Welke ontwerprichting?",
        method=PollMethod.KEUZE,
        options=["Natuurlijk spelen", "Sport en bewegen", "Ontmoeten", "Water", "Avontuur"],
    )
    for option, room in zip(poll.options, (2, 1, 1, 0, 0), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, room)
    store.declare_poll(poll.id)

    assert snap_compare(make_app(store), terminal_size=size, run_before=in_meeting("f5"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_analysis_tree(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from models.domain import CardKind

    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    core = store.add_card(item_id, CardKind.KERNPROBLEEM, "Speelplein wordt weinig gebruikt")
    core_id = core.touched_card_id
    cause = store.add_card(item_id, CardKind.OORZAAK, "Toestellen zijn kapot", parent_id=core_id)
    store.add_card(
        item_id, CardKind.OORZAAK, "Geen onderhoudsbudget", parent_id=cause.touched_card_id
    )
    store.add_card(item_id, CardKind.OORZAAK, "Geen schaduw", parent_id=core_id)
    store.add_card(item_id, CardKind.GEVOLG, "Kinderen spelen op straat", parent_id=core_id)
    ideas = [
        store.add_card(item_id, CardKind.OPLOSSING, text, parent_id=core_id).touched_card_id
        for text in ("Nieuwe toestellen", "Bomen planten", "Speelmiddag op woensdag")
    ]
    for idea, dots in zip(ideas, (4, 4, 1), strict=True):
        for _dot in range(dots):
            store.add_dots(idea, 1)

    assert snap_compare(make_app(store), terminal_size=size, run_before=in_meeting("f4"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_minutes_with_decisions_and_actions(snap_compare, store, meeting, size) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    store.start_meeting(meeting.id)
    item_id = everyone_present_item_running(store, meeting)
    store.save_notes(item_id, "De bewoners willen meer schaduw en een plek om te zitten.")
    store.add_decision(meeting.id, "Er komen drie bomen bij de zandbak.", item_id=item_id)
    store.add_action(meeting.id, "Offerte bomen opvragen", who="Gemeente", due=date(2026, 12, 15))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        from screens.widgets.rendered_text import RenderedText

        await in_meeting("f6")(pilot)
        preview = pilot.app.screen.query_one("#preview", RenderedText)
        await until(pilot, lambda: "drie bomen" in preview.source, "the preview")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_of_the_public_version(snap_compare, store, size) -> None:  # type: ignore[no-untyped-def]
    """W → O on the minutes: the list of replacements and doubts, one doubt selected."""
    from tests.e2e.test_public_review import evening
    from tests.screens.test_public_review_screen import _loaded

    evening(store)

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await in_meeting("f6", "w", "o")(pilot)
        await _loaded(pilot)
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=size, run_before=ready)
