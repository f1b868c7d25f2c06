"""The Store's methods for the beamer: what the chair's app records, which meeting to follow.

The beamer itself only reads (with the reads the screens use too); the one write here is the
chair's app recording what the room should see, which costs a transaction only when it changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from models.database.tables import Meeting
from models.domain import MeetingStatus
from models.errors import InvalidInputError
from models.i18n import _
from models.records.beamer import BEAMER_VIEW_MAX, BeamerChoice, BeamerTarget
from models.rules.formatting import to_local
from models.store.base import StoreBase

#: How long after its end a meeting stays on the beamer (with its thank-you) when nothing else
#: is on: the rest of the evening, also when it ran past midnight.
THANKS_FOR = timedelta(hours=6)


class BeamerActions(StoreBase):
    """Store methods for the beamer; combined into :class:`models.store.Store`."""

    def show_on_beamer(self, meeting_id: int, choice: BeamerChoice | None = None) -> bool:
        """Record what the room should see for this meeting; True when that changed.

        ``choice`` None: the chair opened a screen that is not for the room; what the beamer
        shows of the meeting stays (a meeting with nothing recorded gets the default).

        The chair's meeting, too: before a meeting starts, the beamer follows the meeting the
        chair has open (``beamer_target``), which is the planned meeting with a recorded view.
        So recording one takes the view of every *other* planned meeting away. (A running
        meeting comes first anyway; one closed this evening keeps its thank-you up until the
        chair opens a planned one.)

        UPDATEs that match no row when nothing changes, so opening a screen again writes
        nothing (and the beamer does not read again for nothing).
        """
        view = choice.encode() if choice is not None else None
        if view is not None and len(view) > BEAMER_VIEW_MAX:
            raise InvalidInputError(_("This cannot be shown on the beamer."))
        with self._transaction() as session:
            if view is None:
                view = BeamerChoice().encode()
                this = col(Meeting.beamer_view) == ""  # keep what is recorded
            else:
                this = col(Meeting.beamer_view) != view
            changed = session.execute(
                update(Meeting).where(col(Meeting.id) == meeting_id, this).values(beamer_view=view)
            )
            others = session.execute(
                update(Meeting)
                .where(
                    col(Meeting.id) != meeting_id,
                    col(Meeting.status) == MeetingStatus.GEPLAND.value,
                    col(Meeting.beamer_view) != "",
                )
                .values(beamer_view="")
            )
            return bool(getattr(changed, "rowcount", 0) or getattr(others, "rowcount", 0))

    def beamer_target(self, meeting_id: int | None = None) -> BeamerTarget | None:
        """The meeting the beamer shows, with what the chair's app recorded for it.

        With an id: that meeting (None when it does not exist). Without: the running meeting
        (the last one started), else the planned meeting the chair has open (the one with a
        recorded view, see ``show_on_beamer``), else one planned for today, else one that
        ended this evening (its thank-you stays up), else the next planned one; None when there
        is nothing to show.
        """
        with self._transaction() as session:
            row: Any
            if meeting_id is not None:
                row = session.execute(
                    select(col(Meeting.id), col(Meeting.beamer_view)).where(
                        col(Meeting.id) == meeting_id
                    )
                ).first()
            else:
                row = _meeting_to_follow(session, self.now())
            if row is None:
                return None
            return BeamerTarget(row[0], BeamerChoice.decode(row[1]))


def _meeting_to_follow(session: Session, now: datetime) -> tuple[int, str] | None:
    today = to_local(now).date()
    columns = (col(Meeting.id), col(Meeting.beamer_view))
    status = col(Meeting.status)
    candidates = (
        select(*columns)
        .where(status == MeetingStatus.LOPEND.value)
        .order_by(col(Meeting.actual_start).desc(), col(Meeting.id).desc()),
        # The chair's meeting before its start: the chair's app recorded a view for it.
        select(*columns)
        .where(status == MeetingStatus.GEPLAND.value, col(Meeting.beamer_view) != "")
        .order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.id)),
        select(*columns)
        .where(status == MeetingStatus.GEPLAND.value, col(Meeting.date) == today)
        .order_by(col(Meeting.start_time), col(Meeting.id)),
        select(*columns)
        .where(
            status == MeetingStatus.GESLOTEN.value,
            col(Meeting.actual_end) >= now - THANKS_FOR,
        )
        .order_by(col(Meeting.actual_end).desc(), col(Meeting.id).desc()),
        select(*columns)
        .where(status == MeetingStatus.GEPLAND.value, col(Meeting.date) > today)
        .order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.id)),
    )
    for query in candidates:
        row = session.execute(query.limit(1)).first()
        if row is not None:
            return (row[0], row[1])
    return None
