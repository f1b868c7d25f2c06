"""Checks that more than one part of the Store makes before it changes something."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from models.database.tables import Attendee, Card, SpeakerEntry
from models.errors import ChangedMeanwhileError
from models.i18n import _


def refuse_people_in_use(session: Session, people: Sequence[Attendee]) -> None:
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
