"""The Store's part for attendance: the people of a meeting and who is present."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from models.database.tables import Attendee, Card, Meeting, SpeakerEntry
from models.domain import Consent, Presence, Role, default_consent
from models.errors import ChangedMeanwhileError, InvalidInputError
from models.files.csv_import import AttendeeRow
from models.files.meeting_file import ATTENDEES_MAX
from models.i18n import _
from models.records.meeting import AttendeeInfo
from models.rules import validation as check
from models.rules.attendance import AttendanceCounts, attendance_counts_of
from models.store.base import UNSET, StoreBase, changed_since, text_order
from models.store.rows import attendee_info


class AttendanceActions(StoreBase):
    """Store methods for attendees and presence; combined into :class:`models.store.Store`."""

    def list_attendees(self, meeting_id: int) -> list[AttendeeInfo]:
        """The attendees of a meeting in alphabetical order."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            # Rows with SQLAlchemy Core, not ORM objects: 300 people in about a fifth of the
            # time, and the attendance screen and the speaker list read them when shown.
            table = Attendee.__table__  # type: ignore[attr-defined]
            rows = session.execute(select(table).where(table.c.meeting_id == meeting_id)).all()
            # Sorted here, not by the database: SQLite's lower() knows only ASCII and a
            # server sorts by its own collation; this is the same everywhere.
            ordered = sorted(rows, key=lambda a: (text_order(a.name), a.id))
            return [attendee_info(a) for a in ordered]

    def add_attendee(
        self,
        meeting_id: int,
        name: str,
        role: Role = Role.BEWONER,
        consent: Consent | None = None,
        presence: Presence = Presence.ONBEKEND,
    ) -> AttendeeInfo:
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            role = Role(role)
            attendee = Attendee(
                meeting_id=meeting_id,
                name=check.clean_line(name, _("The name")),
                role=role.value,
                consent=Consent(consent or default_consent(role)).value,
                presence=Presence(presence).value,
                arrived_at=self.now() if presence == Presence.AANWEZIG else None,
            )
            session.add(attendee)
            session.flush()
            return attendee_info(attendee)

    def update_attendee(
        self,
        attendee_id: int,
        *,
        name: str | None = None,
        role: Role | None = None,
        consent: Consent | None = None,
        expected: AttendeeInfo | None = None,
    ) -> AttendeeInfo:
        """Change a person's name, role or consent.

        ``expected`` (for an undo): the person as the undone change left them; refused,
        changing nothing, when someone changed their name, role or consent since.
        """
        with self._transaction() as session:
            attendee = self._get(session, Attendee, attendee_id, _("attendee"))
            if expected is not None and (attendee.name, attendee.role, attendee.consent) != (
                expected.name,
                expected.role.value,
                expected.consent.value,
            ):
                raise changed_since(attendee.name)
            if name is not None:
                attendee.name = check.clean_line(name, _("The name"))
            if role is not None:
                attendee.role = Role(role).value
            if consent is not None:
                attendee.consent = Consent(consent).value
            session.add(attendee)
            session.flush()
            return attendee_info(attendee)

    def remove_attendee(self, attendee_id: int, *, if_unused: bool = False) -> None:
        """Take a person off the attendee list (their turns and cards stay, anonymous).

        ``if_unused`` (for undoing an add): refused when the person has been on a speaker list
        or wrote a card since — taking them off then would change someone's work.
        """
        with self._transaction() as session:
            attendee = self._get(session, Attendee, attendee_id, _("attendee"))
            if if_unused:
                _refuse_people_in_use(session, [attendee])
            session.delete(attendee)

    def set_presence(
        self,
        attendee_id: int,
        presence: Presence,
        *,
        expected: Presence | None = None,
        arrived_at: datetime | None = UNSET,
    ) -> AttendeeInfo:
        """Mark someone present, absent with notice or absent; arrival time is recorded once.

        For an undo: ``expected`` is the presence the undone mark left (refused, changing
        nothing, when someone marked the person otherwise since) and ``arrived_at`` the
        arrival time as it was before it (a wrong "present" taken back leaves no arrival).
        """
        with self._transaction() as session:
            attendee = self._get(session, Attendee, attendee_id, _("attendee"))
            if expected is not None and attendee.presence != Presence(expected).value:
                raise changed_since(attendee.name)
            presence = Presence(presence)
            attendee.presence = presence.value
            if arrived_at is not UNSET:
                attendee.arrived_at = arrived_at
            elif presence == Presence.AANWEZIG and attendee.arrived_at is None:
                attendee.arrived_at = self.now()
            session.add(attendee)
            session.flush()
            return attendee_info(attendee)

    def attendance_counts(self, meeting_id: int) -> AttendanceCounts:
        with self._transaction() as session:
            rows = session.execute(
                select(col(Attendee.role), col(Attendee.presence), func.count())
                .where(col(Attendee.meeting_id) == meeting_id)
                .group_by(col(Attendee.role), col(Attendee.presence))
            ).all()
        return attendance_counts_of((Role(r), Presence(p), n) for r, p, n in rows)

    # ------------------------------------------------------------ a list read in

    def import_attendees(self, meeting_id: int, rows: Sequence[AttendeeRow]) -> list[AttendeeInfo]:
        """Add the people of checked CSV rows to a meeting (not yet marked), all or none."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            there = session.execute(
                select(func.count())
                .select_from(Attendee)
                .where(col(Attendee.meeting_id) == meeting_id)
            ).scalar_one()
            if there + len(rows) > ATTENDEES_MAX:
                raise InvalidInputError(
                    _(
                        "A meeting holds at most {n} people; this list would make it {total}. "
                        "Nothing was imported."
                    ).format(n=ATTENDEES_MAX, total=there + len(rows))
                )
            people = [
                Attendee(
                    meeting_id=meeting_id,
                    name=check.clean_line(row.name, _("The name")),
                    role=row.role.value,
                    consent=row.consent.value,
                    created_at=self.now(),
                )
                for row in rows
            ]
            session.add_all(people)
            session.flush()
            return [attendee_info(p) for p in people]

    def remove_attendees(self, attendee_ids: Iterable[int]) -> None:
        """Remove several people at once (taking back an import): all of them, or none when
        one of them has been on a speaker list or wrote a card since."""
        ids = list(attendee_ids)
        with self._transaction() as session:
            people = list(session.scalars(select(Attendee).where(col(Attendee.id).in_(ids))))
            _refuse_people_in_use(session, people)
            session.execute(delete(Attendee).where(col(Attendee.id).in_(ids)))


def _refuse_people_in_use(session: Session, people: Sequence[Attendee]) -> None:
    """Refuse taking people off the attendee list (undoing an add or an import) when one of
    them is on a speaker list or wrote a card since: that would change someone's work."""
    ids = [p.id for p in people]
    used = set(
        session.scalars(
            select(col(SpeakerEntry.attendee_id)).where(col(SpeakerEntry.attendee_id).in_(ids))
        )
    ) | set(
        session.scalars(
            select(col(Card.author_attendee_id)).where(col(Card.author_attendee_id).in_(ids))
        )
    )
    for person in people:
        if person.id in used:
            raise ChangedMeanwhileError(
                _(
                    "{name} is on a speaker list or a card since, so stays on the list "
                    "(Del removes)."
                ).format(name=person.name)
            )
