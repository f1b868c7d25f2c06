"""The Store's part for meeting files: a whole meeting out (dump) and in (load).

The shape of the meeting file and its checks are in :mod:`models.files.meeting_file`; here they
meet the tables. Loading a meeting is one transaction: a problem anywhere (even one the file
checks did not foresee) leaves the database as it was. (A list of attendees or digital votes
read from a CSV file goes in through the attendance and the polls part.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from typing import Any

from sqlalchemy import Date, Time, select
from sqlmodel import Session, SQLModel, col

from models.database.tables import (
    ActionItem,
    AgendaItem,
    Attendee,
    Card,
    Decision,
    Meeting,
    MeetingBreak,
    Poll,
    PollOption,
    Process,
    PublicReviewChoice,
    SpeakerEntry,
    VoteCount,
)
from models.database.types import UTCDateTime
from models.domain import ActionStatus, Channel
from models.files.meeting_file import (
    ACTION_FIELDS,
    ATTENDEE_FIELDS,
    BREAK_FIELDS,
    CARD_FIELDS,
    DECISION_FIELDS,
    FORMAT,
    ITEM_FIELDS,
    MEETING_FIELDS,
    POLL_FIELDS,
    PROCESS_FIELDS,
    REVIEW_FIELDS,
    SPEAKER_FIELDS,
    VERSION,
    DuplicateMeetingError,
    LoadedMeeting,
    moment_text,
    parse_moment,
    value_text,
)
from models.i18n import _
from models.store.base import StoreBase
from models.store.numbering import next_action_number
from models.store.speakers import end_stray_turns


class MeetingFileActions(StoreBase):
    """Store methods for meeting files; combined into :class:`models.store.Store`."""

    # --------------------------------------------------------------- meeting out

    def dump_meeting(self, meeting_id: int) -> dict[str, Any]:
        """One meeting with everything in it, as the content of a meeting file (plain JSON data).

        Objects are numbered 1, 2, 3 … in file order, so dumping the same content twice (also
        from another database) gives the same file apart from ``exported_at``.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            return _Dump(session, meeting, self.now()).data()

    # ---------------------------------------------------------------- meeting in

    def load_meeting(self, data: Mapping[str, Any], *, as_copy: bool = False) -> LoadedMeeting:
        """Add the meeting of a checked meeting file (``parse_meeting_file``) with new ids.

        A meeting with the same title, date and start time is refused unless ``as_copy``. The
        process is joined when one of the same title is already here; its frames are then
        updated from the file only when the loaded meeting is its newest one.
        """
        with self._transaction() as session:
            fields = _values(Meeting, data["meeting"], MEETING_FIELDS)
            if not as_copy:
                _refuse_duplicate(session, fields)
            process_id, notes = _process_for(session, data.get("process"), fields)
            meeting = Meeting(process_id=process_id, **fields)
            session.add(meeting)
            session.flush()
            assert meeting.id is not None
            _Load(session, meeting).add(data)
            # A file of an older BaZ may hold a turn left open after its item stopped (S10).
            end_stray_turns(session.connection(), meeting.id)
            return LoadedMeeting(meeting.id, meeting.title, meeting.date, tuple(notes))


# ----------------------------------------------------------------------- writing a file


class _Dump:
    """The content of one meeting's file, read in a handful of queries."""

    def __init__(self, session: Session, meeting: Meeting, now: Any) -> None:
        self.session = session
        self.meeting = meeting
        self.now = now

    def _all(self, statement: Any) -> list[Any]:
        return list(self.session.scalars(statement).all())

    def data(self) -> dict[str, Any]:
        meeting, session = self.meeting, self.session
        attendees = self._all(
            select(Attendee)
            .where(col(Attendee.meeting_id) == meeting.id)
            .order_by(col(Attendee.id))
        )
        items = self._all(
            select(AgendaItem)
            .where(col(AgendaItem.meeting_id) == meeting.id)
            .order_by(col(AgendaItem.position), col(AgendaItem.id))
        )
        item_ids = [i.id for i in items]
        speakers = self._all(
            select(SpeakerEntry)
            .where(col(SpeakerEntry.agenda_item_id).in_(item_ids))
            .order_by(col(SpeakerEntry.id))
        )
        cards = self._all(
            select(Card).where(col(Card.agenda_item_id).in_(item_ids)).order_by(col(Card.id))
        )
        polls = self._all(
            select(Poll)
            .where(col(Poll.agenda_item_id).in_(item_ids))
            .order_by(col(Poll.opened_at), col(Poll.id))
        )
        poll_ids = [p.id for p in polls]
        options = self._all(
            select(PollOption)
            .where(col(PollOption.poll_id).in_(poll_ids))
            .order_by(col(PollOption.poll_id), col(PollOption.position))
        )
        counts = {
            (c.option_id, c.channel): c.count
            for c in self._all(select(VoteCount).where(col(VoteCount.poll_id).in_(poll_ids)))
        }
        # Numbers in file order: attendees, items, and cards and polls in agenda order.
        attendee_no = _numbers(a.id for a in attendees)
        item_no = _numbers(item_ids)
        by_item: dict[int, list[Any]] = {i: [] for i in item_ids}
        for card in cards:
            by_item[card.agenda_item_id].append(card)
        card_no = _numbers(c.id for i in item_ids for c in by_item[i])
        polls_by_item: dict[int, list[Any]] = {i: [] for i in item_ids}
        for poll in polls:
            polls_by_item[poll.agenda_item_id].append(poll)
        poll_no = _numbers(p.id for i in item_ids for p in polls_by_item[i])
        options_by_poll: dict[Any, list[Any]] = {p: [] for p in poll_ids}
        for option in options:
            options_by_poll[option.poll_id].append(option)
        speakers_by_item: dict[int, list[Any]] = {i: [] for i in item_ids}
        for entry in speakers:
            speakers_by_item[entry.agenda_item_id].append(entry)

        def card_data(card: Card) -> dict[str, Any]:
            same_item = {c.id for c in by_item[card.agenda_item_id]}
            parent = card.parent_id if card.parent_id in same_item else None
            return {
                "id": card_no[card.id],
                **_fields(card, CARD_FIELDS),
                "parent": card_no.get(parent),
                "author": attendee_no.get(card.author_attendee_id),
            }

        def poll_data(poll: Poll) -> dict[str, Any]:
            return {
                "id": poll_no[poll.id],
                **_fields(poll, POLL_FIELDS),
                "previous_poll": poll_no.get(poll.previous_poll_id),
                "source_card": card_no.get(poll.source_card_id),
                "options": [
                    {
                        "label": o.label,
                        # "telefoon" only when phones voted: the files of meetings without
                        # phones stay as they were.
                        "counts": {
                            c.value: counts.get((o.id, c.value), 0)
                            for c in Channel
                            if c is not Channel.TELEFOON or counts.get((o.id, c.value), 0)
                        },
                    }
                    for o in options_by_poll[poll.id]
                ],
            }

        agenda = [
            {
                "id": item_no[item.id],
                **_fields(item, ITEM_FIELDS),
                "speakers": [
                    {"attendee": attendee_no.get(e.attendee_id), **_fields(e, SPEAKER_FIELDS)}
                    for e in speakers_by_item[item.id]
                ],
                "cards": [card_data(c) for c in by_item[item.id]],
                "polls": [poll_data(p) for p in polls_by_item[item.id]],
            }
            for item in items
        ]
        process = session.get(Process, meeting.process_id) if meeting.process_id else None
        breaks = self._all(
            select(MeetingBreak)
            .where(col(MeetingBreak.meeting_id) == meeting.id)
            .order_by(col(MeetingBreak.started_at), col(MeetingBreak.id))
        )
        decisions = self._all(
            select(Decision)
            .where(col(Decision.meeting_id) == meeting.id)
            .order_by(col(Decision.year), col(Decision.number), col(Decision.id))
        )
        actions = self._all(
            select(ActionItem)
            .where(col(ActionItem.meeting_id) == meeting.id)
            .order_by(col(ActionItem.id))
        )
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": moment_text(self.now),
            "exported_by": _exported_by(),
            "process": _fields(process, PROCESS_FIELDS) if process is not None else None,
            "meeting": _fields(meeting, MEETING_FIELDS),
            "attendees": [
                {"id": attendee_no[a.id], **_fields(a, ATTENDEE_FIELDS)} for a in attendees
            ],
            "breaks": [_fields(b, BREAK_FIELDS) for b in breaks],
            "agenda": agenda,
            "decisions": [
                {
                    **_fields(d, DECISION_FIELDS),
                    "item": item_no.get(d.agenda_item_id),
                    "poll": poll_no.get(d.poll_id),
                }
                for d in decisions
            ],
            "actions": [self._action(a, item_no, card_no) for a in actions],
            "review": self._review(attendee_no),
        }

    def _review(self, attendee_no: dict[Any, int]) -> list[dict[str, Any]]:
        """The choices of the review of the public version. One that names a person of
        another meeting of the process (not in this file) names them by their name."""
        rows = self._all(
            select(PublicReviewChoice)
            .where(col(PublicReviewChoice.meeting_id) == self.meeting.id)
            .order_by(col(PublicReviewChoice.id))
        )
        out = []
        for row in rows:
            data = {**_fields(row, REVIEW_FIELDS), "attendee": attendee_no.get(row.attendee_id)}
            if row.attendee_id is not None and row.attendee_id not in attendee_no:
                other = self.session.get(Attendee, row.attendee_id)
                data["word"] = other.name if other is not None else ""
                if not data["word"]:
                    continue  # nobody left to name: the choice has no meaning any more
            out.append(data)
        return out

    def _action(
        self, action: ActionItem, item_no: dict[Any, int], card_no: dict[Any, int]
    ) -> dict[str, Any]:
        data = {
            **_fields(action, ACTION_FIELDS),
            "item": item_no.get(action.agenda_item_id),
            "source_card": card_no.get(action.source_card_id),
        }
        if action.status_meeting_id not in (None, self.meeting.id):
            # Closed in another meeting: in this meeting's record it is still open (as its
            # minutes show it), and the other meeting is not in this file.
            data["status"] = ActionStatus.OPEN.value
            data["status_changed_at"] = None
        return data


def _numbers(ids: Iterable[Any]) -> dict[Any, int]:
    return {id_: number for number, id_ in enumerate(ids, start=1)}


def _fields(row: Any, names: Sequence[str]) -> dict[str, Any]:
    return {name: value_text(getattr(row, name)) for name in names}


def _exported_by() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"BaZ {version('baz')}"
    except PackageNotFoundError:
        return "BaZ"


# ----------------------------------------------------------------------- reading a file


def _values(
    table: type[SQLModel], source: Mapping[str, Any], names: Sequence[str]
) -> dict[str, Any]:
    """The fields of ``names`` that ``source`` holds, as the column types of ``table`` want
    them; a field left out of the file gets the table's default."""
    columns = table.__table__.c  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    for name in names:
        if name not in source:
            continue
        value = source[name]
        kind = columns[name].type
        if value is None:
            values[name] = None
        elif isinstance(kind, UTCDateTime):
            values[name] = parse_moment(value)
        elif isinstance(kind, Date):
            values[name] = date.fromisoformat(value)
        elif isinstance(kind, Time):
            values[name] = time.fromisoformat(value)
        else:
            values[name] = value
    return values


def _refuse_duplicate(session: Session, fields: dict[str, Any]) -> None:
    existing = session.scalars(
        select(Meeting)
        .where(
            col(Meeting.title) == fields["title"],
            col(Meeting.date) == fields["date"],
            col(Meeting.start_time) == fields["start_time"],
        )
        .order_by(col(Meeting.id))
    ).first()
    if existing is not None:
        from models.rules.formatting import format_date

        assert existing.id is not None
        raise DuplicateMeetingError(
            _(
                "The meeting “{title}” of {date} is already in this database (number {id}); "
                "load it as a copy to keep both."
            ).format(title=existing.title, date=format_date(existing.date), id=existing.id),
            existing.id,
        )


def _process_for(
    session: Session, source: Mapping[str, Any] | None, meeting: dict[str, Any]
) -> tuple[int | None, list[str]]:
    """The process the loaded meeting belongs to (joined or new), and what to tell about it."""
    if source is None:
        return None, []
    fields = _values(Process, source, PROCESS_FIELDS)
    existing = session.scalars(
        select(Process).where(col(Process.title) == fields["title"]).order_by(col(Process.id))
    ).first()
    if existing is None:
        process = Process(**fields)
        session.add(process)
        session.flush()
        return process.id, []
    notes = [
        _("The meeting joins the process “{title}” that is already in this database.").format(
            title=existing.title
        )
    ]
    frames = {n: v for n, v in fields.items() if n not in ("title", "created_at")}
    if all(getattr(existing, n) == v for n, v in frames.items()):
        return existing.id, notes
    here = (meeting["date"], meeting["start_time"])
    later = session.scalars(select(Meeting).where(col(Meeting.process_id) == existing.id)).all()
    if any((m.date, m.start_time) > here for m in later):
        notes.append(
            _(
                "Its frames differ from the file's and were kept: a later meeting of the "
                "process is in this database."
            )
        )
    else:
        for name, value in frames.items():
            setattr(existing, name, value)
        session.add(existing)
        notes.append(_("Its frames were updated from the file (this is its newest meeting)."))
    return existing.id, notes


def _ref(ids: dict[int, int], number: int | None) -> int | None:
    """The database id of the object the file numbers ``number`` (None stays None)."""
    return ids[number] if number is not None else None


class _Load:
    """Writes the content of a checked file under a new meeting, keeping every reference."""

    def __init__(self, session: Session, meeting: Meeting) -> None:
        self.session = session
        self.meeting = meeting
        assert meeting.id is not None
        self.meeting_id: int = meeting.id

    def _store(self, rows: Sequence[Any]) -> None:
        # One flush for many rows: SQLAlchemy inserts them in batches and hands back their ids.
        self.session.add_all(rows)
        self.session.flush()

    @staticmethod
    def _id(row: Any) -> int:
        assert row.id is not None  # given by the flush
        return int(row.id)

    def add(self, data: Mapping[str, Any]) -> None:
        attendees = data.get("attendees", [])
        people = [
            Attendee(meeting_id=self.meeting_id, **_values(Attendee, a, ATTENDEE_FIELDS))
            for a in attendees
        ]
        self._store(people)
        self.attendee = {a["id"]: self._id(p) for a, p in zip(attendees, people, strict=True)}
        self._store(
            [
                MeetingBreak(meeting_id=self.meeting_id, **_values(MeetingBreak, b, BREAK_FIELDS))
                for b in data.get("breaks", [])
            ]
        )
        agenda = data.get("agenda", [])
        items = [
            AgendaItem(
                meeting_id=self.meeting_id,
                position=position,
                **_values(AgendaItem, item, ITEM_FIELDS),
            )
            for position, item in enumerate(agenda)
        ]
        self._store(items)
        self.item = {i["id"]: self._id(row) for i, row in zip(agenda, items, strict=True)}
        self.card: dict[int, int] = {}
        self.poll: dict[int, int] = {}
        self.poll_rows: list[tuple[Mapping[str, Any], Poll]] = []
        for source, row in zip(agenda, items, strict=True):
            self._speakers(self._id(row), source.get("speakers", []))
            self._cards(self._id(row), source.get("cards", []))
        for source, row in zip(agenda, items, strict=True):
            self._polls(self._id(row), source.get("polls", []))
        # A re-vote points at the poll it repeats, which may come later in the file.
        for poll_source, poll_row in self.poll_rows:
            if poll_source.get("previous_poll") is not None:
                poll_row.previous_poll_id = self.poll[poll_source["previous_poll"]]
        self.session.flush()
        self._decisions(data.get("decisions", []))
        self._actions(data.get("actions", []))
        self._store(
            [
                PublicReviewChoice(
                    meeting_id=self.meeting_id,
                    attendee_id=_ref(self.attendee, r.get("attendee")),
                    **_values(PublicReviewChoice, r, REVIEW_FIELDS),
                )
                for r in data.get("review", [])
            ]
        )

    def _speakers(self, item_id: int, entries: list[Mapping[str, Any]]) -> None:
        self._store(
            [
                SpeakerEntry(
                    agenda_item_id=item_id,
                    attendee_id=_ref(self.attendee, e.get("attendee")),
                    **_values(SpeakerEntry, e, SPEAKER_FIELDS),
                )
                for e in entries
            ]
        )

    def _cards(self, item_id: int, cards: list[Mapping[str, Any]]) -> None:
        rows = [
            Card(
                agenda_item_id=item_id,
                author_attendee_id=_ref(self.attendee, c.get("author")),
                **_values(Card, c, CARD_FIELDS),
            )
            for c in cards
        ]
        self._store(rows)
        self.card.update({c["id"]: self._id(row) for c, row in zip(cards, rows, strict=True)})
        # Parents once every card of the item has its id: a card may hang under a later one.
        for source, row in zip(cards, rows, strict=True):
            if source.get("parent") is not None:
                row.parent_id = self.card[source["parent"]]
        self.session.flush()

    def _polls(self, item_id: int, polls: list[Mapping[str, Any]]) -> None:
        rows = [
            Poll(
                agenda_item_id=item_id,
                source_card_id=_ref(self.card, p.get("source_card")),
                **_values(Poll, p, POLL_FIELDS),
            )
            for p in polls
        ]
        self._store(rows)
        self.poll.update({p["id"]: self._id(row) for p, row in zip(polls, rows, strict=True)})
        self.poll_rows.extend(zip(polls, rows, strict=True))
        for source, row in zip(polls, rows, strict=True):
            options = [
                PollOption(poll_id=self._id(row), position=position, label=option["label"])
                for position, option in enumerate(source["options"])
            ]
            self._store(options)
            self.session.add_all(
                VoteCount(
                    poll_id=self._id(row),
                    option_id=self._id(option_row),
                    channel=channel.value,
                    count=option.get("counts", {}).get(channel.value, 0),
                )
                for option, option_row in zip(source["options"], options, strict=True)
                for channel in Channel
            )
        self.session.flush()

    def _decisions(self, decisions: list[Mapping[str, Any]]) -> None:
        self._store(
            [
                Decision(
                    meeting_id=self.meeting_id,
                    process_id=self.meeting.process_id,
                    agenda_item_id=_ref(self.item, d.get("item")),
                    poll_id=_ref(self.poll, d.get("poll")),
                    **_values(Decision, d, DECISION_FIELDS),
                )
                for d in decisions
            ]
        )

    def _actions(self, actions: list[Mapping[str, Any]]) -> None:
        rows = []
        # A file of a BaZ before action numbers: its action points get the next numbers of
        # the process here, in file order (the order they were made). Numbers in the file
        # stay as they are, as decision numbers do.
        next_number: tuple[int, int] | None = None
        for a in actions:
            fields = _values(ActionItem, a, ACTION_FIELDS)
            if fields.get("year") is None or fields.get("number") is None:
                if next_number is None:
                    year, number = next_action_number(self.session, self.meeting)
                    in_file = [
                        b["number"]
                        for b in actions
                        if b.get("year") == year and b.get("number") is not None
                    ]
                    next_number = (year, max([number - 1, *in_file]) + 1)
                fields["year"], fields["number"] = next_number
                next_number = (next_number[0], next_number[1] + 1)
            closed = fields.get("status", ActionStatus.OPEN.value) != ActionStatus.OPEN.value
            rows.append(
                ActionItem(
                    meeting_id=self.meeting_id,
                    process_id=self.meeting.process_id,
                    agenda_item_id=_ref(self.item, a.get("item")),
                    source_card_id=_ref(self.card, a.get("source_card")),
                    # Done or dropped in the meeting it belongs to: the only one in the file.
                    status_meeting_id=self.meeting_id if closed else None,
                    **fields,
                )
            )
        self._store(rows)
