"""Table rows to the plain views of ``models.views``, shared by the parts of the Store.

A row is read by attribute, so an ORM object and a Core row (``select(table)``) both do: the
speaker list reads its agenda item with Core, the agenda with the ORM.
"""

from __future__ import annotations

from typing import Any

from models.domain import Purpose
from models.views import AgendaItemInfo


def agenda_item_info(i: Any) -> AgendaItemInfo:
    """An agenda item as the screens see it."""
    assert i.id is not None
    return AgendaItemInfo(
        id=i.id,
        meeting_id=i.meeting_id,
        position=i.position,
        title=i.title,
        purpose=Purpose(i.purpose),
        hamerstuk=i.hamerstuk,
        hamered_at=i.hamered_at,
        planned_minutes=i.planned_minutes,
        speaking_limit_seconds=i.speaking_limit_seconds,
        started_at=i.started_at,
        ended_at=i.ended_at,
        spent_seconds=i.spent_seconds,
        resumed_at=i.resumed_at,
        notes=i.notes,
    )
