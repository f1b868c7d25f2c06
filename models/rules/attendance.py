"""Pure rules about attendance: who counts as resident, professional or other."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.domain import Presence, Role, is_professional


@dataclass(frozen=True, slots=True)
class AttendanceCounts:
    """Who is in the room, split the way the balance of the meeting is judged."""

    residents_present: int
    professionals_present: int
    others_present: int
    absent_with_notice: int
    absent: int
    unmarked: int

    @property
    def present(self) -> int:
        return self.residents_present + self.professionals_present + self.others_present


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
