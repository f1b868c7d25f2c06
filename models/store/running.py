"""Running the meeting (DESIGN §4.3): start, the next item (V), this item (B), breaks, close.

These are the chair's keys of the evening, so they use SQLAlchemy Core, as the speaker list
does: an action reads the meeting, its items and its breaks once (:class:`_Agenda`), decides
from what it read, writes only the changed columns, and applies the same change to what it read
— the state it returns needs no second read. Read twice as ORM objects, a hundred items took
most of the time of V.

One path ends the running item, whatever ends it (another item started, the meeting closed):
:meth:`_Agenda.stop_running`, which also ends the turn going on at that moment (S10). A break
stops the clock of the item and of the turn going on; its end lets both run on.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from models.database.tables import AgendaItem, Meeting, MeetingBreak, Process
from models.domain import MeetingStatus, Purpose
from models.errors import ChangedMeanwhileError, InvalidInputError
from models.i18n import _
from models.records.meeting import AgendaItemInfo, AgendaState, MeetingInfo
from models.rules.timing import Break, period_seconds
from models.store.base import UNSET, StoreBase, hold, not_found
from models.store.room import close_rooms
from models.store.rows import meeting_info
from models.store.speakers import (
    end_open_turns,
    pause_turns_for_break,
    resume_turns_after_break,
)

_MEETING = Meeting.__table__  # type: ignore[attr-defined]
_PROCESS = Process.__table__  # type: ignore[attr-defined]
_ITEM = AgendaItem.__table__  # type: ignore[attr-defined]
_BREAK = MeetingBreak.__table__  # type: ignore[attr-defined]


class RunningActions(StoreBase):
    """The keys that run the meeting, and the agenda as the agenda screen shows it."""

    def agenda_state(self, meeting_id: int) -> AgendaState:
        """The meeting, its items, the running item and the breaks, in one read."""
        with self._core_transaction() as db:
            return _Agenda(db, meeting_id).state()

    def adopt_agenda(self, meeting_id: int) -> MeetingInfo:
        """Record "agenda vastgesteld" (the first moment counts; a second call keeps it)."""
        with self._core_transaction() as db:
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            meeting = read_meeting(db, meeting_id)
            if meeting.agenda_adopted_at is None:
                now = self.now()
                _write(db, _MEETING, meeting_id, agenda_adopted_at=now)
                meeting = replace(meeting, agenda_adopted_at=now)
            return meeting

    def start_meeting(self, meeting_id: int) -> AgendaState:
        """Open the meeting: records the actual start (nothing changes if it already runs)."""
        with self._core_transaction() as db:
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            agenda = _Agenda(db, meeting_id)
            agenda.refuse_closed()
            agenda.start(self.now())
            return agenda.state()

    def start_item(self, item_id: int) -> AgendaState:
        """Run this item, stopping the one that runs; also how to go back to an earlier item."""
        with self._core_transaction() as db:
            meeting_id = db.scalar(select(_ITEM.c.meeting_id).where(_ITEM.c.id == item_id))
            if meeting_id is None:
                raise not_found(_("agenda item"), item_id)
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            agenda = _Agenda(db, meeting_id)
            agenda.refuse_closed()
            item = agenda.item(item_id)
            if item.resumed_at is None:
                agenda.run(item, self.now())
            return agenda.state()

    def next_item(self, meeting_id: int, *, seen_running: int | None = UNSET) -> AgendaState:
        """Run the item after the running one (or the first item not done when none runs).

        ``seen_running`` is the running item the chair saw (None: none ran); when another
        laptop started another item since, nothing happens (:class:`ChangedMeanwhileError`):
        V must not skip an item the chair never saw running.
        """
        with self._core_transaction() as db:
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            agenda = _Agenda(db, meeting_id)
            agenda.refuse_closed()
            items = agenda.items
            if not items:
                raise InvalidInputError(_("The agenda has no items yet."))
            running = agenda.running_index()
            if seen_running is not UNSET and seen_running != (
                items[running].id if running is not None else None
            ):
                raise ChangedMeanwhileError(
                    _("Another item was started elsewhere meanwhile; press V again if needed.")
                )
            if running is None:
                following = next((i for i in items if i.ended_at is None), None)
                if following is None:
                    raise InvalidInputError(
                        _("All items have been dealt with; close the meeting when it is done.")
                    )
            elif running == len(items) - 1:
                raise InvalidInputError(
                    _("This is the last item; close the meeting when it is done.")
                )
            else:
                following = items[running + 1]
            agenda.run(following, self.now())
            return agenda.state()

    def close_meeting(self, meeting_id: int) -> AgendaState:
        """Close the meeting: the running item and a running break stop, the end is recorded."""
        with self._core_transaction() as db:
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            agenda = _Agenda(db, meeting_id)
            status = agenda.meeting.status
            if status is MeetingStatus.GESLOTEN:
                return agenda.state()  # closed already: keep the first end
            if status is not MeetingStatus.LOPEND:
                raise InvalidInputError(_("This meeting has not started yet."))
            agenda.close(self.now())
            return agenda.state()

    def start_break(self, meeting_id: int) -> AgendaState:
        """Pause the meeting: item timers stand still until the break ends."""
        with self._core_transaction() as db:
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            agenda = _Agenda(db, meeting_id)
            agenda.refuse_closed()
            if agenda.meeting.status is not MeetingStatus.LOPEND:
                raise InvalidInputError(_("This meeting has not started yet."))
            if agenda.on_break():
                raise InvalidInputError(_("There is already a break going on."))
            agenda.start_break(self.now())
            return agenda.state()

    def end_break(self, meeting_id: int) -> AgendaState:
        """End the break: the running item's timer goes on."""
        with self._core_transaction() as db:
            hold(db, _MEETING, meeting_id)  # which item runs, which break is on
            agenda = _Agenda(db, meeting_id)
            if not agenda.on_break():
                raise InvalidInputError(_("There is no break going on."))
            agenda.end_break(self.now())
            return agenda.state()


class _Agenda:
    """A meeting's agenda as read once by one action: each change is written (only the changed
    columns) and applied to what was read. Read after :func:`hold` on the meeting, so no other
    laptop changes what runs meanwhile."""

    def __init__(self, db: Connection, meeting_id: int) -> None:
        self.db = db
        self.meeting = read_meeting(db, meeting_id)
        self.items = [
            _item_info(tuple(row)) for row in db.execute(_ITEMS, {"meeting_id": meeting_id})
        ]
        self.breaks = [
            Break(row.started_at, row.ended_at)
            for row in db.execute(_BREAKS, {"meeting_id": meeting_id})
        ]

    # ------------------------------------------------------------------ reading

    def state(self) -> AgendaState:
        running = self.running_index()
        return AgendaState(
            meeting=self.meeting,
            items=self.items,
            running_item_id=self.items[running].id if running is not None else None,
            breaks=self.breaks,
            on_break=self.on_break(),
        )

    def item(self, item_id: int) -> AgendaItemInfo:
        found = next((i for i in self.items if i.id == item_id), None)
        if found is None:
            raise not_found(_("agenda item"), item_id)
        return found

    def running_index(self) -> int | None:
        return next((n for n, i in enumerate(self.items) if i.resumed_at is not None), None)

    def on_break(self) -> bool:
        return bool(self.breaks) and self.breaks[-1].ended_at is None

    def refuse_closed(self) -> None:
        if self.meeting.status is MeetingStatus.GESLOTEN:
            raise InvalidInputError(_("This meeting is closed; its agenda can no longer run."))

    # ----------------------------------------------------------------- changing

    def start(self, now: datetime) -> None:
        """The meeting runs from ``now`` (nothing changes when it runs already)."""
        if self.meeting.status is MeetingStatus.GEPLAND:
            self._change_meeting(status=MeetingStatus.LOPEND, actual_start=now)

    def run(self, item: AgendaItemInfo, now: datetime) -> None:
        """Stop the running item and run ``item`` from ``now`` (the meeting starts if needed)."""
        self.start(now)
        self.stop_running(now)
        item = self.item(item.id)  # as stop_running left it
        self._change_item(
            item,
            started_at=item.started_at or now,
            resumed_at=now,
            ended_at=None,
        )

    def stop_running(self, now: datetime) -> None:
        """End the current period of the running item: its time (minus breaks) is kept, and
        the turn going on ends at the same moment (S10).

        Every path that ends the running item comes here: another item started (V, B) and
        the meeting closed. The item's row is written first: on a server that waits for a
        speaker key holding the item, whose new turn is then ended as well.
        """
        for item in [i for i in self.items if i.resumed_at is not None]:
            self._change_item(
                item,
                spent_seconds=item.spent_seconds
                + period_seconds(item.resumed_at, now, self.breaks),  # type: ignore[arg-type]
                resumed_at=None,
                ended_at=now,
            )
        assert self.meeting.id is not None
        end_open_turns(self.db, self.meeting.id, now)

    def close(self, now: datetime) -> None:
        """The running item, a running break and the room for phones stop; the meeting ends
        at ``now``."""
        self.stop_running(now)
        if self.on_break():
            self._end_last_break(now)
        self._change_meeting(status=MeetingStatus.GESLOTEN, actual_end=now)
        # The phones' page closes with it; its voting cards are of no use any more.
        assert self.meeting.id is not None
        close_rooms(self.db, self.meeting.id, now)

    def start_break(self, now: datetime) -> None:
        self._hold_running_item()  # its speaker list: the clock stops
        self.db.execute(insert(_BREAK).values(meeting_id=self.meeting.id, started_at=now))
        self.breaks = [*self.breaks, Break(now, None)]
        pause_turns_for_break(self.db, self.meeting.id, now)

    def end_break(self, now: datetime) -> None:
        self._hold_running_item()  # its speaker list: the clock runs on
        started_at = self.breaks[-1].started_at
        self._end_last_break(now)
        resume_turns_after_break(self.db, self.meeting.id, started_at, now)

    def _end_last_break(self, now: datetime) -> None:
        self.db.execute(
            update(_BREAK)
            .where(_BREAK.c.meeting_id == self.meeting.id, _BREAK.c.ended_at.is_(None))
            .values(ended_at=now)
        )
        self.breaks = [*self.breaks[:-1], Break(self.breaks[-1].started_at, now)]

    def _hold_running_item(self) -> None:
        """:func:`hold` the running item: a break changes its speaker's clock, which the speaker
        keys (holding the item) change too."""
        running = self.running_index()
        if running is not None:
            hold(self.db, _ITEM, self.items[running].id)

    def _change_item(self, item: AgendaItemInfo, **values: Any) -> None:
        _write(self.db, _ITEM, item.id, **values)
        changed = replace(item, **values)
        self.items = [changed if i.id == item.id else i for i in self.items]

    def _change_meeting(self, *, status: MeetingStatus, **values: Any) -> None:
        _write(self.db, _MEETING, self.meeting.id, status=status.value, **values)
        self.meeting = replace(self.meeting, status=status, **values)


#: An agenda item's columns in the order of :class:`AgendaItemInfo`'s fields.
_ITEM_FIELDS = [_ITEM.c[field.name] for field in fields(AgendaItemInfo)]


@lru_cache(maxsize=4096)
def _item_info(values: tuple[Any, ...]) -> AgendaItemInfo:
    """An agenda item from its values as read (in ``_ITEM_FIELDS`` order). The same values
    give the same immutable item, so V on a hundred items converts the two that changed (the
    conversion of all of them was a fifth of the key's time)."""
    return AgendaItemInfo(*values[:4], Purpose(values[4]), *values[5:])  # type: ignore[call-arg]


# The reads of every key, built once (building a statement costs more than running it).
_ITEMS = (
    select(*_ITEM_FIELDS)
    .where(_ITEM.c.meeting_id == bindparam("meeting_id"))
    .order_by(_ITEM.c.position, _ITEM.c.id)
)
_BREAKS = (
    select(_BREAK.c.started_at, _BREAK.c.ended_at)
    .where(_BREAK.c.meeting_id == bindparam("meeting_id"))
    .order_by(_BREAK.c.started_at, _BREAK.c.id)
)
_MEETING_BY_ID = select(_MEETING).where(_MEETING.c.id == bindparam("id"))
_PROCESS_BY_ID = select(_PROCESS).where(_PROCESS.c.id == bindparam("id"))


def read_meeting(db: Connection, meeting_id: int) -> MeetingInfo:
    """A meeting with its process, read with SQLAlchemy Core."""
    meeting = db.execute(_MEETING_BY_ID, {"id": meeting_id}).one_or_none()
    if meeting is None:
        raise not_found(_("meeting"), meeting_id)
    process = None
    if meeting.process_id is not None:
        process = db.execute(_PROCESS_BY_ID, {"id": meeting.process_id}).one_or_none()
    return meeting_info(meeting, process)


#: One UPDATE of a row by its id per table, built once: the columns set are the keys of the
#: values it runs with (SQLAlchemy compiles each set of columns once and keeps it).
_UPDATE_BY_ID = {
    table: update(table).where(table.c.id == bindparam("row_id")) for table in (_ITEM, _MEETING)
}


def _write(db: Connection, table: Any, id_: int | None, **values: Any) -> None:
    db.execute(_UPDATE_BY_ID[table], {"row_id": id_, **values})
