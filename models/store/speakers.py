"""The speaker lists (DESIGN §4.1, S1–S10): the queue, the floor, pauses, undo, statistics.

Every key of the speaker list is one of these methods, so they use SQLAlchemy Core rather than
the ORM: one query reads an item's entries with the name and role of each person, an action
changes those rows in memory (the order itself comes from the pure rules of
``models.rules.speakers``), only the changed columns are written back, and the state the screen
shows is built from the same rows. On a big meeting that is a few milliseconds per key instead of
a few tens.

A turn lives inside its item's running time (S10). Only the running item gives the floor; every
path that ends the running item — another item started, the meeting closed — ends the current
turn at that moment (``end_open_turns``, called by the agenda part of the Store); a meeting
break stops the speaking clock (``pause_turns_for_break``) and the end of the break lets it run
on (``resume_turns_after_break``). A closed meeting's lists no longer change.

Two laptops on one list (PostgreSQL): every changing method first holds the agenda item's row
(``_read_item(..., hold_it=True)``), so two "add speaker" keys at the same moment are applied
one after the other, each to the list the other left — no lost entry, no shared place. The keys
that act on what the chair saw (Space gives the floor to the one shown next) carry what was
seen and are refused when another laptop changed it first.

Undo (S9): every changing method returns a :class:`~models.records.meeting.SpeakerUndo` with its
state: what that action changed, entry by entry, before and after. ``undo_speakers`` reverses
exactly that on the list as it is now, and refuses when it can no longer be done cleanly; what
others did since is never touched. No action log is stored, so undo lasts as long as the screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any, overload

from sqlalchemy import (
    Connection,
    DateTime,
    Label,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Row

from models.database.tables import AgendaItem, Attendee, Meeting, MeetingBreak, SpeakerEntry
from models.domain import (
    MeetingStatus,
    OrderPolicy,
    Presence,
    Role,
    SpeakerKind,
    default_consent,
)
from models.errors import ChangedMeanwhileError, InvalidInputError
from models.i18n import _
from models.records.meeting import (
    ANONYMOUS_KEY,
    SPEAKER_TURN_COLUMNS,
    AgendaItemInfo,
    MeetingSpeaking,
    SpeakerInfo,
    SpeakerRecord,
    SpeakerState,
    SpeakerUndo,
    SpeakerUndoAction,
    anonymous_residents_name,
)
from models.rules import validation as check
from models.rules.speakers import (
    QueueEntry,
    Turn,
    check_can_join,
    insertion_index,
    overtime_seconds,
    position_reason,
    spoken_seconds,
)
from models.store.base import StoreBase, hold, not_found
from models.store.rows import agenda_item_info

_ENTRY = SpeakerEntry.__table__  # type: ignore[attr-defined]
_ITEM = AgendaItem.__table__  # type: ignore[attr-defined]
_ATTENDEE = Attendee.__table__  # type: ignore[attr-defined]
_MEETING = Meeting.__table__  # type: ignore[attr-defined]
_BREAK = MeetingBreak.__table__  # type: ignore[attr-defined]

#: The columns of an entry an action can change (all but its id and its item), as in
#: ``SpeakerRecord``.
_CHANGEABLE = ("attendee_id", *SPEAKER_TURN_COLUMNS)

#: The columns of an entry that hold a moment.
_MOMENTS = frozenset({"requested_at", "started_at", "ended_at", "paused_at", "removed_at"})


def _stored_moment(name: str) -> Label[datetime]:
    """A moment column read as the naive UTC ``DateTime`` it is stored as; ``_aware`` then makes
    it what ``models.database.types.UTCDateTime`` returns. Through that type every value takes two
    more Python calls and a ``replace()``: five moments an entry, a hundred entries a key."""
    return type_coerce(_ENTRY.c[name], DateTime()).label(name)


#: An item's entries, oldest first, with the person's name and role (None: anonymous, or the
#: person was removed from the attendee list since). ``_read_entries`` unpacks the columns
#: in this order.
_ENTRIES = (
    select(
        _ENTRY.c.id,
        *(_stored_moment(name) if name in _MOMENTS else _ENTRY.c[name] for name in _CHANGEABLE),
        _ATTENDEE.c.name.label("person_name"),
        _ATTENDEE.c.role.label("person_role"),
    )
    .select_from(_ENTRY.outerjoin(_ATTENDEE, _ATTENDEE.c.id == _ENTRY.c.attendee_id))
    .order_by(_ENTRY.c.id)
)

# The statements of every key press are built once: building and caching a statement costs
# more than running it on SQLite.
_ENTRIES_OF_ITEM = _ENTRIES.where(_ENTRY.c.agenda_item_id == bindparam("item_id"))
#: The item with what decides whether its list may change now: the meeting's status and the
#: meeting's break going on (its id; None without one).
_ITEM_BY_ID = (
    select(
        _ITEM,
        _MEETING.c.status.label("meeting_status"),
        _BREAK.c.id.label("break_id"),
    )
    .select_from(
        _ITEM.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id).outerjoin(
            _BREAK, (_BREAK.c.meeting_id == _ITEM.c.meeting_id) & _BREAK.c.ended_at.is_(None)
        )
    )
    .where(_ITEM.c.id == bindparam("item_id"))
)
_PERSON_BY_ID = select(
    _ATTENDEE.c.id, _ATTENDEE.c.meeting_id, _ATTENDEE.c.name, _ATTENDEE.c.role
).where(_ATTENDEE.c.id == bindparam("attendee_id"))
_ITEM_OF_ENTRY = select(_ENTRY.c.agenda_item_id).where(_ENTRY.c.id == bindparam("entry_id"))
_INSERT_ENTRY = insert(_ENTRY).returning(_ENTRY.c.id)
#: The columns given when it runs are the ones set.
_UPDATE_ENTRY = update(_ENTRY).where(_ENTRY.c.id == bindparam("entry_id"))


@dataclass(slots=True, eq=False)
class _Entry:
    """One entry of an item's list as an action reads and changes it."""

    id: int | None  # None until it is written
    attendee_id: int | None
    kind: SpeakerKind
    position: int
    requested_at: datetime | None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    spoken_seconds: int | None = None
    overtime_seconds: int | None = None
    removed_at: datetime | None = None
    #: The person's name and role; None for an anonymous resident.
    name: str | None = None
    role: Role | None = None
    #: The columns this action changed: only those are written.
    changed: set[str] = field(default_factory=set)

    def change(self, **values: Any) -> None:
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                self.changed.add(name)

    @property
    def waiting(self) -> bool:
        return self.started_at is None and self.removed_at is None

    @property
    def done(self) -> bool:
        return self.ended_at is not None and self.removed_at is None


@dataclass(slots=True)
class _Item:
    """What the speaker list needs of its agenda item (and of its meeting)."""

    info: AgendaItemInfo
    closed: bool
    policy: OrderPolicy
    meeting_closed: bool = False
    #: The meeting's break going on; None without one.
    break_id: int | None = None

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def limit_seconds(self) -> int:
        return self.info.speaking_limit_seconds

    @property
    def running(self) -> bool:
        return self.info.resumed_at is not None

    @property
    def on_break(self) -> bool:
        return self.break_id is not None

    def refuse_if_closed(self) -> None:
        """A closed meeting's lists stay as they were: the minutes report them."""
        if self.meeting_closed:
            raise InvalidInputError(_("The meeting is closed: its speaker lists no longer change."))

    def refuse_if_not_running(self) -> None:
        """S10: only the running item gives the floor."""
        self.refuse_if_closed()
        if not self.running:
            raise InvalidInputError(
                _("Item {number} is not running: start it on the agenda (B) first.").format(
                    number=self.info.number
                )
            )

    def refuse_on_break(self) -> None:
        if self.on_break:
            raise InvalidInputError(
                _("It is a break: the speaking clock runs on when the break is over.")
            )


class SpeakerActions(StoreBase):
    """The Store's methods for speaker lists (part of :class:`models.store.Store`)."""

    def speaker_state(self, item_id: int) -> SpeakerState:
        """The speaker list of an item: current, waiting (with reasons), done, statistics."""
        with self._core_transaction() as db:
            item = _read_item(db, item_id)
            return self._list_state(item, _read_entries(db, item_id))

    def add_speaker(
        self,
        item_id: int,
        attendee_id: int | None,
        kind: SpeakerKind = SpeakerKind.NORMAAL,
    ) -> SpeakerState:
        """Put an attendee (None: an anonymous resident) on the list, in the place S1–S3 give."""
        with self._core_transaction() as db:
            item = _read_item(db, item_id, hold_it=True)
            person = None
            if attendee_id is not None:
                person = db.execute(_PERSON_BY_ID, {"attendee_id": attendee_id}).one_or_none()
                if person is None:
                    raise not_found(_("attendee"), attendee_id)
                if person.meeting_id != item.info.meeting_id:
                    raise InvalidInputError(
                        _("{name} is not on the attendee list of this meeting.").format(
                            name=person.name
                        )
                    )
            return self._add(db, item, person, SpeakerKind(kind))

    def add_speaker_by_name(
        self,
        item_id: int,
        name: str,
        role: Role = Role.BEWONER,
        kind: SpeakerKind = SpeakerKind.NORMAAL,
    ) -> SpeakerState:
        """Add someone not yet on the attendee list (as present) and put them on the list."""
        with self._transaction() as session:
            item = _read_item(session.connection(), item_id, hold_it=True)
            item.refuse_if_closed()
            role = Role(role)
            now = self.now()
            person = Attendee(
                meeting_id=item.info.meeting_id,
                name=check.clean_line(name, _("The name")),
                role=role.value,
                consent=default_consent(role).value,
                presence=Presence.AANWEZIG.value,
                arrived_at=now,
            )
            session.add(person)
            session.flush()
            # A refusal below rolls the new attendee back too: nothing half-saved.
            return self._add(session.connection(), item, person, SpeakerKind(kind))

    def next_speaker(
        self, item_id: int, *, seen: tuple[int | None, int | None] | None = None
    ) -> SpeakerState:
        """S6: end the current turn (time and overtime recorded) and start the first waiting.

        ``seen`` is what the chair saw: the entry that had the floor and the one next in line
        (ids, None for nobody). When another laptop changed either since, nothing happens and
        :class:`ChangedMeanwhileError` says so: Space must not end a turn the chair did not see.
        Only the running item gives the floor (S10); during a break the new turn starts with
        its clock standing still.
        """
        with self._core_transaction() as db:
            item = _read_item(db, item_id, hold_it=True)
            entries = _read_entries(db, item_id)
            current = _current(entries)
            waiting = _waiting(entries)
            if seen is not None and seen != (
                current.id if current is not None else None,
                waiting[0].id if waiting else None,
            ):
                raise _changed_meanwhile()
            if current is None and not waiting:
                raise InvalidInputError(_("Nobody is waiting to speak."))
            item.refuse_if_not_running()
            now = self.now()
            changes: list[tuple[SpeakerRecord | None, _Entry]] = []
            if current is not None:
                changes.append((_record(current), current))
                _finish_turn(current, now, item.limit_seconds)
            touched = current
            if waiting:
                touched = waiting.pop(0)
                changes.append((_record(touched), touched))
                touched.change(started_at=now, paused_at=now if item.on_break else None)
                _renumber(waiting)
            _write(db, item.id, entries)
            return self._list_state(
                item, entries, touched=touched, undo=_undo(item, "floor", changes)
            )

    def stop_speaker(self, item_id: int) -> SpeakerState:
        """End the current turn without starting the next one (the floor is free)."""
        with self._core_transaction() as db:
            item, entries, current = _speaking(db, item_id)
            before = _record(current)
            _finish_turn(current, self.now(), item.limit_seconds)
            _write(db, item.id, entries)
            return self._list_state(
                item, entries, touched=current, undo=_undo(item, "floor", [(before, current)])
            )

    def previous_speaker_back(self, item_id: int) -> SpeakerState:
        """S6 "Vorige terug": the last finished speaker goes to the front of the queue.

        The finished turn stays as it was recorded (it counts in the statistics); the person
        gets a new waiting entry at the front, of the same kind. When they are already waiting
        as that kind, that entry moves to the front instead (S4: never twice). A closed list
        does not stop this: it is the chair's decision, not a new request.
        """
        with self._core_transaction() as db:
            item = _read_item(db, item_id, hold_it=True)
            item.refuse_if_closed()
            entries = _read_entries(db, item_id)
            done = [e for e in entries if e.done]
            if not done:
                raise InvalidInputError(_("Nobody has finished speaking on this item yet."))
            last = max(done, key=lambda e: (e.ended_at, e.id))
            waiting = _waiting(entries)
            again = next(
                (
                    e
                    for e in waiting
                    if last.attendee_id is not None
                    and e.attendee_id == last.attendee_id
                    and e.kind == last.kind
                ),
                None,
            )
            queue_index = 0
            before: SpeakerRecord | None = None
            if again is not None:
                queue_index = waiting.index(again)
                before = _record(again)
                waiting.remove(again)
            else:
                again = _Entry(
                    None,
                    last.attendee_id,
                    last.kind,
                    0,
                    self.now(),
                    name=last.name,
                    role=last.role,
                )
                entries.append(again)
            _renumber([again, *waiting])
            _write(db, item.id, entries)
            undo = _undo(item, "back", [(before, again)], queue_index=queue_index)
            return self._list_state(item, entries, touched=again, undo=undo)

    def pause_speaker(self, item_id: int, *, seen: int | None = None) -> SpeakerState:
        """Stop the clock of the current speaker (S7); paused time does not count.

        ``seen``: the entry the chair saw speaking; refused when someone else has the floor now.
        """
        with self._core_transaction() as db:
            item, entries, current = _speaking(db, item_id, seen)
            item.refuse_on_break()
            if current.paused_at is not None:
                raise InvalidInputError(_("The speaking time is already paused."))
            before = _record(current)
            current.change(paused_at=self.now())
            _write(db, item.id, entries)
            return self._list_state(
                item, entries, touched=current, undo=_undo(item, "pause", [(before, current)])
            )

    def resume_speaker(self, item_id: int, *, seen: int | None = None) -> SpeakerState:
        """Let the clock of the paused current speaker run again (not during a break)."""
        with self._core_transaction() as db:
            item, entries, current = _speaking(db, item_id, seen)
            item.refuse_on_break()
            if current.paused_at is None:
                raise InvalidInputError(_("The speaking time is not paused."))
            before = _record(current)
            _end_pause(current, self.now())
            _write(db, item.id, entries)
            return self._list_state(
                item, entries, touched=current, undo=_undo(item, "resume", [(before, current)])
            )

    def move_speaker(self, entry_id: int, delta: int) -> SpeakerState:
        """S9: move a waiting entry ``delta`` places (-1 is one up, towards speaking sooner)."""
        with self._core_transaction() as db:
            item, entries, entry = _entry_on_list(db, entry_id)
            item.refuse_if_closed()
            waiting = _waiting(entries)
            if entry not in waiting:
                raise InvalidInputError(_("Only a speaker who is still waiting can be moved."))
            at = waiting.index(entry)
            to = at + int(delta)
            if to < 0:
                raise InvalidInputError(_("This speaker is already first in line."))
            if to >= len(waiting):
                raise InvalidInputError(_("This speaker is already last in line."))
            before = _record(entry)
            waiting.insert(to, waiting.pop(at))
            _renumber(waiting)
            _write(db, item.id, entries)
            undo = _undo(item, "move", [(before, entry)], delta=to - at)
            return self._list_state(item, entries, touched=entry, undo=undo)

    def remove_speaker(self, entry_id: int) -> SpeakerState:
        """Take a waiting entry off the list; it stays in the record as removed."""
        with self._core_transaction() as db:
            item, entries, entry = _entry_on_list(db, entry_id)
            item.refuse_if_closed()
            if entry.removed_at is not None:
                raise InvalidInputError(_("This speaker was already taken off the list."))
            if entry.started_at is not None:
                raise InvalidInputError(
                    _("This speaker has already had the floor; end the turn with Next speaker.")
                )
            waiting = _waiting(entries)
            queue_index = waiting.index(entry)
            before = _record(entry)
            entry.change(removed_at=self.now())
            waiting.remove(entry)
            _renumber(waiting)
            _write(db, item.id, entries)
            undo = _undo(item, "remove", [(before, entry)], queue_index=queue_index)
            return self._list_state(item, entries, touched=entry, undo=undo)

    def set_speakers_closed(self, item_id: int, closed: bool) -> SpeakerState:
        """Close (S5: only points of order from now on) or reopen the list of an item."""
        with self._core_transaction() as db:
            item = _read_item(db, item_id, hold_it=True)
            item.refuse_if_closed()
            entries = _read_entries(db, item_id)
            setting = (item.closed, bool(closed))
            item.closed = bool(closed)
            _write_item(db, item)
            return self._list_state(item, entries, undo=_undo(item, "closed", setting=setting))

    def set_order_policy(self, item_id: int, policy: OrderPolicy) -> SpeakerState:
        """Choose the order for new entries (S2); the entries already waiting keep their place."""
        with self._core_transaction() as db:
            item = _read_item(db, item_id, hold_it=True)
            item.refuse_if_closed()
            entries = _read_entries(db, item_id)
            setting = (item.policy, OrderPolicy(policy))
            item.policy = OrderPolicy(policy)
            _write_item(db, item)
            return self._list_state(item, entries, undo=_undo(item, "policy", setting=setting))

    def undo_speakers(self, undo: SpeakerUndo) -> SpeakerState:
        """S9: take back the action ``undo`` describes — that action only, on the list as it is.

        An entry added by the action is removed, an entry it changed gets its columns back and
        its place in the queue as near as the queue now allows; what others did since stays.
        Refused, changing nothing (:class:`ChangedMeanwhileError`), when an entry is no longer
        as the action left it (it had the floor, it was removed, someone changed it), when a
        setting was changed again, or — for the floor and the clock — when the item's running
        time or the meeting's break changed since: a turn is never reopened outside them (S10).
        Attendees added by ``add_speaker_by_name`` stay on the attendee list.
        """
        with self._core_transaction() as db:
            item = _read_item(db, undo.item_id, hold_it=True)
            item.refuse_if_closed()
            if undo.action in _CLOCK_ACTIONS and (item.info.resumed_at, item.break_id) != (
                undo.resumed_at,
                undo.break_id,
            ):
                raise ChangedMeanwhileError(
                    _("This can no longer be undone: the item or the break changed since.")
                )
            if undo.setting is not None:
                _undo_setting(db, item, undo)
            entries = _read_entries(db, item.id)
            by_id = {e.id: e for e in entries}
            for before, after in undo.changes:
                entry = by_id.get(after.id)
                if entry is None or not _is_as(entry, after):
                    raise _cannot_undo(entry, before)
            returning: _Entry | None = None
            for before, after in undo.changes:
                entry = by_id[after.id]
                if before is None:  # made by the action: gone again
                    db.execute(delete(_ENTRY).where(_ENTRY.c.id == entry.id))
                    entries.remove(entry)
                    continue
                entry.change(**{name: getattr(before, name) for name in _UNDONE})
                if entry.waiting and undo.action in _QUEUE_ACTIONS:
                    returning = entry  # it waits (again): its place is given below
            _requeue(entries, returning, undo)
            _refuse_conflicts(entries)
            _write(db, item.id, entries)
            return self._list_state(item, entries, touched=returning)

    def meeting_speaking(
        self, meeting_id: int, *, except_item_id: int | None = None
    ) -> MeetingSpeaking:
        """The turns of a meeting for its statistics (S8), without those of one item if asked.

        Finished turns, plus the turn going on on the running item counted up to now. The
        speakers screen reads the other items once per item it shows and adds the turns of
        its own list to them: an action on the list does not change the rest of the meeting.
        """
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            now = self.now()
            turns = _meeting_turns(session.connection(), meeting_id, except_item_id, now)
            return MeetingSpeaking(turns, read_at=now)

    # ------------------------------------------------------------------ helpers

    def _add(
        self, db: Connection, item: _Item, person: Row[Any] | Attendee | None, kind: SpeakerKind
    ) -> SpeakerState:
        item.refuse_if_closed()
        entries = _read_entries(db, item.id)
        waiting = _waiting(entries)
        spoken = _people_who_spoke(entries)
        queue = [_queue_entry(e, spoken) for e in waiting]
        attendee_id = person.id if person is not None else None
        new = QueueEntry(0, attendee_id, kind, attendee_id in spoken)
        check_can_join(queue, new, item.closed, name=person.name if person is not None else "")
        entry = _Entry(
            None,
            attendee_id,
            kind,
            0,
            self.now(),
            name=person.name if person is not None else None,
            role=Role(person.role) if person is not None else None,
        )
        entries.append(entry)
        waiting.insert(insertion_index(queue, new, item.policy), entry)
        _renumber(waiting)
        _write(db, item.id, entries)
        return self._list_state(
            item, entries, touched=entry, undo=_undo(item, "add", [(None, entry)])
        )

    def _list_state(
        self,
        item: _Item,
        entries: list[_Entry],
        *,
        touched: _Entry | None = None,
        undo: SpeakerUndo | None = None,
    ) -> SpeakerState:
        """The state of an item's list from its entries (all of them, oldest first, written)."""
        names = _names(entries)
        spoken = _people_who_spoke(entries)
        waiting = _waiting(entries)
        queue = [_queue_entry(e, spoken) for e in waiting]
        current = _current(entries)
        done = sorted(
            (e for e in entries if e.done), key=lambda e: (e.ended_at, e.id), reverse=True
        )
        item_turns = tuple(
            Turn(
                e.attendee_id if e.name is not None else ("anonymous", e.id),
                names[e.id],
                e.attendee_id if e.name is not None else None,
                e.role or Role.BEWONER,
                e.spoken_seconds or 0,
            )
            for e in reversed(done)
        )
        return SpeakerState(
            item=item.info,
            current=_info(current, item.id, names) if current is not None else None,
            waiting=[
                _info(e, item.id, names, position_reason(q, queue, item.policy))
                for e, q in zip(waiting, queue, strict=True)
            ],
            done=[_info(e, item.id, names) for e in done],
            closed=item.closed,
            policy=item.policy,
            limit_seconds=item.limit_seconds,
            item_turns=item_turns,
            read_at=self.now(),
            touched_entry_id=touched.id if touched is not None else None,
            undo=undo,
            running=item.running,
            on_break=item.on_break,
            meeting_closed=item.meeting_closed,
        )


# ---------------------------------------------------------------- S10: the item's lifecycle

#: Every open turn of a meeting, with the speaking limit of its item.
_OPEN_TURNS = (
    select(
        _ENTRY.c.id,
        _stored_moment("started_at"),
        _stored_moment("paused_at"),
        _ENTRY.c.paused_seconds,
        _ITEM.c.speaking_limit_seconds,
    )
    .select_from(_ENTRY.join(_ITEM, _ITEM.c.id == _ENTRY.c.agenda_item_id))
    .where(
        _ITEM.c.meeting_id == bindparam("meeting_id"),
        _ENTRY.c.started_at.is_not(None),
        _ENTRY.c.ended_at.is_(None),
        _ENTRY.c.removed_at.is_(None),
    )
)


def _open_turns(db: Connection, meeting_id: int) -> list[tuple[_Entry, int]]:
    """The open turns of a meeting (at most one: on its running item), each with its limit."""
    return [
        (
            _Entry(
                id_,
                None,
                SpeakerKind.NORMAAL,
                0,
                None,
                started_at=_aware(started_at),
                paused_at=_aware(paused_at),
                paused_seconds=paused_seconds,
            ),
            limit,
        )
        for id_, started_at, paused_at, paused_seconds, limit in db.execute(
            _OPEN_TURNS, {"meeting_id": meeting_id}
        )
    ]


def _write_changed(db: Connection, entry: _Entry) -> None:
    if entry.changed:
        db.execute(
            _UPDATE_ENTRY, {"entry_id": entry.id, **{n: getattr(entry, n) for n in entry.changed}}
        )
        entry.changed.clear()


def end_open_turns(db: Connection, meeting_id: int, now: datetime) -> None:
    """S10: end every open turn of the meeting at ``now``, exactly as Space ends a turn.

    The agenda part of the Store calls this on every path that ends the running item: another
    item started (V, B) and the meeting closed. The waiting lists stay as they are.
    """
    for entry, limit in _open_turns(db, meeting_id):
        _finish_turn(entry, now, limit)
        _write_changed(db, entry)


def end_stray_turns(db: Connection, meeting_id: int) -> None:
    """End the turns of a meeting that are open where none may be (S10): on an item that does
    not run, or in a meeting that does not run — as a meeting file of an older BaZ can hold.

    Each ends where its item stopped, else where the meeting ended, else at the last moment
    recorded for the meeting (never before it began); as the upgrade ``0003_end_open_turns``
    ends them in an older database.
    """
    stray = db.execute(
        select(
            _ENTRY.c.id,
            _stored_moment("started_at"),
            _stored_moment("paused_at"),
            _ENTRY.c.paused_seconds,
            _ITEM.c.speaking_limit_seconds,
            type_coerce(_ITEM.c.ended_at, DateTime()),
            type_coerce(_MEETING.c.actual_end, DateTime()),
        )
        .select_from(
            _ENTRY.join(_ITEM, _ITEM.c.id == _ENTRY.c.agenda_item_id).join(
                _MEETING, _MEETING.c.id == _ITEM.c.meeting_id
            )
        )
        .where(
            _ITEM.c.meeting_id == meeting_id,
            _ENTRY.c.started_at.is_not(None),
            _ENTRY.c.ended_at.is_(None),
            _ENTRY.c.removed_at.is_(None),
            (_ITEM.c.resumed_at.is_(None)) | (_MEETING.c.status != MeetingStatus.LOPEND.value),
        )
    ).all()
    if not stray:
        return
    last = _last_moment(db, meeting_id)
    for id_, started, paused_at, paused, limit, item_end, meeting_end in stray:
        began = _aware(started)
        assert began is not None  # selected so
        ends = (_aware(item_end), _aware(meeting_end), last)
        end = next((m for m in ends if m is not None and m >= began), began)
        entry = _Entry(
            id_,
            None,
            SpeakerKind.NORMAAL,
            0,
            None,
            started_at=began,
            paused_at=_aware(paused_at),
            paused_seconds=paused,
        )
        _finish_turn(entry, end, limit)
        _write_changed(db, entry)


def _last_moment(db: Connection, meeting_id: int) -> datetime | None:
    """The latest moment recorded on a meeting's agenda and speaker lists."""
    on_items = _ENTRY.join(_ITEM, _ITEM.c.id == _ENTRY.c.agenda_item_id)
    columns = [_ITEM.c.started_at, _ITEM.c.ended_at] + [
        _ENTRY.c[name] for name in ("requested_at", "started_at", "ended_at", "paused_at")
    ]
    moments = [
        db.scalar(
            select(func.max(type_coerce(column, DateTime())))
            .select_from(on_items if column.table is _ENTRY else _ITEM)
            .where(_ITEM.c.meeting_id == meeting_id)
        )
        for column in columns
    ]
    known = [_aware(m) for m in moments if m is not None]
    return max(known) if known else None


def pause_turns_for_break(db: Connection, meeting_id: int, now: datetime) -> None:
    """A meeting break begins: the speaking clock of the turn going on stands still from ``now``
    (a turn the chair had paused already stays paused from when the chair paused it)."""
    for entry, _limit in _open_turns(db, meeting_id):
        if entry.paused_at is None:
            entry.change(paused_at=now)
            _write_changed(db, entry)


def resume_turns_after_break(
    db: Connection, meeting_id: int, break_started_at: datetime, now: datetime
) -> None:
    """The break ends at ``now``: a turn paused by it (from its start or later: given the floor
    during the break) runs on; one the chair paused before the break stays paused."""
    for entry, _limit in _open_turns(db, meeting_id):
        if entry.paused_at is not None and entry.paused_at >= break_started_at:
            _end_pause(entry, now)
            _write_changed(db, entry)


# ---------------------------------------------------------------- reading and writing


def _read_item(db: Connection, item_id: int, *, hold_it: bool = False) -> _Item:
    """The agenda item of a list; ``hold_it`` for an action that changes the list."""
    if hold_it:
        hold(db, _ITEM, item_id)
    row = db.execute(_ITEM_BY_ID, {"item_id": item_id}).first()
    if row is None:
        raise not_found(_("agenda item"), item_id)
    return _Item(
        agenda_item_info(row),
        bool(row.speakers_closed),
        OrderPolicy(row.order_policy),
        meeting_closed=row.meeting_status == MeetingStatus.GESLOTEN.value,
        break_id=row.break_id,
    )


def _write_item(db: Connection, item: _Item) -> None:
    db.execute(
        update(_ITEM)
        .where(_ITEM.c.id == item.id)
        .values(speakers_closed=item.closed, order_policy=item.policy.value)
    )


def _read_entries(db: Connection, item_id: int) -> list[_Entry]:
    """Every entry of an item's list (removed ones too), oldest first."""
    # Rows are unpacked by place (the columns of _ENTRIES): reading a Row's values by name
    # costs more than making the entry.
    return [
        _Entry(
            id_,
            attendee_id,
            _speaker_kind(kind),
            position,
            _aware(requested_at),
            _aware(started_at),
            _aware(ended_at),
            _aware(paused_at),
            paused_seconds,
            spoken_seconds,
            overtime_seconds,
            _aware(removed_at),
            name=name,
            role=_role(role) if role is not None else None,
        )
        for (
            id_,
            attendee_id,
            kind,
            position,
            requested_at,
            started_at,
            ended_at,
            paused_at,
            paused_seconds,
            spoken_seconds,
            overtime_seconds,
            removed_at,
            name,
            role,
        ) in db.execute(_ENTRIES_OF_ITEM, {"item_id": item_id}).all()
    ]


@overload
def _aware(moment: datetime) -> datetime: ...
@overload
def _aware(moment: None) -> None: ...
def _aware(moment: datetime | None) -> datetime | None:
    """A stored moment (naive UTC) as ``models.database.types.UTCDateTime`` returns: aware, UTC."""
    if moment is None:
        return None
    # The same as moment.replace(tzinfo=UTC) in a quarter of the time: replace() parses its
    # keyword arguments at about a microsecond per call (CPython 3.11).
    return datetime.combine(moment.date(), moment.time(), UTC)


# An enum's lookup by value is a Python call of about a microsecond; an item has hundreds of
# entries and only a few distinct kinds and roles. A stored value that is no member still
# raises ValueError (a failed call is not cached).
_speaker_kind = cache(SpeakerKind)
_role = cache(Role)


def _write(db: Connection, item_id: int, entries: Iterable[_Entry]) -> None:
    """Insert the new entries and write the changed columns of the others.

    Entries whose only change is their place in the queue (most of them, after an insertion)
    are written in one statement.
    """
    moved = []
    for entry in entries:
        if entry.id is None:
            values = {name: getattr(entry, name) for name in _CHANGEABLE}
            values["kind"] = entry.kind.value
            entry.id = db.execute(_INSERT_ENTRY, {"agenda_item_id": item_id, **values}).scalar_one()
        elif entry.changed == {"position"}:
            moved.append({"entry_id": entry.id, "new_position": entry.position})
        elif entry.changed:
            values = {name: getattr(entry, name) for name in entry.changed}
            if "kind" in values:
                values["kind"] = entry.kind.value
            db.execute(_UPDATE_ENTRY, {"entry_id": entry.id, **values})
        entry.changed.clear()
    if moved:
        db.execute(_MOVE, moved)


#: A new place in the queue for many entries at once (an "executemany").
_MOVE = (
    update(_ENTRY)
    .where(_ENTRY.c.id == bindparam("entry_id"))
    .values(position=bindparam("new_position"))
)


def _speaking(
    db: Connection, item_id: int, seen: int | None = None
) -> tuple[_Item, list[_Entry], _Entry]:
    """The item, its entries and the current speaker; refused when nobody speaks, or when
    someone else has the floor than the entry ``seen`` (when given)."""
    item = _read_item(db, item_id, hold_it=True)
    entries = _read_entries(db, item_id)
    current = _current(entries)
    if seen is not None and (current is None or current.id != seen):
        raise _changed_meanwhile()
    if current is None:
        raise InvalidInputError(_("Nobody is speaking now."))
    return item, entries, current


def _entry_on_list(db: Connection, entry_id: int) -> tuple[_Item, list[_Entry], _Entry]:
    """The item of an entry, all its entries, and that entry among them."""
    item_id = db.scalar(_ITEM_OF_ENTRY, {"entry_id": entry_id})
    if item_id is None:
        raise not_found(_("speaker"), entry_id)
    item = _read_item(db, item_id, hold_it=True)
    entries = _read_entries(db, item_id)
    return item, entries, next(e for e in entries if e.id == entry_id)


# ------------------------------------------------------------------------ the list


def _waiting(entries: list[_Entry]) -> list[_Entry]:
    return sorted((e for e in entries if e.waiting), key=lambda e: (e.position, e.id or 0))


def _current(entries: list[_Entry]) -> _Entry | None:
    running = [
        e
        for e in entries
        if e.started_at is not None and e.ended_at is None and e.removed_at is None
    ]
    return max(running, key=lambda e: (e.started_at, e.id), default=None)


def _people_who_spoke(entries: list[_Entry]) -> set[int]:
    """Attendees who had a normal turn on the item (the current turn included); S2."""
    return {
        e.attendee_id
        for e in entries
        if e.attendee_id is not None and e.started_at is not None and e.kind is SpeakerKind.NORMAAL
    }


def _queue_entry(entry: _Entry, spoken: set[int]) -> QueueEntry:
    return QueueEntry(entry.id or 0, entry.attendee_id, entry.kind, entry.attendee_id in spoken)


def _renumber(waiting: list[_Entry]) -> None:
    """Give the waiting entries rising positions in the order of ``waiting``.

    Only the order counts: when the positions already rise (the first one got the floor, one
    was taken off the list) nothing changes; otherwise they become 0, 1, 2, ...
    """
    positions = [e.position for e in waiting]
    if all(a < b for a, b in zip(positions, positions[1:], strict=False)):
        return
    for position, entry in enumerate(waiting):
        entry.change(position=position)


def _end_pause(entry: _Entry, now: datetime) -> None:
    if entry.paused_at is not None:
        paused = max(0, math.floor((now - entry.paused_at).total_seconds()))
        entry.change(paused_seconds=entry.paused_seconds + paused, paused_at=None)


def _finish_turn(entry: _Entry, now: datetime, limit_seconds: int) -> None:
    """End a turn: a pause in progress ends too; speaking time and overtime are recorded."""
    assert entry.started_at is not None
    _end_pause(entry, now)
    spoken = spoken_seconds(entry.started_at, now, entry.paused_seconds)
    entry.change(
        ended_at=now,
        spoken_seconds=spoken,
        overtime_seconds=overtime_seconds(limit_seconds, spoken),
    )


def _record(e: _Entry) -> SpeakerRecord:
    """The changeable columns of an entry as they are now (written: it has its id)."""
    assert e.id is not None
    # By place, in the order of SpeakerRecord's fields (the id, then _CHANGEABLE; a test holds
    # them to it): keywords cost about a microsecond more per record.
    return SpeakerRecord(
        e.id,
        e.attendee_id,
        e.kind,
        e.position,
        e.requested_at,
        e.started_at,
        e.ended_at,
        e.paused_at,
        e.paused_seconds,
        e.spoken_seconds,
        e.overtime_seconds,
        e.removed_at,
    )


# ------------------------------------------------------------------------------ undo

#: The actions that changed the floor or the clock: undone only within the same running period
#: of the item and the same break (or none), S10.
_CLOCK_ACTIONS = frozenset({"floor", "pause", "resume"})
#: The actions whose undo gives an entry a place in the queue again.
_QUEUE_ACTIONS = frozenset({"floor", "back", "move", "remove"})
#: The columns undo puts back; the place in the queue is given anew (others may have moved).
_UNDONE = tuple(name for name in _CHANGEABLE if name != "position")


def _undo(
    item: _Item,
    action: SpeakerUndoAction,
    changes: Iterable[tuple[SpeakerRecord | None, _Entry]] = (),
    *,
    delta: int = 0,
    queue_index: int = 0,
    setting: tuple[object, object] | None = None,
) -> SpeakerUndo:
    """How to undo an action that changed ``changes`` (each entry's record before it, and the
    entry now written)."""
    return SpeakerUndo(
        item.id,
        action,
        tuple((before, _record(entry)) for before, entry in changes),
        delta=delta,
        queue_index=queue_index,
        setting=setting,
        resumed_at=item.info.resumed_at,
        break_id=item.break_id,
    )


def _is_as(entry: _Entry, record: SpeakerRecord) -> bool:
    """Whether ``entry`` is still as ``record`` (its place in the queue aside)."""
    return all(getattr(entry, name) == getattr(record, name) for name in _UNDONE)


def _changed_meanwhile() -> ChangedMeanwhileError:
    return ChangedMeanwhileError(
        _("The list was changed elsewhere meanwhile; this is how it is now. Press again if needed.")
    )


def _cannot_undo(entry: _Entry | None, before: SpeakerRecord | None) -> ChangedMeanwhileError:
    if entry is None:
        return ChangedMeanwhileError(_("That entry is no longer on the list; nothing was undone."))
    who = entry.name or _("The anonymous resident")
    if before is None and entry.started_at is not None:
        message = _("{name} has had the floor already; this can no longer be undone.")
    elif entry.removed_at is not None:
        message = _("{name} was taken off the list in the meantime; nothing was undone.")
    else:
        message = _("The list was changed in the meantime; this can no longer be undone.")
    return ChangedMeanwhileError(message.format(name=who))


def _undo_setting(db: Connection, item: _Item, undo: SpeakerUndo) -> None:
    """Put the list's setting back ("closed" or the order), unless it was changed again."""
    assert undo.setting is not None
    before, after = undo.setting
    now = item.closed if undo.action == "closed" else item.policy
    if now != after:
        raise ChangedMeanwhileError(
            _("This was changed again in the meantime; nothing was undone.")
        )
    if undo.action == "closed":
        item.closed = bool(before)
    else:
        item.policy = OrderPolicy(str(before))
    _write_item(db, item)


def _requeue(entries: list[_Entry], returning: _Entry | None, undo: SpeakerUndo) -> None:
    """Give an entry that waits again after an undo its place: first in line again (it had
    been given the floor), back where it stood (taken off, put to the front), or the places it
    was moved, the other way — as near as the queue as it is now allows."""
    waiting = _waiting(entries)
    if returning is not None:
        at = waiting.index(returning)
        waiting.remove(returning)
        if undo.action == "floor":
            to = 0
        elif undo.action == "move":
            to = at - undo.delta
        else:
            to = undo.queue_index
        waiting.insert(max(0, min(to, len(waiting))), returning)
    _renumber(waiting)


def _refuse_conflicts(entries: list[_Entry]) -> None:
    """After an undo: one speaker at most (S10), and nobody waiting twice alike (S4)."""
    speaking = [
        e for e in entries if e.started_at is not None and e.ended_at is None and not e.removed_at
    ]
    if len(speaking) > 1:
        raise ChangedMeanwhileError(
            _("Someone else has been given the floor since; nothing was undone.")
        )
    waiting: set[tuple[int, SpeakerKind]] = set()
    for entry in _waiting(entries):
        if entry.attendee_id is None:
            continue
        key = (entry.attendee_id, entry.kind)
        if key in waiting:
            raise ChangedMeanwhileError(
                _("{name} is on the list again already; nothing was undone.").format(
                    name=entry.name
                )
            )
        waiting.add(key)


def _names(entries: list[_Entry]) -> dict[int | None, str]:
    """Each entry's name; anonymous residents are "Bewoner 1", "Bewoner 2" in order of request."""
    names: dict[int | None, str] = {}
    number = 0
    for entry in entries:  # oldest first, removed ones too: the numbers never shift
        if entry.name is not None:
            names[entry.id] = entry.name
        else:
            number += 1
            names[entry.id] = _("Resident {number}").format(number=number)
    return names


def _info(e: _Entry, item_id: int, names: dict[int | None, str], reason: str = "") -> SpeakerInfo:
    assert e.id is not None
    # By place, in the order of SpeakerInfo's fields (a test holds them to it), as _record
    # does: this runs for every entry of the list on every key.
    return SpeakerInfo(
        e.id,
        item_id,
        e.attendee_id if e.name is not None else None,  # attendee_id
        names[e.id],
        e.role or Role.BEWONER,
        e.kind,
        e.requested_at,
        e.started_at,
        e.ended_at,
        e.paused_at,
        e.paused_seconds,
        e.spoken_seconds,
        e.overtime_seconds,
        reason,
    )


# ----------------------------------------------------------------------- statistics


def _meeting_turns(
    db: Connection, meeting_id: int, except_item_id: int | None, now: datetime
) -> tuple[Turn, ...]:
    """The turns of the meeting for the statistics, without those of ``except_item_id``.

    Finished turns are summed per person in SQL (a long meeting has thousands); the speaker on
    the running item counts up to ``now``; anonymous residents share one row.
    """
    in_meeting = [
        _ITEM.c.meeting_id == meeting_id,
        _ENTRY.c.started_at.is_not(None),
        _ENTRY.c.removed_at.is_(None),
    ]
    if except_item_id is not None:
        in_meeting.append(_ENTRY.c.agenda_item_id != except_item_id)
    on_items = _ENTRY.join(_ITEM, _ITEM.c.id == _ENTRY.c.agenda_item_id)
    finished = db.execute(
        select(
            _ENTRY.c.attendee_id,
            func.count(),
            func.coalesce(func.sum(_ENTRY.c.spoken_seconds), 0),
        )
        .select_from(on_items)
        .where(*in_meeting, _ENTRY.c.ended_at.is_not(None))
        .group_by(_ENTRY.c.attendee_id)
    ).all()
    # S10: the one turn going on is on the running item (a turn anywhere else would be one
    # that was never ended: it does not count).
    running = db.execute(
        select(
            _ENTRY.c.attendee_id,
            _ENTRY.c.started_at,
            _ENTRY.c.paused_seconds,
            _ENTRY.c.paused_at,
        )
        .select_from(on_items)
        .where(*in_meeting, _ENTRY.c.ended_at.is_(None), _ITEM.c.resumed_at.is_not(None))
    ).all()
    counted = [(attendee_id, count, int(seconds)) for attendee_id, count, seconds in finished]
    for attendee_id, started_at, paused, paused_at in running:
        counted.append((attendee_id, 1, spoken_seconds(started_at, now, paused, paused_at)))
    wanted = {a for a, _count, _seconds in counted if a is not None}
    people = (
        {
            row.id: row
            for row in db.execute(
                select(_ATTENDEE.c.id, _ATTENDEE.c.name, _ATTENDEE.c.role).where(
                    _ATTENDEE.c.id.in_(wanted)
                )
            )
        }
        if wanted
        else {}
    )
    turns = []
    for attendee_id, count, seconds in counted:
        person = people.get(attendee_id) if attendee_id is not None else None
        if person is None:
            turns.append(
                Turn(ANONYMOUS_KEY, anonymous_residents_name(), None, Role.BEWONER, seconds, count)
            )
        else:
            turns.append(Turn(person.id, person.name, person.id, Role(person.role), seconds, count))
    return tuple(turns)
