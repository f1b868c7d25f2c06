"""What a view follows when nobody chose: the agenda item of the moment and the vote of an item.

Pure rules on what the Store returned, shared by the chair's item screens and the beamer, so
both always show the same item and the same vote when left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from models.domain import MeetingStatus, PollStatus

if TYPE_CHECKING:
    from models.records.meeting import AgendaState
    from models.records.polls import PollInfo


def item_to_follow(agenda: AgendaState, shown_id: int | None) -> int | None:
    """The agenda item a per-item view shows: the one it shows, else the running one; in a
    closed meeting the last item that ran; else the first that has not ended (so the views
    follow the meeting without a key press)."""
    if shown_id is not None and any(item.id == shown_id for item in agenda.items):
        return shown_id
    if agenda.running_item is not None:
        return agenda.running_item.id
    if agenda.meeting.status is MeetingStatus.GESLOTEN:
        last = last_item_that_ran(agenda)
        if last is not None:
            return last
    open_items = [item for item in agenda.items if item.ended_at is None]
    candidates = open_items or agenda.items
    return candidates[0].id if candidates else None


def last_item_that_ran(agenda: AgendaState) -> int | None:
    """The item whose running time ended last (None when no item ever ran)."""
    ran = [item for item in agenda.items if item.ended_at is not None]
    if not ran:
        return None
    return max(ran, key=lambda item: (item.ended_at, item.position)).id


def poll_to_show(polls: Sequence[PollInfo], shown_id: int | None) -> int | None:
    """The index in ``polls`` of the vote to show: the one shown, else the newest open vote
    (the one being counted), else the newest prepared one (to open), else the latest; None
    when the item has no votes. (The beamer leaves prepared votes out before it asks: they
    have not been put to the room yet.)"""
    if not polls:
        return None
    ids = [p.id for p in polls]
    if shown_id in ids:
        return ids.index(shown_id)
    for status in (PollStatus.OPEN, PollStatus.VOORBEREID):
        matching = [i for i, p in enumerate(polls) if p.status is status]
        if matching:
            return matching[-1]
    return len(polls) - 1
