"""The Store's methods for decisions, action points and the minutes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.database.tables import ActionItem, AgendaItem, Card, Decision, Meeting, Poll, Process
from models.domain import ActionStatus, MinutesStatus
from models.errors import InvalidInputError
from models.i18n import _
from models.records.meeting import MeetingInfo
from models.records.minutes import ActionInfo, DecisionInfo
from models.rules import validation as check
from models.store.base import UNSET, StoreBase, hold


def record_decision(
    session: Session,
    meeting: Meeting,
    text: str,
    *,
    agenda_item_id: int | None,
    poll_id: int | None,
    now: datetime,
) -> Decision:
    """Add a besluit with the next number of its process (or meeting) in the meeting's year.

    Numbers run on within a process over its meetings, so "B-2026-07" names one decision of the
    whole traject; a meeting without a process numbers its own decisions. Used by every action
    that makes a decision (typed by hand or declared from a vote), so there is one numbering.
    """
    text = check.clean_text(text).strip()
    if check.is_blank(text):
        raise InvalidInputError(_("A decision needs a text."))
    assert meeting.id is not None  # a stored meeting
    # The highest number plus one is only right while nobody else numbers: two laptops
    # recording a decision at the same moment take turns on the process (or meeting) row.
    hold_numbering(session, meeting)
    year = meeting.date.year
    highest = session.scalar(
        select(func.max(Decision.number)).where(
            _decision_scope(meeting), col(Decision.year) == year
        )
    )
    decision = Decision(
        meeting_id=meeting.id,
        agenda_item_id=agenda_item_id,
        process_id=meeting.process_id,
        poll_id=poll_id,
        year=year,
        number=(highest or 0) + 1,
        text=text,
        created_at=now,
    )
    session.add(decision)
    session.flush()
    return decision


def hold_numbering(session: Session, meeting: Meeting) -> None:
    """:func:`hold` the row that owns the numbering of a meeting's decisions."""
    if meeting.process_id is not None:
        hold(session, Process, meeting.process_id)
    else:
        hold(session, Meeting, meeting.id)


def decision_label(year: int, number: int) -> str:
    """The number as people say and write it: B-2026-07."""
    return f"B-{year}-{number:02d}"


def next_action_number(session: Session, meeting: Meeting) -> tuple[int, int]:
    """The year and number of a new actiepunt of ``meeting``: the next of its process (or of
    the meeting without one) in the meeting's year, as decisions are numbered.

    Holds the numbering row (:func:`hold_numbering`): two laptops adding an action point at
    the same moment take turns, and never share a number.
    """
    hold_numbering(session, meeting)
    year = meeting.date.year
    highest = session.scalar(
        select(func.max(ActionItem.number)).where(
            _action_scope(meeting), col(ActionItem.year) == year
        )
    )
    return year, (highest or 0) + 1


def action_label(year: int | None, number: int | None) -> str:
    """The number of an action point as people say and write it: A-2026-03 ("" if none)."""
    if year is None or number is None:
        return ""
    return f"A-{year}-{number:02d}"


class MinutesActions(StoreBase):
    """Store methods for decisions, action points and the minutes; combined into the Store."""

    # ---------------------------------------------------------------- decisions

    def add_decision(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        poll_id: int | None = None,
    ) -> DecisionInfo:
        """Record a besluit with the next number of the process (B-2026-07)."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _check_item(session, meeting_id, item_id)
            _check_poll(session, meeting_id, poll_id)
            decision = record_decision(
                session, meeting, text, agenda_item_id=item_id, poll_id=poll_id, now=self.now()
            )
            return _decision_infos(session, [decision])[0]

    def update_decision(self, decision_id: int, text: str) -> DecisionInfo:
        """Change the text of a besluit; its number stays."""
        with self._transaction() as session:
            decision = self._get(session, Decision, decision_id, _("decision"))
            decision.text = _decision_text(text)
            session.add(decision)
            session.flush()
            return _decision_infos(session, [decision])[0]

    def delete_decision(self, decision_id: int) -> DecisionInfo:
        """Remove a besluit; the returned value lets :meth:`restore_decision` undo it."""
        with self._transaction() as session:
            decision = self._get(session, Decision, decision_id, _("decision"))
            info = _decision_infos(session, [decision])[0]
            session.delete(decision)
            return info

    def restore_decision(self, info: DecisionInfo) -> DecisionInfo:
        """Undo a delete: the besluit comes back with its number.

        Only when another decision took that number in the meantime (the deleted one was the
        last) does it get the next free number instead: two decisions never share a number.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, info.meeting_id, _("meeting"))
            hold_numbering(session, meeting)
            text = _decision_text(info.text)
            taken = session.scalar(
                select(func.count())
                .select_from(Decision)
                .where(_decision_scope(meeting), col(Decision.year) == info.year)
                .where(col(Decision.number) == info.number)
            )
            item_id = info.agenda_item_id
            if item_id is not None and session.get(AgendaItem, item_id) is None:
                item_id = None
            poll_id = info.poll_id
            if poll_id is not None and session.get(Poll, poll_id) is None:
                poll_id = None
            if taken:
                decision = record_decision(
                    session, meeting, text, agenda_item_id=item_id, poll_id=poll_id, now=self.now()
                )
            else:
                decision = Decision(
                    id=info.id if session.get(Decision, info.id) is None else None,
                    meeting_id=info.meeting_id,
                    agenda_item_id=item_id,
                    process_id=meeting.process_id,
                    poll_id=poll_id,
                    year=info.year,
                    number=info.number,
                    text=text,
                    created_at=info.created_at or self.now(),
                )
                session.add(decision)
                session.flush()
            return _decision_infos(session, [decision])[0]

    def list_decisions(self, meeting_id: int) -> list[DecisionInfo]:
        """The besluitenlijst of a meeting: its own decisions, by number."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            rows = session.scalars(
                select(Decision)
                .where(col(Decision.meeting_id) == meeting_id)
                .order_by(col(Decision.year), col(Decision.number), col(Decision.id))
            ).all()
            return _decision_infos(session, rows)

    def process_decisions(self, meeting_id: int) -> list[DecisionInfo]:
        """Every decision of the meeting's process up to and including this meeting.

        Without a process this is the meeting's own list.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.process_id is None:
                ids = [meeting_id]
            else:
                here = _order_key(meeting)
                ids = [
                    m.id
                    for m in _process_meetings(session, meeting.process_id)
                    if _order_key(m) <= here
                ]
            rows = session.scalars(
                select(Decision)
                .where(col(Decision.meeting_id).in_(ids))
                .order_by(col(Decision.year), col(Decision.number), col(Decision.id))
            ).all()
            return _decision_infos(session, rows)

    # ------------------------------------------------------------ action points

    def add_action(
        self,
        meeting_id: int,
        what: str,
        *,
        who: str = "",
        due: date | str | None = None,
        item_id: int | None = None,
        source_card_id: int | None = None,
    ) -> ActionInfo:
        """Record an actiepunt: what is to be done, by whom, by when."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            _check_item(session, meeting_id, item_id)
            if source_card_id is not None:
                self._get(session, Card, source_card_id, _("card"))
            year, number = next_action_number(session, meeting)
            action = ActionItem(
                meeting_id=meeting_id,
                agenda_item_id=item_id,
                process_id=meeting.process_id,
                source_card_id=source_card_id,
                what=_action_what(what),
                who=_action_who(who),
                due=_due(due),
                status=ActionStatus.OPEN.value,
                created_at=self.now(),
                year=year,
                number=number,
            )
            session.add(action)
            session.flush()
            return _action_infos(session, [action], meeting)[0]

    def update_action(
        self,
        action_id: int,
        *,
        what: str | None = None,
        who: str | None = None,
        due: date | str | None = UNSET,
    ) -> ActionInfo:
        """Change what, who or when of an actiepunt (``due=None`` or "" clears the date)."""
        with self._transaction() as session:
            action = self._get(session, ActionItem, action_id, _("action point"))
            # All checked before anything is set: a refusal changes nothing.
            changes: dict[str, Any] = {}
            if what is not None:
                changes["what"] = _action_what(what)
            if who is not None:
                changes["who"] = _action_who(who)
            if due is not UNSET:
                changes["due"] = _due(due)
            for name, value in changes.items():
                setattr(action, name, value)
            session.add(action)
            session.flush()
            meeting = self._get(session, Meeting, action.meeting_id, _("meeting"))
            return _action_infos(session, [action], meeting)[0]

    def set_action_status(
        self, action_id: int, status: ActionStatus, meeting_id: int
    ) -> ActionInfo:
        """Mark an actiepunt done, dropped or open again, in the meeting ``meeting_id``.

        That meeting is recorded, so its actielijst shows what was closed there; an action
        can only be handled in its own meeting or a meeting of the same process.
        """
        status = ActionStatus(status)
        with self._transaction() as session:
            action = self._get(session, ActionItem, action_id, _("action point"))
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            origin = self._get(session, Meeting, action.meeting_id, _("meeting"))
            same_process = origin.process_id is not None and origin.process_id == meeting.process_id
            if action.meeting_id != meeting_id and not same_process:
                raise InvalidInputError(
                    _("This action point belongs to another meeting outside this process.")
                )
            action.status = status.value
            action.status_meeting_id = None if status == ActionStatus.OPEN else meeting_id
            action.status_changed_at = self.now()
            session.add(action)
            session.flush()
            return _action_infos(session, [action], meeting)[0]

    def delete_action(self, action_id: int) -> ActionInfo:
        """Remove an actiepunt; the returned value lets :meth:`restore_action` undo it."""
        with self._transaction() as session:
            action = self._get(session, ActionItem, action_id, _("action point"))
            meeting = self._get(session, Meeting, action.meeting_id, _("meeting"))
            info = _action_infos(session, [action], meeting)[0]
            session.delete(action)
            return info

    def restore_action(self, info: ActionInfo) -> ActionInfo:
        """Undo a delete: the actiepunt comes back as it was (links to removed things dropped).

        It keeps its number unless another action point took it in the meantime; then it gets
        the next free one: two action points never share a number.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, info.meeting_id, _("meeting"))
            hold_numbering(session, meeting)
            year, number = info.year, info.number
            taken = (
                year is None
                or number is None
                or session.scalar(
                    select(func.count())
                    .select_from(ActionItem)
                    .where(_action_scope(meeting), col(ActionItem.year) == year)
                    .where(col(ActionItem.number) == number)
                )
            )
            if taken:
                year, number = next_action_number(session, meeting)

            def still(table: type, id_: int | None) -> int | None:
                return id_ if id_ is not None and session.get(table, id_) is not None else None

            status_meeting_id = still(Meeting, info.status_meeting_id)
            status = ActionStatus(info.status)
            if status != ActionStatus.OPEN and status_meeting_id is None:
                status_meeting_id = info.meeting_id
            action = ActionItem(
                id=info.id if session.get(ActionItem, info.id) is None else None,
                meeting_id=info.meeting_id,
                agenda_item_id=still(AgendaItem, info.agenda_item_id),
                process_id=meeting.process_id,
                source_card_id=still(Card, info.source_card_id),
                what=_action_what(info.what),
                who=_action_who(info.who),
                due=info.due,
                status=status.value,
                status_meeting_id=status_meeting_id,
                status_changed_at=info.status_changed_at,
                created_at=info.created_at or self.now(),
                year=year,
                number=number,
            )
            session.add(action)
            session.flush()
            return _action_infos(session, [action], meeting)[0]

    def action_list(self, meeting_id: int) -> list[ActionInfo]:
        """The actielijst of a meeting.

        Actions of earlier meetings of the process that were still open when this meeting
        began (open now, or closed in this or a later meeting), then this meeting's own, in
        the order they were made. Each shows its status as this meeting records it.
        """
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            ids = [meeting_id]
            later: set[int] = set()
            if meeting.process_id is not None:
                here = _order_key(meeting)
                for other in _process_meetings(session, meeting.process_id):
                    if _order_key(other) < here:
                        ids.append(other.id)
                    elif _order_key(other) > here:
                        later.add(other.id)
            rows = session.scalars(
                select(ActionItem).where(col(ActionItem.meeting_id).in_(ids))
            ).all()
            shown = [
                a
                for a in rows
                if a.meeting_id == meeting_id
                or a.status == ActionStatus.OPEN.value
                or a.status_meeting_id == meeting_id
                or a.status_meeting_id in later
            ]
            infos = _action_infos(session, shown, meeting, later=later)
            order = {m: n for n, m in enumerate(_ordered_ids(session, ids))}
            infos.sort(key=lambda a: (order.get(a.meeting_id, 0), a.id))
            return infos

    # ------------------------------------------------------------------ minutes

    def approve_minutes(self, meeting_id: int, on: date | str) -> MeetingInfo:
        """Vaststellen: the minutes of this meeting were approved on ``on``."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            day = check.parse_date(on) if isinstance(on, str) else on
            if day < meeting.date:
                raise InvalidInputError(
                    _("Minutes cannot be approved before the meeting itself ({date}).").format(
                        date=meeting.date.strftime("%d-%m-%Y")
                    )
                )
            meeting.minutes_status = MinutesStatus.VASTGESTELD.value
            meeting.minutes_approved_on = day
            session.add(meeting)
            session.flush()
            return _meeting_view(session, meeting)

    def reopen_minutes(self, meeting_id: int) -> MeetingInfo:
        """Make approved minutes a draft (concept) again."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            meeting.minutes_status = MinutesStatus.CONCEPT.value
            meeting.minutes_approved_on = None
            session.add(meeting)
            session.flush()
            return _meeting_view(session, meeting)

    def previous_meeting(self, meeting_id: int) -> MeetingInfo | None:
        """The meeting of the same process just before this one, whose minutes are approved now."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.process_id is None:
                return None
            here = _order_key(meeting)
            earlier = [
                m for m in _process_meetings(session, meeting.process_id) if _order_key(m) < here
            ]
            if not earlier:
                return None
            previous = self._get(session, Meeting, max(earlier, key=_order_key).id, _("meeting"))
            return _meeting_view(session, previous)

    def next_meeting(self, meeting_id: int) -> MeetingInfo | None:
        """The meeting of the same process just after this one (the one its minutes announce)."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            if meeting.process_id is None:
                return None
            here = _order_key(meeting)
            later = [
                m for m in _process_meetings(session, meeting.process_id) if _order_key(m) > here
            ]
            if not later:
                return None
            following = self._get(session, Meeting, min(later, key=_order_key).id, _("meeting"))
            return _meeting_view(session, following)


# ----------------------------------------------------------------- helpers


def _meeting_view(session: Session, meeting: Meeting) -> MeetingInfo:
    # Imported here: models.store imports this module to build the Store.
    from models.store import _meeting_view as view

    return view(session, meeting)


def _decision_text(text: str) -> str:
    text = check.clean_text(text).strip()
    if check.is_blank(text):
        raise InvalidInputError(_("A decision needs a text."))
    return text


def _action_what(text: str) -> str:
    text = check.clean_text(text).strip()
    if check.is_blank(text):
        raise InvalidInputError(_("An action point needs a description of what is to be done."))
    return text


def _action_who(text: str) -> str:
    return check.clean_line(text, _("Who"), required=False)


def _due(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return check.parse_date(value) if value.strip() else None


def _check_item(session: Session, meeting_id: int, item_id: int | None) -> None:
    if item_id is None:
        return
    item = StoreBase._get(session, AgendaItem, item_id, _("agenda item"))
    if item.meeting_id != meeting_id:
        raise InvalidInputError(_("That agenda item belongs to another meeting."))


def _check_poll(session: Session, meeting_id: int, poll_id: int | None) -> None:
    if poll_id is None:
        return
    poll = StoreBase._get(session, Poll, poll_id, _("vote"))
    item = session.get(AgendaItem, poll.agenda_item_id)
    if item is None or item.meeting_id != meeting_id:
        raise InvalidInputError(_("That vote belongs to another meeting."))


def _decision_scope(meeting: Meeting) -> Any:
    """Where the numbers of ``meeting``'s decisions run: its process, or the meeting alone."""
    if meeting.process_id is not None:
        return col(Decision.process_id) == meeting.process_id
    return (col(Decision.meeting_id) == meeting.id) & col(Decision.process_id).is_(None)


def _action_scope(meeting: Meeting) -> Any:
    """Where the numbers of ``meeting``'s action points run: its process, or the meeting."""
    if meeting.process_id is not None:
        return col(ActionItem.process_id) == meeting.process_id
    return (col(ActionItem.meeting_id) == meeting.id) & col(ActionItem.process_id).is_(None)


def _order_key(meeting: Any) -> tuple[date, time, int]:
    """Meetings of a process in the order they were held."""
    return (meeting.date, meeting.start_time, meeting.id)


def _process_meetings(session: Session, process_id: int) -> list[Any]:
    """(id, date, start_time) of every meeting of a process: a few columns, not whole rows."""
    return list(
        session.execute(
            select(col(Meeting.id), col(Meeting.date), col(Meeting.start_time)).where(
                col(Meeting.process_id) == process_id
            )
        ).all()
    )


def _ordered_ids(session: Session, ids: list[int]) -> list[int]:
    rows = session.execute(
        select(col(Meeting.id), col(Meeting.date), col(Meeting.start_time)).where(
            col(Meeting.id).in_(ids)
        )
    ).all()
    return [r.id for r in sorted(rows, key=_order_key)]


def _items_of(session: Session, ids: set[int | None]) -> dict[int, Any]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(
        select(col(AgendaItem.id), col(AgendaItem.position), col(AgendaItem.title)).where(
            col(AgendaItem.id).in_(wanted)
        )
    ).all()
    return {r.id: r for r in rows}


def _meetings_of(session: Session, ids: set[int]) -> dict[int, Any]:
    rows = session.execute(
        select(col(Meeting.id), col(Meeting.date), col(Meeting.title)).where(
            col(Meeting.id).in_(list(ids))
        )
    ).all()
    return {r.id: r for r in rows}


def _decision_infos(session: Session, rows: Sequence[Decision]) -> list[DecisionInfo]:
    items = _items_of(session, {d.agenda_item_id for d in rows})
    meetings = _meetings_of(session, {d.meeting_id for d in rows})
    infos = []
    for d in rows:
        assert d.id is not None
        item = items.get(d.agenda_item_id) if d.agenda_item_id is not None else None
        infos.append(
            DecisionInfo(
                id=d.id,
                meeting_id=d.meeting_id,
                meeting_date=meetings[d.meeting_id].date,
                agenda_item_id=d.agenda_item_id,
                item_number=item.position + 1 if item is not None else None,
                item_title=item.title if item is not None else "",
                poll_id=d.poll_id,
                year=d.year,
                number=d.number,
                label=decision_label(d.year, d.number),
                text=d.text,
                created_at=d.created_at,
            )
        )
    return infos


def _action_infos(
    session: Session,
    rows: Sequence[ActionItem],
    viewed_from: Meeting,
    *,
    later: set[int] | None = None,
) -> list[ActionInfo]:
    """The actions as the meeting ``viewed_from`` records them.

    ``later`` holds the meetings of the process after ``viewed_from``: a status set there was
    not yet known in this meeting, so the action shows as open.
    """
    items = _items_of(session, {a.agenda_item_id for a in rows})
    meetings = _meetings_of(session, {a.meeting_id for a in rows})
    infos = []
    for a in rows:
        assert a.id is not None
        item = items.get(a.agenda_item_id) if a.agenda_item_id is not None else None
        origin = meetings[a.meeting_id]
        status = ActionStatus(a.status)
        if later and a.status_meeting_id in later:
            status = ActionStatus.OPEN
        infos.append(
            ActionInfo(
                id=a.id,
                meeting_id=a.meeting_id,
                meeting_date=origin.date,
                meeting_title=origin.title,
                agenda_item_id=a.agenda_item_id,
                item_number=item.position + 1 if item is not None else None,
                item_title=item.title if item is not None else "",
                source_card_id=a.source_card_id,
                what=a.what,
                who=a.who,
                due=a.due,
                status=status,
                status_meeting_id=a.status_meeting_id,
                status_changed_at=a.status_changed_at,
                created_at=a.created_at,
                carried_over=a.meeting_id != viewed_from.id,
                year=a.year,
                number=a.number,
                label=action_label(a.year, a.number),
            )
        )
    return infos
