"""The Store's part of the public version: who the process knows, and the review's choices.

:meth:`ReviewActions.public_naming` gives what the public Namer needs for a meeting in one read:
its attendees, the people of the other meetings of its process with their consent, and the
facilitator's choices. The minutes, the Word and CSV export and the beamer all build their
Namer from it (``models.public_review.public_namer``), so they name people alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import Row, delete, select
from sqlmodel import Session, col

from models.database.tables import Attendee, Meeting, PublicReviewChoice
from models.domain import Consent, ReviewAnswer
from models.errors import InvalidInputError
from models.i18n import _
from models.records.review import PublicNaming
from models.rules.naming import Person, ReviewChoice, consent_of, label_number, numbering_order
from models.rules.privacy import name_key
from models.rules.validation import clean_line
from models.store.base import StoreBase, hold

#: From most to least protective: the consent that counts when one person of the process has
#: given several (in several meetings).
_STRICTEST = (Consent.ANONIEM, Consent.INITIALEN, Consent.NAAM)


class ReviewActions(StoreBase):
    """Store methods for the public version; combined into :class:`models.store.Store`."""

    def public_naming(self, meeting_id: int) -> PublicNaming:
        """The people of the meeting and of its process, and the review's choices."""
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            rows = session.execute(
                select(
                    col(Attendee.id), col(Attendee.name), col(Attendee.consent),
                    col(Attendee.presence), col(Attendee.arrived_at),
                )
                .where(col(Attendee.meeting_id) == meeting_id)
                .order_by(col(Attendee.id))
            ).all()  # fmt: skip
            order = numbering_order((r.id, r.presence, r.arrived_at) for r in rows)
            people = [Person(r.id, r.name, r.consent, order=order[r.id]) for r in rows]
            if meeting.process_id is not None:
                others = session.execute(
                    select(col(Attendee.id), col(Attendee.name), col(Attendee.consent))
                    .join(Meeting, col(Meeting.id) == col(Attendee.meeting_id))
                    .where(col(Meeting.process_id) == meeting.process_id)
                    .where(col(Meeting.id) != meeting_id)
                    .order_by(col(Attendee.id))
                ).all()
                people += _people_elsewhere(people, others)
            return PublicNaming(meeting_id, tuple(people), _choices(session, meeting_id))

    def review_choices(self, meeting_id: int) -> dict[str, ReviewChoice]:
        """The choices of the review of a meeting, by spot key."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            return _choices(session, meeting_id)

    def choose_in_review(
        self,
        meeting_id: int,
        spot: str,
        choice: ReviewAnswer | str,
        *,
        attendee_id: int | None = None,
        word: str = "",
    ) -> dict[str, ReviewChoice]:
        """Keep a choice for a spot of the public version (replacing an earlier one).

        ``ReviewAnswer.NAME`` names ``attendee_id`` (a person of the process), or, without one,
        somebody on no list called ``word``. Returns all choices of the meeting.
        """
        choice = _choice(choice)
        spot = (spot or "").strip()
        if not spot or len(spot) > 32 or not spot.isalnum():
            raise InvalidInputError(_("That is not a spot of the review."))
        word = clean_line(word, _("The name"), required=False) if word else ""
        if choice is not ReviewAnswer.NAME:
            attendee_id, word = None, ""
        elif attendee_id is None and not word:
            raise InvalidInputError(_("Whose name is it? Choose a person, or give the name."))
        with self._transaction() as session:
            meeting = self._get(session, Meeting, meeting_id, _("meeting"))
            hold(session, Meeting, meeting.id)
            if attendee_id is not None:
                person = self._get(session, Attendee, attendee_id, _("attendee"))
                if not _same_process(session, meeting, person):
                    raise InvalidInputError(_("That person is not of this meeting's process."))
                word = ""
            row = session.scalars(
                select(PublicReviewChoice)
                .where(col(PublicReviewChoice.meeting_id) == meeting_id)
                .where(col(PublicReviewChoice.spot) == spot)
            ).first()
            if row is None:
                row = PublicReviewChoice(meeting_id=meeting_id, spot=spot, choice=choice.value)
            row.choice = choice.value
            row.attendee_id = attendee_id
            row.word = word
            row.created_at = self.now()
            session.add(row)
            session.flush()
            return _choices(session, meeting_id)

    def forget_review_choice(self, meeting_id: int, spot: str) -> dict[str, ReviewChoice]:
        """Take a choice back: the spot is as BaZ proposes it again, and not yet reviewed."""
        with self._transaction() as session:
            self._get(session, Meeting, meeting_id, _("meeting"))
            session.execute(
                delete(PublicReviewChoice)
                .where(col(PublicReviewChoice.meeting_id) == meeting_id)
                .where(col(PublicReviewChoice.spot) == spot)
            )
            return _choices(session, meeting_id)


def _choice(value: ReviewAnswer | str) -> ReviewAnswer:
    try:
        return ReviewAnswer(value)
    except ValueError:
        raise InvalidInputError(
            _("Unknown choice “{value}”.").format(value=str(value)[:40])
        ) from None


def _choices(session: Session, meeting_id: int) -> dict[str, ReviewChoice]:
    rows = session.execute(
        select(
            col(PublicReviewChoice.spot), col(PublicReviewChoice.choice),
            col(PublicReviewChoice.attendee_id), col(PublicReviewChoice.word),
        )
        .where(col(PublicReviewChoice.meeting_id) == meeting_id)
        .order_by(col(PublicReviewChoice.id))
    ).all()  # fmt: skip
    choices = {}
    for row in rows:
        try:
            choice = ReviewAnswer(row.choice)
        except ValueError:
            continue  # a value a newer BaZ wrote: as if no choice was made
        choices[row.spot] = ReviewChoice(choice, row.attendee_id, row.word)
    return choices


def _same_process(session: Session, meeting: Meeting, person: Attendee) -> bool:
    if person.meeting_id == meeting.id:
        return True
    if meeting.process_id is None:
        return False
    other = session.get(Meeting, person.meeting_id)
    return other is not None and other.process_id == meeting.process_id


def _people_elsewhere(
    here: list[Person], others: Iterable[Row[tuple[int | None, str, str]]]
) -> list[Person]:
    """The people of the other meetings of the process: one per name (an attendee of this
    meeting is that person), with the strictest consent they gave."""
    known = {name_key(p.name) for p in here}
    found: dict[str, Person] = {}
    for row in others:
        key = name_key(row.name)
        if not key or key in known or label_number(row.name) is not None:
            continue
        consent = consent_of(Person(row.id, row.name, row.consent))
        earlier = found.get(key)
        if earlier is None:
            found[key] = Person(row.id, row.name, consent, here=False)
        elif _STRICTEST.index(consent) < _STRICTEST.index(consent_of(earlier)):
            found[key] = replace(earlier, consent=consent)
    return list(found.values())
