"""The Store's part for the minutes themselves: approved (vastgesteld) or a draft again.

What the minutes hold is gathered by :mod:`models.minutes` from the other parts.
"""

from __future__ import annotations

from datetime import date

from models.database.tables import Meeting
from models.domain import MinutesStatus
from models.errors import InvalidInputError
from models.i18n import _
from models.records.meeting import MeetingInfo
from models.rules import validation as check
from models.store.base import StoreBase
from models.store.rows import meeting_info_with_process


class MinutesActions(StoreBase):
    """Store methods for the status of the minutes; combined into :class:`models.store.Store`."""

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
            return meeting_info_with_process(session, meeting)

    def reopen_minutes(self, meeting_id: int) -> MeetingInfo:
        """Make approved minutes a draft (concept) again."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            meeting.minutes_status = MinutesStatus.CONCEPT.value
            meeting.minutes_approved_on = None
            session.add(meeting)
            session.flush()
            return meeting_info_with_process(session, meeting)
