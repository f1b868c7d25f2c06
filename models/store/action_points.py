"""The Store's part for action points (actiepunten): recorded, followed up, and the actielijst.

Open action points carry over to the next meeting of the same process: :meth:`action_list`
shows them there, and a status set in a later meeting is not yet known in an earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.database.tables import ActionItem, AgendaItem, Card, Meeting
from models.domain import ActionStatus
from models.errors import InvalidInputError
from models.i18n import _
from models.records.minutes import ActionInfo
from models.rules import validation as check
from models.store.agenda import item_headings, refuse_item_of_other_meeting
from models.store.base import UNSET, StoreBase
from models.store.meetings import held_order, in_held_order, meeting_headings, process_meetings
from models.store.numbering import action_label, action_scope, hold_numbering, next_action_number


class ActionPointActions(StoreBase):
    """Store methods for action points; combined into :class:`models.store.Store`."""

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
            refuse_item_of_other_meeting(session, meeting_id, item_id)
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
                    .where(action_scope(meeting), col(ActionItem.year) == year)
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
                here = held_order(meeting)
                for other in process_meetings(session, meeting.process_id):
                    if held_order(other) < here:
                        ids.append(other.id)
                    elif held_order(other) > here:
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
            order = {m: n for n, m in enumerate(in_held_order(session, ids))}
            infos.sort(key=lambda a: (order.get(a.meeting_id, 0), a.id))
            return infos


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
    items = item_headings(session, {a.agenda_item_id for a in rows})
    meetings = meeting_headings(session, {a.meeting_id for a in rows})
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
