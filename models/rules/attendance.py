"""Pure rules about attendance: who counts as resident, professional or other."""

from __future__ import annotations

from collections.abc import Iterable

from models.domain import Presence, Role, is_professional
from models.records.meeting import AttendanceCounts


def attendance_counts_of(rows: Iterable[tuple[Role, Presence, int]]) -> AttendanceCounts:
    """Fold (role, presence, number) rows into the counts the attendance screen shows."""
    residents = professionals = others = notice = absent = unmarked = 0
    for role, presence, n in rows:
        if presence == Presence.AANWEZIG:
            if role == Role.BEWONER:
                residents += n
            elif is_professional(role):
                professionals += n
            else:
                others += n
        elif presence == Presence.AFWEZIG_MET_KENNISGEVING:
            notice += n
        elif presence == Presence.AFWEZIG:
            absent += n
        else:
            unmarked += n
    return AttendanceCounts(residents, professionals, others, notice, absent, unmarked)
