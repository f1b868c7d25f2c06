"""The Store's agenda: preparing it, adopting it, and running the meeting against the clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from models.domain import MeetingStatus, Purpose
from models.errors import InvalidInputError, NotFoundError
from models.i18n import _
from models.records.meeting import AgendaState, MeetingInfo
from models.rules import timing
from models.store import Store
from tests.conftest import FIXED_NOW, Clock


def _ids(state: AgendaState) -> list[int]:
    return [i.id for i in state.items]


def _elapsed(state: AgendaState, index: int, now: datetime) -> int:
    return state.elapsed_seconds(state.items[index], now)


# ------------------------------------------------------------------ preparing


def test_update_changes_the_fields_and_accepts_typed_minutes(
    store: Store, meeting: MeetingInfo
) -> None:
    item = store.list_agenda(meeting.id)[2]
    changed = store.update_agenda_item(
        item.id,
        title="  Mededelingen van de gemeente ",
        purpose=Purpose.INFORMATIE,
        hamerstuk=True,
        planned_minutes=" 7 ",
        speaking_limit_seconds="120",
    )
    assert (changed.title, changed.purpose, changed.hamerstuk) == (
        "Mededelingen van de gemeente",
        Purpose.INFORMATIE,
        True,
    )
    assert (changed.planned_minutes, changed.speaking_limit_seconds) == (7, 120)
    assert store.list_agenda(meeting.id)[2] == changed


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"title": "   "}, "leeg"),
        ({"planned_minutes": "tien"}, "heel getal"),
        ({"planned_minutes": 601}, "tussen 0 en 600"),
        ({"planned_minutes": -1}, "tussen 0 en 600"),
        ({"planned_minutes": "2.5"}, "heel getal"),
        ({"speaking_limit_seconds": 3601}, "tussen 0 en 3600"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_half_saved(
    store: Store, meeting: MeetingInfo, changes: dict[str, object], expected: str
) -> None:
    before = store.list_agenda(meeting.id)
    item = before[5]
    with pytest.raises(InvalidInputError) as refused:
        # A good title with a bad number: the title must not be saved either.
        store.update_agenda_item(item.id, **{"title": "Nieuwe titel", **changes})  # type: ignore[arg-type]
    assert expected in refused.value.message
    assert store.list_agenda(meeting.id) == before


def test_moving_an_item_and_refusing_at_the_ends(store: Store, meeting: MeetingInfo) -> None:
    agenda = store.list_agenda(meeting.id)
    ids = [i.id for i in agenda]
    moved = store.move_agenda_item(ids[2], -1)
    assert [i.id for i in moved] == [ids[0], ids[2], ids[1], *ids[3:]]
    assert [i.position for i in moved] == list(range(len(ids)))
    assert store.list_agenda(meeting.id) == moved
    with pytest.raises(InvalidInputError, match=_("This is already the first item.")):
        store.move_agenda_item(ids[0], -1)
    with pytest.raises(InvalidInputError, match=_("This is already the last item.")):
        store.move_agenda_item(ids[-1], +1)
    assert store.list_agenda(meeting.id) == moved
    store.move_agenda_item(ids[2], +1)
    assert [i.id for i in store.list_agenda(meeting.id)] == ids


def test_deleting_renumbers_and_the_running_item_is_kept(
    store: Store, meeting: MeetingInfo
) -> None:
    ids = [i.id for i in store.list_agenda(meeting.id)]
    store.delete_agenda_item(ids[3])
    agenda = store.list_agenda(meeting.id)
    assert [i.id for i in agenda] == ids[:3] + ids[4:]
    assert [i.position for i in agenda] == list(range(len(ids) - 1))
    store.start_item(ids[0])
    with pytest.raises(InvalidInputError) as refused:
        store.delete_agenda_item(ids[0])
    assert "Opening" in refused.value.message
    assert len(store.list_agenda(meeting.id)) == len(ids) - 1
    with pytest.raises(NotFoundError):
        store.delete_agenda_item(ids[3])


def test_notes_are_saved_as_typed_without_control_characters(
    store: Store, meeting: MeetingInfo
) -> None:
    item = store.list_agenda(meeting.id)[6]
    text = "Eerste alinea.\n\n- punt een\n- punt twee\x00"
    saved = store.save_notes(item.id, text)
    assert saved.notes == "Eerste alinea.\n\n- punt een\n- punt twee"
    assert saved.title == item.title and saved.position == item.position
    assert store.list_agenda(meeting.id)[6].notes == saved.notes
    state = store.agenda_state(meeting.id)
    assert state.with_item(saved).items == store.agenda_state(meeting.id).items
    with pytest.raises(NotFoundError):
        store.save_notes(9999, "x")


def test_adopting_the_agenda_is_recorded_once(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    first = store.adopt_agenda(meeting.id).agenda_adopted_at
    assert first == FIXED_NOW
    clock.advance(minutes=3)
    assert store.adopt_agenda(meeting.id).agenda_adopted_at == first
    assert store.get_meeting(meeting.id).agenda_adopted_at == first


def test_only_a_hamerstuk_can_be_gavelled(store: Store, meeting: MeetingInfo, clock: Clock) -> None:
    items = store.list_agenda(meeting.id)
    with pytest.raises(InvalidInputError) as refused:
        store.hamer_item(items[4].id)
    assert items[4].title in refused.value.message
    store.update_agenda_item(items[4].id, hamerstuk=True)
    assert store.hamer_item(items[4].id).hamered_at == FIXED_NOW
    clock.advance(minutes=1)
    assert store.hamer_item(items[4].id).hamered_at == FIXED_NOW
    unmarked = store.update_agenda_item(items[4].id, hamerstuk=False)
    assert unmarked.hamered_at is None


# ------------------------------------------------------------------ running


def test_start_next_back_and_close_record_the_right_moments(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    t0 = clock()
    state = store.start_meeting(meeting.id)
    assert state.meeting.status is MeetingStatus.LOPEND
    assert state.meeting.actual_start == t0 and state.running_item_id is None
    clock.advance(minutes=1)
    assert store.start_meeting(meeting.id).meeting.actual_start == t0  # idempotent

    state = store.next_item(meeting.id)  # nothing runs: the first item
    ids = _ids(state)
    assert state.running_item_id == ids[0]
    assert state.items[0].started_at == state.items[0].resumed_at == t0 + timedelta(minutes=1)

    clock.advance(minutes=4)
    state = store.next_item(meeting.id)
    assert state.running_item_id == ids[1]
    first = state.items[0]
    assert (first.spent_seconds, first.resumed_at) == (240, None)
    assert first.ended_at == clock()

    clock.advance(minutes=2, seconds=30)
    state = store.start_item(ids[0])  # back to the opening
    assert state.running_item_id == ids[0]
    assert state.items[1].spent_seconds == 150 and state.items[1].ended_at == clock()
    assert state.items[0].started_at == t0 + timedelta(minutes=1)  # the first start stays
    assert state.items[0].ended_at is None and state.items[0].resumed_at == clock()

    clock.advance(minutes=1)
    assert _elapsed(state, 0, clock()) == 240 + 60
    assert store.start_item(ids[0]).items[0].resumed_at == clock() - timedelta(minutes=1)

    state = store.close_meeting(meeting.id)
    assert state.meeting.status is MeetingStatus.GESLOTEN
    assert state.meeting.actual_end == clock() and state.running_item_id is None
    assert state.items[0].spent_seconds == 300
    with pytest.raises(InvalidInputError):
        store.start_item(ids[2])
    with pytest.raises(InvalidInputError):
        store.next_item(meeting.id)
    clock.advance(minutes=5)
    assert store.close_meeting(meeting.id).meeting.actual_end == clock() - timedelta(minutes=5)


def test_starting_an_item_starts_a_planned_meeting(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    third = store.list_agenda(meeting.id)[2]
    state = store.start_item(third.id)
    assert state.meeting.status is MeetingStatus.LOPEND
    assert state.meeting.actual_start == clock()
    assert state.running_item_id == third.id


def test_next_item_refuses_at_the_last_item(store: Store, meeting: MeetingInfo) -> None:
    last = store.list_agenda(meeting.id)[-1]
    store.start_item(last.id)
    with pytest.raises(InvalidInputError) as refused:
        store.next_item(meeting.id)
    assert refused.value.message == _("This is the last item; close the meeting when it is done.")
    assert store.agenda_state(meeting.id).running_item_id == last.id


def test_a_meeting_that_has_not_started_cannot_close_or_pause(
    store: Store, meeting: MeetingInfo
) -> None:
    with pytest.raises(InvalidInputError):
        store.close_meeting(meeting.id)
    with pytest.raises(InvalidInputError):
        store.start_break(meeting.id)
    assert store.get_meeting(meeting.id).status is MeetingStatus.GEPLAND


def test_a_break_is_left_out_of_the_elapsed_time(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    state = store.next_item(meeting.id)
    clock.advance(minutes=3)
    state = store.start_break(meeting.id)
    assert state.on_break and state.breaks[-1].started_at == clock()
    with pytest.raises(InvalidInputError):
        store.start_break(meeting.id)
    clock.advance(minutes=10)
    assert _elapsed(state, 0, clock()) == 180  # the clock stands still during the break
    state = store.end_break(meeting.id)
    assert not state.on_break and state.breaks[-1].ended_at == clock()
    with pytest.raises(InvalidInputError):
        store.end_break(meeting.id)
    clock.advance(minutes=2)
    assert _elapsed(state, 0, clock()) == 300
    state = store.next_item(meeting.id)
    assert state.items[0].spent_seconds == 300


def test_closing_during_a_break_ends_the_break(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    store.next_item(meeting.id)
    clock.advance(minutes=1)
    store.start_break(meeting.id)
    clock.advance(minutes=4)
    state = store.close_meeting(meeting.id)
    assert not state.on_break and state.breaks[-1].ended_at == clock()
    assert state.items[0].spent_seconds == 60


def test_projected_end_from_the_state(store: Store, meeting: MeetingInfo, clock: Clock) -> None:
    state = store.next_item(meeting.id)
    total = state.planned_minutes_total
    assert total == sum(i.planned_minutes for i in store.list_agenda(meeting.id))
    clock.advance(minutes=2)
    projected = timing.projected_end(clock(), state.timings(clock()), state.on_break)
    assert projected == FIXED_NOW + timedelta(minutes=total)


def test_an_elapsed_timer_survives_a_restart(store_url: str, clock: Clock) -> None:
    db = store_url
    first = Store.open(db, clock=clock)
    meeting = first.create_meeting("Avond", FIXED_NOW.date(), FIXED_NOW.time())
    item_id = first.next_item(meeting.id).running_item_id
    first.close()  # as if the app was quit (or killed: every action was committed)

    clock.advance(minutes=7)
    second = Store.open(db, clock=clock)
    state = second.agenda_state(meeting.id)
    second.close()
    assert state.running_item_id == item_id
    running = state.running_item
    assert running is not None
    elapsed = timing.item_elapsed_seconds(
        running.spent_seconds, running.resumed_at, clock(), state.breaks
    )
    assert elapsed == 7 * 60


# ------------------------------------------------------------------ the demo


def test_the_demo_agenda_has_times_hamerstukken_and_notes(store: Store) -> None:
    from datetime import date
    from zoneinfo import ZoneInfo

    from models.demo import create_demo

    meeting = create_demo(store, today=date(2026, 11, 28))
    state = store.agenda_state(meeting.id)
    assert 100 <= state.planned_minutes_total <= 120
    tz = ZoneInfo("Europe/Amsterdam")
    end = timing.planned_end(meeting.date, meeting.start_time, state.planned_minutes_total, tz)
    assert not timing.runs_past_scheduled_end(
        end, meeting.date, meeting.start_time, meeting.scheduled_end_time, tz
    )
    hamerstukken = [i.title for i in state.items if i.hamerstuk]
    assert hamerstukken == [_("Announcements"), _("Minutes of the previous meeting")]
    survey = next(i for i in state.items if i.title == "Terugkoppeling enquête speelplein")
    assert survey.notes.startswith("Enquête: 142 reacties uit 380 huishoudens.\n- ")
    # The first evening was held: every item ran, in order, and the meeting was closed.
    assert state.running_item_id is None and state.meeting.status is MeetingStatus.GESLOTEN
    starts = [i.started_at for i in state.items]
    assert None not in starts and starts == sorted(starts)
    assert all(i.ended_at is not None and i.spent_seconds > 0 for i in state.items)
    # The second evening is prepared and still to come.
    from models.demo import find_next_evening

    coming = find_next_evening(store)
    assert coming is not None and coming.status is MeetingStatus.GEPLAND
    assert coming.date == date(2026, 12, 1) and meeting.date == date(2026, 11, 17)
