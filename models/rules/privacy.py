"""The rules of privacy: anonymising stored people, finding a person, what is kept.

Pure functions and plain data; the Store part that applies them is
:mod:`models.store.privacy`, the commands are ``baz purge`` and ``baz person``.

What anonymising a person does (``baz purge`` for everyone of older meetings, ``baz person
--erase`` for one person):

- the attendee row stays (attendance counts, speaking-time shares, the present count of votes
  and card authorship keep adding up) but its name becomes an anonymous label, "Bewoner 3";
- the number is the one the public minutes already gave that person (a resident without
  consent stays "Bewoner 3" in every version); people who had consented to be named get the
  next free numbers, so no two people of a meeting share a label;
- personal fields go: the moments of arrival and departure (the attendee table holds no
  contact data; role and presence stay, they are what the counts are made of);
- the consent record is kept as a count: the consent column stays on the anonymous row, so a
  meeting still tells how many people agreed to be named, to initials or to nothing — but no
  longer who;
- their names are replaced in the free text of the meeting (title, place, chair, note-taker,
  item titles and notes, cards, vote questions, options and results, decisions, action points
  and their owners) as the public minutes do: the whole name and each part of it, a part shared
  with somebody else becoming "[name withheld]"; the rest of every text is kept;
- the contact line of a process (who residents can ask) names a person too: erasing a person
  withholds their whole name there; a purge anonymises it once every meeting of the process
  lies before the date (a process that goes on keeps someone to ask);
- the choices of the review of the public version go: they hold names marked by hand (also of
  people on no list, whose names are replaced in the texts too) and keys of sentences that
  anonymising has just changed. Erasing one person removes the choices that mark their name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from models.domain import Consent, ReviewAnswer
from models.i18n import _
from models.rules.naming import (
    Namer,
    Person,
    ReviewChoice,
    fold,
    label_number,
    public_names,
    resident_label,
)

# ------------------------------------------------------------------------ labels


def anonymous_labels(people: Sequence[Person], targets: Iterable[int]) -> dict[int, str]:
    """The new label of each person in ``targets`` (ids of ``people``, one meeting).

    A resident the public minutes number keeps that number; everyone else gets the lowest
    number no one of the meeting has. People already anonymous are left out.
    """
    wanted = set(targets)
    public = public_names(people)
    taken = {n for n in (label_number(shown) for shown in public.values()) if n is not None}
    labels: dict[int, str] = {}
    number = 0
    for person in sorted(people, key=lambda p: p.id):
        if person.id not in wanted or label_number(person.name) is not None:
            continue
        kept = label_number(public[person.id])
        if kept is not None:
            labels[person.id] = resident_label(kept)
            continue
        number += 1
        while number in taken:
            number += 1
        taken.add(number)
        labels[person.id] = resident_label(number)
    return labels


def anonymising_namer(
    people: Sequence[Person], labels: dict[int, str], others: Iterable[str] = ()
) -> Namer:
    """A namer that replaces the names of the people in ``labels`` by their label in free text,
    and leaves everybody else's name as it is (a part they share is withheld). ``others`` are
    names the review marked as somebody on no list: replaced by "een bewoner" too."""
    marked = [
        Person(p.id, p.name, Consent.ANONIEM if p.id in labels else Consent.NAAM) for p in people
    ]
    choices = {
        f"other-{n}": ReviewChoice(ReviewAnswer.NAME, word=word) for n, word in enumerate(others)
    }
    # Stored data is anonymised for good: a doubtful spot that may name them is replaced too.
    return Namer(marked, public=True, shown=labels, resolve_doubts=True, choices=choices)


def whole_name_namer(name: str) -> Namer:
    """A namer that withholds one whole name (not its parts): for meetings the person did
    not attend, where a first name alone is probably somebody else."""
    return Namer(
        [Person(0, name, Consent.ANONIEM)],
        public=True,
        shown={0: _("[name withheld]")},
        parts=False,
    )


def anonymised_person_field(value: str, namer: Namer) -> str:
    """A field that holds a person (chair, note-taker): their label when the namer knows
    them, otherwise withheld altogether; empty stays empty."""
    if not value.strip() or label_number(value) is not None:
        return value
    cleaned = namer.text(value)
    return cleaned if cleaned != value else _("[name withheld]")


def fit(text: str, length: int) -> str:
    """``text`` cut to a column's length (a label is longer than some names)."""
    return text if len(text) <= length else text[: length - 1] + "…"


# ------------------------------------------------------------------------ finding


def name_key(name: str) -> str:
    """A name for comparing: folded, hyphens as spaces, single spaces."""
    return " ".join(fold(name).replace("-", " ").split())


def matches_person(query: str, name: str) -> bool:
    """Whether the attendee ``name`` is who ``query`` asks for.

    The whole name (case and accents aside), or every word of the query as a word of the
    name ("fatima" finds "Fatima Ouali"). An anonymous label is nobody.
    """
    if label_number(name) is not None:
        return False
    wanted, words = name_key(query), name_key(name)
    if not wanted:
        return False
    return wanted == words or set(wanted.split()) <= set(words.split())


class RecordKind(StrEnum):
    """Where a person appears."""

    ATTENDEE = "attendee"
    SPEAKER = "speaker"
    CARD_AUTHOR = "card_author"
    ACTION_OWNER = "action_owner"
    MENTION = "mention"
    REVIEW = "review"


def record_label(kind: RecordKind) -> str:
    """The kind of record in words."""
    return {
        RecordKind.ATTENDEE: _("on the attendee list"),
        RecordKind.SPEAKER: _("on the speaker list"),
        RecordKind.CARD_AUTHOR: _("author of a card"),
        RecordKind.ACTION_OWNER: _("owner of an action point"),
        RecordKind.MENTION: _("named in"),
        RecordKind.REVIEW: _("marked as a name in the review of the public version"),
    }[kind]


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One place where a person appears: what kind, where (in words), and the text."""

    kind: RecordKind
    where: str
    text: str


@dataclass(frozen=True, slots=True)
class PersonMeeting:
    """The records of a person in one meeting."""

    meeting_id: int
    title: str
    date: date
    records: tuple[PersonRecord, ...]


@dataclass(frozen=True, slots=True)
class PersonReport:
    """An access request answered: the names found and every record, per meeting."""

    query: str
    #: The distinct attendee names that match (empty: nobody on any attendee list).
    names: tuple[str, ...]
    meetings: tuple[PersonMeeting, ...]

    @property
    def found(self) -> bool:
        return bool(self.meetings)

    @property
    def record_count(self) -> int:
        return sum(len(m.records) for m in self.meetings)


@dataclass(frozen=True, slots=True)
class AnonymisedSummary:
    """What anonymising did (or would do): meetings, people, texts, consents kept as counts."""

    meetings: int = 0
    people: int = 0
    #: Free-text fields in which a name was replaced.
    texts: int = 0
    #: How many of the anonymised people had chosen each consent (what the rows still tell).
    consents: dict[str, int] = field(default_factory=dict)


def consent_counts(consents: Iterable[str]) -> dict[str, int]:
    """How many of each consent, in the order naam, initialen, anoniem (zeros left out)."""
    values = list(consents)
    return {c.value: values.count(c.value) for c in Consent if values.count(c.value)}
