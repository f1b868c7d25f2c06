"""The review of the public version: what it will replace and what it doubts, before it is written.

:func:`build_review` builds the public minutes exactly as the export does and records every
spot the Namer met on the way (``models.rules.naming.Spot``): each replacement, each doubtful spot,
each e-mail address and phone number, with the sentence around it before and after and where
in the minutes it is. A sentence that appears twice (a decision in its item and in the
besluitenlijst) is one spot. The app's review screen, ``baz export --public`` and its
``--review FILE.csv`` all show this list; the choices made in it are kept with the meeting
(``Store.choose_in_review``) and used by the export and the beamer alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.domain import ReviewAnswer, label
from models.i18n import _, ngettext
from models.rules.naming import Reason, Spot, SpotKind

if TYPE_CHECKING:
    from models.store import Store


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person a spot may name: for the choice "this is the name of …"."""

    id: int
    #: The real name (the review is for the facilitator, who knows it).
    name: str
    #: How the public version shows them.
    shown: str


@dataclass(frozen=True, slots=True)
class Review:
    """The spots of a meeting's public version, in the order of the minutes."""

    meeting_id: int
    spots: tuple[Spot, ...]
    #: Everyone of the process, by id: the people a spot may be marked as.
    people: dict[int, Candidate]

    @property
    def replaced(self) -> int:
        return sum(1 for s in self.spots if s.kind is SpotKind.REPLACED)

    @property
    def contacts(self) -> int:
        return sum(1 for s in self.spots if s.kind is SpotKind.CONTACT)

    @property
    def doubtful(self) -> tuple[Spot, ...]:
        return tuple(s for s in self.spots if s.doubtful)

    @property
    def open(self) -> tuple[Spot, ...]:
        """Doubtful spots nobody chose for yet."""
        return tuple(s for s in self.spots if s.doubtful and s.choice is None)

    @property
    def reviewed(self) -> int:
        return sum(1 for s in self.spots if s.choice is not None)

    def candidates(self, spot: Spot) -> list[Candidate]:
        """Who ``spot`` may be: its own candidates first, then everyone else of the process."""
        first = [self.people[i] for i in spot.candidates if i in self.people]
        rest = [p for i, p in self.people.items() if i not in spot.candidates]
        return first + sorted(rest, key=lambda p: p.name.casefold())


def build_review(store: Store, meeting_id: int) -> Review:
    """The review of the public version of ``meeting_id`` (see the module's docstring)."""
    from models.minutes import build_minutes, minutes_namer

    recorded: list[Spot] = []
    build_minutes(store, meeting_id, public=True, spots=recorded)
    namer = minutes_namer(store, meeting_id, public=True)
    people = {
        p.id: Candidate(p.id, p.name, namer.names.get(p.id, p.name))
        for p in namer.people.values()
        if p.id >= 0  # not the names marked in the review itself
    }
    return Review(meeting_id, unique_spots(recorded), people)


def unique_spots(spots: Iterable[Spot]) -> tuple[Spot, ...]:
    """Each spot once, where it first appears."""
    seen: set[str] = set()
    unique = []
    for spot in spots:
        if spot.key not in seen:
            seen.add(spot.key)
            unique.append(spot)
    return tuple(unique)


def marked_name(spot: Spot) -> str:
    """The name in a spot's words, for marking it as somebody on no list: without the form of
    address before it or a possessive after it ("Meneer Pietersen" → "Pietersen")."""
    from models.rules.lexicon import TITLE_PAIRS, TITLES
    from models.rules.naming import fold

    words = spot.found.split()
    while len(words) > 1:
        first = fold(words[0]).rstrip(".")
        if first in TITLES:
            words = words[1:]
        elif first in TITLE_PAIRS and fold(words[1]).rstrip(".") in TITLE_PAIRS[first]:
            words = words[2:]
        else:
            break
    name = " ".join(words)
    for ending in ("'s", "’s"):
        name = name.removesuffix(ending)
    return name.strip()


# ------------------------------------------------------------------------ in words


def reason_text(spot: Spot) -> str:
    """Why BaZ did (or did not do) what it did at ``spot``, in a sentence."""
    return {
        Reason.NAME: _("a name of somebody who did not agree to be named"),
        Reason.SHARED: _(
            "more people have this name, and some of them may be named: left out until you choose"
        ),
        Reason.SENTENCE_START: _(
            "a surname that is also a word, at the start of a sentence: left as typed until "
            "you choose"
        ),
        Reason.CAPITALS: _(
            "a surname that is also a word, in capitals: left as typed until you choose"
        ),
        Reason.AFTER_ARTICLE: _(
            "a surname that is also a word, after an article (“het Bos”): left as typed "
            "until you choose"
        ),
        Reason.CAPITALISED_RUN: _(
            "a surname that is also a word, among other capitalised words (a name of a "
            "place or group?): left as typed until you choose"
        ),
        Reason.BARE_SURNAME: _(
            "part of a surname without its particle (“Meer” of “Van der Meer”): left as "
            "typed until you choose"
        ),
        Reason.UNKNOWN_AFTER_TITLE: _(
            "a name after “meneer”, “mevrouw” … of somebody on no list (a resident who "
            "did not sign in?): left as typed until you choose"
        ),
        Reason.UNKNOWN_PERSON: _(
            "a field that names people, naming somebody on no list: left as typed until you choose"
        ),
        Reason.EMAIL: _("an e-mail address: never in the public version"),
        Reason.PHONE: _("a phone number: never in the public version"),
    }[spot.reason]


def kind_text(spot: Spot) -> str:
    """What the public version does there now, in a word or two."""
    if spot.choice in (ReviewAnswer.KEEP, ReviewAnswer.NAME):
        return label(spot.choice)
    return {
        SpotKind.REPLACED: _("replaced"),
        SpotKind.WITHHELD: _("left out (doubtful)"),
        SpotKind.DOUBT: _("doubtful, as typed"),
        SpotKind.CONTACT: _("left out"),
    }[spot.kind]


def choice_text(spot: Spot) -> str:
    """The facilitator's choice in words ("" when there is none)."""
    return label(spot.choice) if spot.choice is not None else ""


def summary_text(review: Review) -> str:
    """ "12 replacements, 2 e-mail addresses or phone numbers left out, 3 doubtful spots (1 still
    to choose)"."""
    parts = [
        ngettext("{n} replacement", "{n} replacements", review.replaced).format(n=review.replaced)
    ]
    if review.contacts:
        parts.append(
            ngettext(
                "{n} e-mail address or phone number left out",
                "{n} e-mail addresses or phone numbers left out",
                review.contacts,
            ).format(n=review.contacts)
        )
    doubtful = len(review.doubtful)
    text = ngettext("{n} doubtful spot", "{n} doubtful spots", doubtful).format(n=doubtful)
    if doubtful and review.open:
        text += " " + _("({n} still to choose)").format(n=len(review.open))
    elif doubtful:
        text += " " + _("(all chosen)")
    parts.append(text)
    return ", ".join(parts)


def review_columns() -> tuple[str, ...]:
    return (
        _("Where"),
        _("Found"),
        _("Public version"),
        _("What BaZ did"),
        _("Why"),
        _("Your choice"),
        _("Sentence as typed"),
        _("Sentence in the public version"),
    )


def review_rows(spots: Sequence[Spot]) -> list[tuple[str, ...]]:
    """One row per spot, for the spreadsheet of ``baz export --review``."""
    return [
        (
            spot.where,
            spot.found,
            spot.shown,
            kind_text(spot),
            reason_text(spot),
            choice_text(spot),
            spot.sentence,
            spot.sentence_shown,
        )
        for spot in spots
    ]
