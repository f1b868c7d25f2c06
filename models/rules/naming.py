"""How the minutes name people: real names inside, names per consent in the public version.

Pure rules, no database. In the public version an attendee who chose ``initialen`` appears as
"P.J.", one who chose ``anoniem`` as "Bewoner 1", "Bewoner 2" … numbered present first (in the
order they came in), then those who sent notice (:func:`numbering_order`), so the minutes
count 1, 2, 3 … and a late arrival does not move anyone's number. People of the other meetings of
the process (``Person.here`` false) keep their consent too; without it they are "[naam
weggelaten]" (they have no number in this meeting). A consent BaZ does not know counts as
``anoniem``.

**Names are names, words are words** (design §5). In free text the :class:`Namer` replaces:

- a whole name in any capitalisation ("fatima ouali", "Karin de Wit", "#KarinDeWit");
- a surname with its particle, its last word capitalised ("De Wit", "de Wit", "van der Meer");
- a name after a form of address, the address with it ("mevrouw Bakker", "dhr. Bos", "fam.
  Kok", "de heer De Groot" → "Bewoner 2"), and after initials ("K. de Wit");
- a first name or a surname on its own when it is written as a name: capitalised, or in lower
  case when it is no Dutch word ("pieter" is a name, "bakker" and "groen" are words);
- possessives ("Ahmeds fiets" → "Bewoner 3's fiets"; "Ouali's" keeps its "'s").

It never replaces a lower-case word, and a capitalised word that is also an ordinary word
(``models.rules.lexicon``) is only *listed* (:class:`Spot`, kind ``DOUBT``) when nothing says it's a
name: at the start of a sentence ("Groen is…", "Meer groen…"), after an article ("het Bos"),
amid other capitalised words ("Stichting Groen Licht"), in capitals ("GROEN IN DE WIJK"), or as
the bare core of a surname that has a particle ("Meer" of "Van der Meer"). A verb of saying
("Bakker meldt"), a list with names ("Bakker, Bos en De Wit"), or initials make it a name.

A first name or surname that several people share cannot be attributed: when none of them may
be named it becomes "[naam weggelaten]"; when some may, it is withheld meanwhile *and* listed
(``WITHHELD``). A capitalised word after a form of address that is nobody on any list
("meneer Pietersen") is listed too: it may be a resident who never signed in.

E-mail addresses and phone numbers never appear in the public version. Invisible characters
(zero-width, soft hyphen, joiners, direction marks), every kind of space, combining accents,
full-width letters and Cyrillic or Greek look-alikes are normalised before matching, so they
cannot hide a name; the text outside a replacement is kept exactly as typed.

Every replacement and doubtful spot has a key (:func:`spot_key`): its sentence, its words and
which occurrence. The facilitator's review choices (:class:`ReviewChoice`) are kept by that key
with the meeting, so a changed sentence comes back for review.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

from models.domain import Consent, Presence, ReviewAnswer
from models.i18n import _
from models.rules.lexicon import (
    ARTICLES,
    FIRST_NAME_WORDS,
    PARTICLES,
    PERSON_VERBS,
    ROLE_WORDS,
    TITLE_PAIRS,
    TITLES,
    is_word,
)

__all__ = [
    "PARTICLES",
    "Namer",
    "Person",
    "Reason",
    "ReviewChoice",
    "Spot",
    "SpotKind",
    "fold",
    "initials",
    "label_number",
    "name_parts",
    "normalise",
    "numbering_order",
    "public_names",
    "resident_label",
]


@dataclass(frozen=True, slots=True)
class Person:
    """What naming needs to know of a person of the process.

    ``here``: an attendee of the meeting these minutes are of; otherwise a person of another
    meeting of the process (or a name the facilitator marked in the review).
    """

    id: int
    name: str
    consent: Consent | str
    here: bool = True
    #: Where the person comes when anonymous residents are numbered (then the id): see
    #: :func:`numbering_order`. 0 for all keeps the order of the ids.
    order: int = 0


def numbering_order(people: Iterable[tuple[int, str, datetime | None]]) -> dict[int, int]:
    """The order in which the public version numbers the attendees ("Bewoner 1", "Bewoner 2"
    …): who was present first, in the order they came in, then who sent notice, then the rest.

    ``people`` are (attendee id, presence code, arrival moment). The minutes list the present
    and those who sent notice, so the numbers they show run 1, 2, 3 … without gaps; someone who
    comes in late gets the next number, so the numbers on the beamer do not move.
    """
    rank = {Presence.AANWEZIG.value: 0, Presence.AFWEZIG_MET_KENNISGEVING.value: 1}

    def key(person: tuple[int, str, datetime | None]) -> tuple[int, bool, float, int]:
        id_, presence, arrived = person
        group = rank.get(str(presence), 2)
        if group or arrived is None:
            return (group, group == 0, 0.0, id_)  # present without a moment: after the others
        return (group, False, arrived.timestamp(), id_)

    return {person[0]: n for n, person in enumerate(sorted(people, key=key))}


def consent_of(person: Person) -> Consent:
    """The person's consent; one BaZ does not know counts as anonymous."""
    try:
        return Consent(person.consent)
    except ValueError:
        return Consent.ANONIEM


def initials(name: str) -> str:
    """The initials of a name, keeping the case of each part: "Joost van der Linden" → "J.v.d.L."."""
    letters = []
    for part in re.split(r"[\s\-‐‑]+", name.strip()):
        first = next((ch for ch in part if ch.isalpha()), None)
        if first is not None:
            letters.append(first + ".")
    return "".join(letters)


def resident_label(number: int) -> str:
    """ "Bewoner 3": how the public version names an anonymous resident."""
    return _("Resident {number}").format(number=number)


def withheld_label() -> str:
    """What stands for a name that cannot be attributed or has no number in this meeting."""
    return _("[name withheld]")


def unknown_person_label() -> str:
    """What stands for a person who is on no list (marked as a name in the review)."""
    return _("a resident")


def label_number(name: str) -> int | None:
    """The number of an anonymous label ("Bewoner 3", "Resident 3"); None for a real name.

    The labels of both languages count, and that of the language in use, so data anonymised
    under one language is recognised under the other.
    """
    text = " ".join(name.split())
    for template in {resident_label(0), "Bewoner 0", "Resident 0"}:
        head, _zero, tail = template.partition("0")
        if text.startswith(head) and text.endswith(tail):
            middle = text[len(head) : len(text) - len(tail)]
            if middle.isascii() and middle.isdigit():
                return int(middle)
    return None


def public_names(people: Iterable[Person]) -> dict[int, str]:
    """Each attendee's name in the public version, by attendee id.

    ``naam``: the name; ``initialen``: the initials; ``anoniem`` (and a name without letters):
    "Bewoner 1", "Bewoner 2" … in the order of :attr:`Person.order`, then the attendee ids. An attendee whose name is
    already such a label (anonymised) keeps it, and nobody else gets that number.
    """
    ordered = sorted(people, key=lambda p: (p.order, p.id))
    taken = {n for n in (label_number(p.name) for p in ordered) if n is not None}
    names: dict[int, str] = {}
    number = 0
    for person in ordered:
        if label_number(person.name) is not None:
            names[person.id] = " ".join(person.name.split())
            continue
        consent = consent_of(person)
        shown = ""
        if consent == Consent.NAAM:
            shown = person.name
        elif consent == Consent.INITIALEN:
            shown = initials(person.name)
        if not shown:
            number += 1
            while number in taken:
                number += 1
            shown = resident_label(number)
        names[person.id] = shown
    return names


def _elsewhere_name(person: Person) -> str:
    """The public name of a person of another meeting of the process: no number here."""
    if label_number(person.name) is not None:
        return " ".join(person.name.split())
    consent = consent_of(person)
    if consent == Consent.NAAM:
        return person.name
    if consent == Consent.INITIALEN and initials(person.name):
        return initials(person.name)
    return withheld_label()


# ---------------------------------------------------------------------- normalising

#: Some letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL_FOLDS = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ð": "d", "ß": "ss"}
#: Cyrillic and Greek letters that look like Latin ones: "Кок" must not hide "Kok".
_LOOK_ALIKES = dict(
    zip(
        "АВЕКМНОРСТХУІЈЅаеорсухіјѕкԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοανκ",
        "ABEKMHOPCTXYIJSaeopcyxijskdhqwABEZHIKMNOPTYXoavk",
        strict=True,
    )
)


@lru_cache(maxsize=8192)
def _normal_char(ch: str) -> str:
    """One character as it is matched: invisible ones are nothing, every space a space,
    look-alikes and full-width forms their plain letter; the case is kept."""
    category = unicodedata.category(ch)
    if category in ("Cf", "Mn", "Me"):
        return ""  # zero-width, soft hyphen, joiners, direction marks, combining accents
    if category == "Zs":
        return " "  # no-break, narrow, thin, figure and ideographic spaces
    if ch in _LOOK_ALIKES:
        return _LOOK_ALIKES[ch]
    plain = unicodedata.normalize("NFKC", ch)
    return "".join(c for c in plain if unicodedata.category(c) not in ("Cf", "Mn", "Me"))


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """``text`` as it is matched, and per character of it the index in ``text`` it came from
    (None: the same text, one to one). Letters keep their case and accents."""
    if text.isascii():
        return text, None
    out: list[str] = []
    where: list[int] = []
    done = 0
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        if start > done:
            out.append(text[done:start])
            where.extend(range(done, start))
        for index in range(start, end):
            normal = _normal_char(text[index])
            if normal:
                out.append(normal)
                where.extend([index] * len(normal))
        done = end
    if done < len(text):
        out.append(text[done:])
        where.extend(range(done, len(text)))
    return "".join(out), where


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return _fold_normal(word)


def _fold_normal(word: str) -> str:
    out = []
    for ch in word.casefold():
        if ch in _SPECIAL_FOLDS:
            out.append(_SPECIAL_FOLDS[ch])
            continue
        out.append(
            "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        )
    return "".join(out)


def fold(text: str) -> str:
    """Text for comparing names: lower case, accents off ("Yılmaz" and "yilmaz" match)."""
    if text.isascii():
        return text.lower()
    normal, _where = normalise(text)
    return _fold_normal(normal)


# ------------------------------------------------------------------------ names


#: A word: a run of letters.
_TOKEN = re.compile(r"[^\W\d_]+")
#: What may stand between the words of one name in a text: a space, a hyphen, an apostrophe,
#: an underscore or a dot ("Fatima_Ouali", "J.P. Bakker", "van 't Hof") — not a comma.
_JOIN = re.compile(r"[ \t\-‐‑_.'’]{1,3}")
#: Possessive endings after a name: "Ouali's", "Kuijpers'".
_APOSTROPHE_S = re.compile(r"['’]s(?![^\W\d_])")


def name_parts(name: str) -> list[str]:
    """The parts of a name that identify someone on their own: no particles, no initials."""
    parts = []
    for word in name.split():
        pieces = [word, *re.split(r"[\-‐‑]", word)] if re.search(r"[\-‐‑]", word) else [word]
        for piece in pieces:
            piece = piece.strip(".,;:()'\"")
            letters = sum(ch.isalpha() for ch in piece)
            if letters >= 2 and fold(piece) not in PARTICLES and piece not in parts:
                parts.append(piece)
    return parts


class _Kind(StrEnum):
    WHOLE = "whole"  # the whole name, two words or more
    FAMILY = "family"  # a surname of several words: "de Wit", "Dubois-Lefèvre"
    GIVEN = "given"  # a first (or other given) name, or a name of one word
    CORE = "core"  # a surname word without a particle before it: "Bakker", "Dubois"
    BARE = "bare"  # the last word of a surname with a particle, alone: "Wit", "Meer"


@dataclass(slots=True)
class _Entry:
    owners: set[int] = field(default_factory=set)
    kinds: set[_Kind] = field(default_factory=set)


def _word_tokens(word: str) -> list[str]:
    return _TOKEN.findall(normalise(word)[0])


def _name_entries(
    name: str, *, parts: bool, surname_only: bool
) -> list[tuple[tuple[str, ...], _Kind]]:
    """The phrases (folded words) by which a name is recognised, each with its kind."""
    words = [w for w in (_word_tokens(raw) for raw in name.split()) if w]
    if not words:
        return []
    folded = [[_fold_word(t) for t in w] for w in words]
    everything = tuple(t for w in folded for t in w)
    entries: list[tuple[tuple[str, ...], _Kind]] = []
    if len(everything) >= 2:
        entries.append((everything, _Kind.WHOLE))
    if not parts:
        # A name of one word is whole as it is: a first name or a surname, by the same rules.
        if len(everything) == 1 and len(everything[0]) >= 2:
            entries += [(everything, _Kind.GIVEN), (everything, _Kind.CORE)]
        return entries

    def is_particle(index: int) -> bool:
        return len(folded[index]) == 1 and folded[index][0] in PARTICLES

    def is_initial(index: int) -> bool:
        return all(len(t) == 1 for t in folded[index])

    # Where the surname begins: at the first particle after a given name ("Karin de Wit"), at a
    # particle written in lower case at the start ("van Dijk"), else at the last word.
    start = next(
        (i for i in range(1, len(words) - 1) if is_particle(i) and not is_initial(i - 1)), None
    )
    if start is None and is_particle(0) and len(words) > 1 and words[0][0].islower():
        start = 0
    if start is None:
        named = [i for i in range(len(words)) if not is_initial(i)]
        if surname_only or (named and named[0] > 0):
            start = named[-1] if named else len(words)  # "J. Bakker": a surname after initials
        elif len(named) >= 2:
            start = named[-1]
        else:
            start = len(words)  # one word: a first name, or a surname without a first name
    given = [i for i in range(start) if not is_initial(i)]
    family = list(range(start, len(words)))
    for i in given:
        if len(folded[i]) > 1:
            entries.append((tuple(folded[i]), _Kind.GIVEN))  # "Anne-Marie"
        entries += [((t,), _Kind.GIVEN) for t in folded[i] if len(t) >= 2]
    if not family and len(given) == 1 and not surname_only:
        # A name of one word ("Yusuf", or "Bakker" written without a first name) is both.
        entries += [((t,), _Kind.CORE) for t in folded[given[0]] if len(t) >= 2]
    family_tokens = [(t, is_particle(i)) for i in family for t in folded[i]]
    if len(family_tokens) >= 2:
        entries.append((tuple(t for t, _p in family_tokens), _Kind.FAMILY))
    # The surname's own pieces: "Jansen-de Boer" is also "Jansen" and "de Boer".
    pieces: list[list[tuple[str, bool]]] = [[]]
    for i in family:
        for n, token in enumerate(folded[i]):
            if n and not pieces[-1][-1][1]:
                pieces.append([])  # a hyphen after a surname word starts another piece
            pieces[-1].append((token, is_particle(i)))
    for piece in pieces:
        if len(piece) >= 2 and len(piece) < len(family_tokens):
            entries.append((tuple(t for t, _p in piece), _Kind.FAMILY))
        for n, (token, particle) in enumerate(piece):
            if particle or len(token) < 2:
                continue
            after_particle = n > 0 and piece[n - 1][1]
            entries.append(((token,), _Kind.BARE if after_particle else _Kind.CORE))
    return entries


# ------------------------------------------------------------------------ spots


class SpotKind(StrEnum):
    """What the public version does at a spot until the facilitator chooses otherwise."""

    REPLACED = "replaced"  # a name, replaced
    WITHHELD = "withheld"  # may be a name of someone who may be named: withheld meanwhile
    DOUBT = "doubt"  # may be a name or a word: left as typed meanwhile
    CONTACT = "contact"  # an e-mail address or phone number: always left out


class Reason(StrEnum):
    """Why a spot is what it is (said in words by ``models.public_review``)."""

    NAME = "name"
    SHARED = "shared"
    SENTENCE_START = "sentence_start"
    CAPITALS = "capitals"
    AFTER_ARTICLE = "after_article"
    CAPITALISED_RUN = "capitalised_run"
    BARE_SURNAME = "bare_surname"
    UNKNOWN_AFTER_TITLE = "unknown_after_title"
    UNKNOWN_PERSON = "unknown_person"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class ReviewChoice:
    """A choice of the review, kept with the meeting by spot key.

    ``NAME`` with ``attendee_id``: the spot names that person (shown as they agreed). ``NAME``
    without one: a person on no list, whose name ``word`` is then replaced by "een bewoner"
    wherever it appears in the meeting.
    """

    choice: ReviewAnswer
    attendee_id: int | None = None
    word: str = ""


@dataclass(frozen=True, slots=True)
class Spot:
    """A replacement or a doubtful spot of the public version, with its sentence."""

    key: str
    kind: SpotKind
    reason: Reason
    #: The words as typed.
    found: str
    #: What BaZ puts there (for a ``DOUBT``: what it would put there, were it a name).
    proposed: str
    #: What the public version shows now, the facilitator's choice applied.
    shown: str
    choice: ReviewAnswer | None
    #: The sentence as typed, and as the public version shows it.
    sentence: str
    sentence_shown: str
    #: Who it may be (person ids), for "this is the name of …".
    candidates: tuple[int, ...] = ()
    #: Where it is in the minutes, in words ("item 3: the notes").
    where: str = ""

    @property
    def doubtful(self) -> bool:
        return self.kind in (SpotKind.DOUBT, SpotKind.WITHHELD)


def spot_key(sentence: str, found: str, occurrence: int) -> str:
    """The key of a spot: its sentence as typed, its words, and which time they occur in it."""
    data = "\x1f".join((" ".join(sentence.split()), fold(found), str(occurrence)))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:24]


# ---------------------------------------------------------------------- contacts

_EMAIL = re.compile(r"[\w.+\-'’%]+@[\w\-]+(?:\.[\w\-]+)+")
# Dutch numbers (0 and nine digits, +31 or 0031 and nine), and other international numbers;
# separators may be spaces, dots, hyphens or a slash. Dates (01-12-2026) have too few digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ .\-]?(?:\(0\)[ .\-]?)?|0)(?:[ .\-/]?\d){9}(?!\d)"
    r"|(?<![\w+])\+\d{2,3}(?:[ .\-]?\d){7,11}(?!\d)"
)


_DIGIT = re.compile(r"\d")


def _contacts(norm: str) -> list[tuple[int, int, Reason]]:
    """The e-mail addresses and phone numbers in a text: (start, end, which), in order."""
    found = (
        [(m.start(), m.end(), Reason.EMAIL) for m in _EMAIL.finditer(norm)] if "@" in norm else []
    )
    if _DIGIT.search(norm) is not None:
        for m in _PHONE.finditer(norm):
            if not any(s < m.end() and m.start() < e for s, e, _r in found):
                found.append((m.start(), m.end(), Reason.PHONE))
    return sorted(found)


def _outside(
    tokens: list[tuple[int, int, str]], spans: list[tuple[int, int, Reason]]
) -> list[tuple[int, int, str]]:
    """The tokens that are not inside any of ``spans`` (both sorted by position)."""
    kept = []
    index = 0
    for token in tokens:
        while index < len(spans) and spans[index][1] <= token[0]:
            index += 1
        if index < len(spans) and spans[index][0] < token[1]:
            continue
        kept.append(token)
    return kept


# ------------------------------------------------------------------------ the Namer

_OPENERS = frozenset("\"'“”‘’«»„‚([{*•·–—-")
_ENDS = frozenset(".!?…:\n")
_LIST_WORDS = frozenset({"en", "of"})
#: Words that may begin a form of address (the fast path must not skip "de heer Pietersen").
_TITLE_WORDS = TITLES | {"heer"}


@dataclass(slots=True)
class _Hit:
    """A match in one text: token range, character span in the normalised text, the outcome."""

    first: int
    last: int  # exclusive
    start: int
    end: int
    owners: tuple[int, ...]
    sure: bool
    reason: Reason
    possessive: bool = False


class Namer:
    """Names people and cleans free text for one version of the minutes.

    ``people``: everyone of the process (``Person.here`` for the attendees of this meeting).
    ``shown`` replaces the public names of some people (anonymising stored data gives them
    their new label); ``parts=False`` matches whole names only (for texts of meetings the
    person did not attend); ``resolve_doubts`` replaces doubtful spots that may name somebody
    instead of listing them (anonymising stored data keeps nothing doubtful); ``choices`` are
    the review's choices by spot key.

    Set :attr:`spots` to a list to have every spot of the texts cleaned from then on recorded
    in it (with ``where`` said), for the review.
    """

    def __init__(
        self,
        people: Iterable[Person],
        *,
        public: bool,
        shown: Mapping[int, str] | None = None,
        parts: bool = True,
        resolve_doubts: bool = False,
        choices: Mapping[str, ReviewChoice] | None = None,
    ) -> None:
        listed = list(people)
        self.public = public
        self.choices: dict[str, ReviewChoice] = dict(choices or {})
        # Names the facilitator marked as somebody on no list: people too, for every text.
        marked = sorted(
            {" ".join(c.word.split()) for c in self.choices.values() if _is_new_name(c)} - {""}
        )
        extra = [Person(-1 - n, word, Consent.ANONIEM, here=False) for n, word in enumerate(marked)]
        self.people = {p.id: p for p in [*listed, *extra]}
        here = [p for p in listed if p.here]
        if public:
            self.names = public_names(here)
            self.names.update({p.id: _elsewhere_name(p) for p in listed if not p.here})
            self.names.update({p.id: unknown_person_label() for p in extra})
            if shown:
                self.names.update(shown)
        else:
            self.names = {p.id: p.name for p in self.people.values()}
        self._resolve_doubts = resolve_doubts
        self._surname_only = {p.id for p in extra}
        #: Set to a list to record the spots of every text cleaned (the review).
        self.spots: list[Spot] | None = None
        self._phrases: dict[tuple[str, ...], _Entry] = {}
        self._glued: dict[str, _Entry] = {}
        self._firsts: set[str] = set()
        self._longest = 0
        if public:
            self._index(parts)

    # ------------------------------------------------------------------ naming

    def name(self, attendee_id: int | None, fallback: str = "", where: str = "") -> str:
        """How this version names the attendee; ``fallback`` for an unknown id (a typed name,
        cleaned as a field of people). Without an id ``fallback`` is BaZ's own word for an
        anonymous resident, shown as it is."""
        if attendee_id is None:
            return fallback
        if attendee_id in self.names:
            return self.names[attendee_id]
        return self.person(fallback, where)

    def hidden(self, person_id: int) -> bool:
        """Whether the public version does not show this person's name as it is."""
        person = self.people.get(person_id)
        return person is None or self.names.get(person_id) != person.name

    def text(self, text: str, where: str = "") -> str:
        """Free text with names (per consent), e-mail addresses and phone numbers replaced."""
        if not self.public or not text:
            return text
        return self._clean(text, where, person_field=False)

    def person(self, text: str, where: str = "") -> str:
        """A field that holds people ("who" of an action point, chair, note-taker): every
        name part in it is a name, and a name that is nobody on any list is listed."""
        if not self.public or not text:
            return text
        return self._clean(text, where, person_field=True)

    def scan(self, text: str, *, person_field: bool = False) -> tuple[str, list[Spot]]:
        """The public text and every spot in it (for tests and the review)."""
        if not self.public or not text:
            return text, []
        recorded, self.spots = self.spots, []
        try:
            cleaned = self._clean(text, "", person_field=person_field)
            return cleaned, self.spots
        finally:
            self.spots = recorded

    # ------------------------------------------------------------------ the index

    def _index(self, parts: bool) -> None:
        for person in self.people.values():
            if not person.name.strip() or label_number(person.name) is not None:
                continue  # an anonymous label is not a name to hide
            entries = _name_entries(
                person.name, parts=parts, surname_only=person.id in self._surname_only
            )
            for phrase, kind in entries:
                entry = self._phrases.setdefault(phrase, _Entry())
                entry.owners.add(person.id)
                entry.kinds.add(kind)
                if len(phrase) >= 2 and kind in (_Kind.WHOLE, _Kind.FAMILY):
                    # Written as one word: "#KarinDeWit", "pieterkuijpers", "DeWit".
                    glued = self._glued.setdefault("".join(phrase), _Entry())
                    glued.owners.add(person.id)
                    glued.kinds.add(kind)
        self._firsts = {phrase[0] for phrase in self._phrases} | set(self._glued)
        self._longest = max((len(p) for p in self._phrases), default=0)

    # ------------------------------------------------------------------ cleaning

    def _clean(self, text: str, where: str, *, person_field: bool) -> str:
        norm, mapping = normalise(text)
        contacts = _contacts(norm)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]
        if contacts:
            tokens = _outside(tokens, contacts)
        folded = [_fold_word(t[2]) if not t[2].isascii() else t[2].lower() for t in tokens]
        firsts = self._firsts
        if not contacts and not any(
            f in firsts or f in _TITLE_WORDS or (f[-1:] == "s" and f[:-1] in firsts) for f in folded
        ):
            if person_field:
                return self._unknown_person(text, mapping, tokens, folded, [], where)
            return text
        hits = _Scan(self, norm, tokens, folded, person_field).hits()
        if person_field and not hits:
            return self._unknown_person(text, mapping, tokens, folded, contacts, where)
        # A name of people who may all be named is no spot: it stays as typed.
        hits = [
            h
            for h in hits
            if any(self.hidden(o) for o in h.owners) or h.reason is Reason.UNKNOWN_AFTER_TITLE
        ]
        if not hits and not contacts:
            return text
        return self._apply(text, mapping, hits, contacts, where, prose=not person_field)

    def _unknown_person(
        self,
        text: str,
        mapping: list[int] | None,
        tokens: list[tuple[int, int, str]],
        folded: list[str],
        contacts: list[tuple[int, int, Reason]],
        where: str,
    ) -> str:
        """A person field that names nobody known: its capitalised words that are no ordinary
        or role word are listed as perhaps a person on no list ("wie: Pietersen")."""
        hits: list[_Hit] = []
        index = 0
        while index < len(tokens):
            word, f = tokens[index][2], folded[index]
            if (
                word[:1].isupper()
                and len(f) >= 2
                and f not in ROLE_WORDS
                and f not in PARTICLES
                and f not in TITLES
                and not is_word(f)
            ):
                last = index + 1
                while last < len(tokens):
                    if tokens[last][2][:1].isupper() and folded[last] not in ROLE_WORDS:
                        last += 1
                    elif (
                        folded[last] in PARTICLES
                        and last + 1 < len(tokens)
                        and tokens[last + 1][2][:1].isupper()
                    ):
                        last += 1
                    else:
                        break
                hits.append(
                    _Hit(index, last, tokens[index][0], tokens[last - 1][1], (), False,
                         Reason.UNKNOWN_PERSON)
                )  # fmt: skip
                index = last
                continue
            index += 1
        if not hits and not contacts:
            return text
        return self._apply(text, mapping, hits, contacts, where, prose=False)

    def _apply(
        self,
        text: str,
        mapping: list[int] | None,
        hits: list[_Hit],
        contacts: list[tuple[int, int, Reason]],
        where: str,
        *,
        prose: bool,
    ) -> str:
        """The text with each spot's shown words in place; spots recorded when asked.
        ``prose``: the text is sentences, so a replacement starting a sentence gets a capital
        ("Een bewoner belde"); a field of people is a list of names ("wie: een bewoner")."""

        def original(start: int, end: int) -> tuple[int, int]:
            if mapping is None:
                return start, end
            return mapping[start], mapping[end - 1] + 1

        edits: list[tuple[int, int, Spot]] = []
        sentences = _sentences(text)
        seen: dict[tuple[int, str], int] = {}
        items: list[tuple[int, int, _Hit | Reason]] = [(h.start, h.end, h) for h in hits]
        items += [(s, e, r) for s, e, r in contacts]
        items.sort(key=lambda item: item[0])
        for start, end, what in items:
            o_start, o_end = original(start, end)
            found = text[o_start:o_end]
            sentence_index = _sentence_at(sentences, o_start)
            s_start, s_end = sentences[sentence_index]
            occurrence_key = (sentence_index, fold(found))
            occurrence = seen.get(occurrence_key, 0)
            seen[occurrence_key] = occurrence + 1
            key = spot_key(text[s_start:s_end], found, occurrence)
            spot = self._spot(key, what, found)
            at_start = prose and _starts_sentence(text, o_start)
            shown = spot.shown
            if shown != found:
                if at_start and shown[:1].islower():
                    shown = shown[:1].upper() + shown[1:]
                # "Ouali2" must not become "Bewoner 12", another resident.
                if o_end < len(text) and text[o_end].isdigit() and shown[-1:].isdigit():
                    shown += "-"
                # Initials at the end of a sentence: "R.S.", not "R.S..".
                if shown.endswith(".") and text[o_end : o_end + 1] == ".":
                    shown = shown[:-1]
                spot = replace(spot, shown=shown)
            edits.append((o_start, o_end, spot))
        cleaned = _edited(text, 0, len(text), edits)
        if self.spots is not None:
            for o_start, _o_end, spot in edits:
                s_start, s_end = sentences[_sentence_at(sentences, o_start)]
                self.spots.append(
                    replace(
                        spot,
                        sentence=" ".join(text[s_start:s_end].split()),
                        sentence_shown=" ".join(_edited(text, s_start, s_end, edits).split()),
                        where=where,
                    )
                )
        return cleaned

    def _spot(self, key: str, what: _Hit | Reason, found: str) -> Spot:
        """The spot at ``found``: its kind, the proposal, and what is shown after the choice."""
        owners: tuple[int, ...]
        if isinstance(what, Reason):
            proposed = (
                _("[e-mail address withheld]")
                if what is Reason.EMAIL
                else _("[phone number withheld]")
            )
            kind, owners, reason = SpotKind.CONTACT, (), what
        else:
            owners, reason = what.owners, what.reason
            hidden = [o for o in owners if self.hidden(o)]
            if len(owners) == 1:
                proposed = self.names[owners[0]]
                if what.possessive:
                    proposed += "'s"
            elif owners:
                proposed = withheld_label()
            else:
                proposed = unknown_person_label()  # a person on no list, if it is a name
            if owners and len(hidden) < len(owners):
                kind, reason = SpotKind.WITHHELD, Reason.SHARED  # some of them may be named
            elif what.sure or (self._resolve_doubts and owners):
                kind = SpotKind.REPLACED
            else:
                kind = SpotKind.DOUBT
        choice = self.choices.get(key)
        shown = found if kind is SpotKind.DOUBT else proposed
        if choice is not None:
            if choice.choice is ReviewAnswer.KEEP and kind is not SpotKind.CONTACT:
                shown = found
            elif choice.choice is ReviewAnswer.NAME and kind is not SpotKind.CONTACT:
                shown = self._named(choice, found, getattr(what, "possessive", False))
        return Spot(
            key=key,
            kind=kind,
            reason=reason,
            found=found,
            proposed=proposed,
            shown=shown,
            choice=choice.choice if choice is not None else None,
            sentence="",
            sentence_shown="",
            candidates=tuple(sorted(owners)),
        )

    def _named(self, choice: ReviewChoice, found: str, possessive: bool) -> str:
        """What a spot marked as a name shows: the person's public name, or "een bewoner"."""
        if choice.attendee_id is None:
            return unknown_person_label()
        if choice.attendee_id not in self.names or not self.hidden(choice.attendee_id):
            # Somebody who may be named (or who is gone from the list): as typed, or nobody.
            return found if choice.attendee_id in self.names else unknown_person_label()
        shown = self.names[choice.attendee_id]
        return shown + "'s" if possessive else shown


def _is_new_name(choice: ReviewChoice) -> bool:
    return (
        choice.choice is ReviewAnswer.NAME
        and choice.attendee_id is None
        and bool(choice.word.strip())
    )


# -------------------------------------------------------------------- one text's scan


class _Scan:
    """The matching of one text: tokens in, hits out (see the module's docstring)."""

    def __init__(
        self,
        namer: Namer,
        norm: str,
        tokens: list[tuple[int, int, str]],
        folded: list[str],
        person_field: bool,
    ) -> None:
        self.namer = namer
        self.norm = norm
        self.tokens = tokens
        self.folded = folded
        self.person_field = person_field
        #: Token indexes where a sure name begins and ends (also of people who may be named):
        #: what makes a list of names.
        self.sure_first: set[int] = set()
        self.sure_last: set[int] = set()

    # -------------------------------------------------------------- token facts

    def word(self, i: int) -> str:
        return self.tokens[i][2]

    def joined(self, i: int) -> bool:
        """Whether token ``i`` and ``i + 1`` are written as words of one name."""
        between = self.norm[self.tokens[i][1] : self.tokens[i + 1][0]]
        return _JOIN.fullmatch(between) is not None

    def spaced(self, i: int) -> bool:
        """Whether only spaces (on one line) stand between token ``i`` and ``i + 1``."""
        between = self.norm[self.tokens[i][1] : self.tokens[i + 1][0]]
        return bool(between) and between.strip(" \t") == ""

    def capitalised(self, i: int) -> bool:
        return self.word(i)[:1].isupper()

    def in_capitals(self, i: int) -> bool:
        word = self.word(i)
        return len(word) >= 2 and word.isupper()

    def sentence_start(self, i: int) -> bool:
        position = self.tokens[i][0] - 1
        norm = self.norm
        while position >= 0 and (
            norm[position] in _OPENERS or (norm[position].isspace() and norm[position] != "\n")
        ):
            position -= 1
        return position < 0 or norm[position] in _ENDS

    def shouting(self, i: int) -> bool:
        """A word in capitals among words in capitals: "GROEN IN DE WIJK"."""
        if not self.in_capitals(i):
            return False
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(self.tokens)]
        return any(self.in_capitals(j) for j in near)

    def initials_before(self, i: int) -> bool:
        """ "K. de Wit", "J.P. Bakker": a capital letter and a dot just before."""
        if i == 0:
            return False
        word = self.word(i - 1)
        after = self.norm[self.tokens[i - 1][1] : self.tokens[i - 1][1] + 1]
        return len(word) == 1 and word.isupper() and after == "."

    def title_length(self, i: int) -> int:
        """How many words of a form of address start at token ``i`` (0: none)."""
        f = self.folded[i]
        if f in TITLES and len(f) > 1:
            return 1
        follow = TITLE_PAIRS.get(f)
        if follow and i + 1 < len(self.tokens) and self.folded[i + 1] in follow:
            if self.spaced(i):
                return 2
        return 0

    def name_word(self, i: int) -> bool:
        f = self.folded[i]
        return (f,) in self.namer._phrases or f in self.namer._glued

    # -------------------------------------------------------------- matching

    def longest(self, i: int) -> tuple[int, _Entry, bool] | None:
        """The longest known name starting at token ``i``: (tokens it spans, entry,
        possessive "s"), or None."""
        namer, folded = self.namer, self.folded
        head = folded[i]
        if head not in namer._firsts and not (head[-1:] == "s" and head[:-1] in namer._firsts):
            return None
        most = min(namer._longest, len(folded) - i)
        length = 1
        while length < most and self.joined(i + length - 1):
            length += 1
        for size in range(length, 0, -1):
            phrase = tuple(folded[i : i + size])
            entry = namer._phrases.get(phrase)
            if entry is not None:
                return size, entry, False
            last = phrase[-1]
            if last.endswith("s") and len(last) >= 3:
                entry = namer._phrases.get((*phrase[:-1], last[:-1]))
                if entry is not None:
                    return size, entry, True
        entry = namer._glued.get(head)
        if entry is not None:
            return 1, entry, False
        return None

    def hits(self) -> list[_Hit]:
        hits: list[_Hit] = []
        count = len(self.tokens)
        i = 0
        while i < count:
            titled = self.title_length(i)
            if titled:
                hit = self.after_title(i, titled)
                if hit is not None:
                    hits.append(hit)
                    i = hit.last
                    continue
                i += titled
                continue
            found = self.longest(i)
            if found is None:
                i += 1
                continue
            size, entry, possessive = found
            hit = self.judge(i, size, entry, possessive)
            if hit is None:
                i += 1
                continue
            if hit.sure:
                self.sure_first.add(hit.first)
                self.sure_last.add(hit.last - 1)
            if hit.owners:
                hits.append(hit)
            i = hit.last
        self.upgrade_lists(hits)
        return hits

    def after_title(self, i: int, titled: int) -> _Hit | None:
        """ "mevrouw Van der Meer", "dhr. J. Bos": the name after a form of address, in any case,
        with the address; a capitalised name that is nobody known is listed."""
        j = i + titled
        count = len(self.tokens)
        if j >= count or not self.joined(j - 1):
            return None
        while j < count - 1 and self.initials_before(j + 1) and self.joined(j):
            j += 1  # initials between the address and the name
        found = self.longest(j)
        start = self.tokens[i][0]
        if found is not None:
            size, entry, possessive = found
            last = j + size
            self.sure_first.add(j)
            self.sure_last.add(last - 1)
            return _Hit(
                i, last, start, self.tokens[last - 1][1], tuple(sorted(entry.owners)), True,
                Reason.NAME, possessive=possessive,
            )  # fmt: skip
        # Nobody known: particles and a capitalised word ("meneer De Vries", "mw. Pietersen").
        k = j
        while k < count - 1 and self.folded[k] in PARTICLES and self.joined(k):
            k += 1
        if not self.capitalised(k) or self.folded[k] in PARTICLES:
            return None
        last = k + 1
        while last < count and self.capitalised(last) and self.joined(last - 1):
            if self.folded[last] in ARTICLES or is_word(self.folded[last]):
                break
            last += 1
        return _Hit(
            i, last, start, self.tokens[last - 1][1], (), False, Reason.UNKNOWN_AFTER_TITLE
        )  # fmt: skip

    def judge(self, i: int, size: int, entry: _Entry, possessive: bool) -> _Hit | None:
        """Whether the words at ``i`` are a name, a doubt, or a word (None)."""
        last = i + size
        owners = tuple(sorted(entry.owners))

        def hit(sure: bool, reason: Reason = Reason.NAME) -> _Hit:
            first = i
            if sure:
                # Initials before a name identify as much as the name: "K. de Wit".
                while first > 0 and self.initials_before(first) and self.joined(first - 1):
                    first -= 1
            start, end = self.tokens[first][0], self.tokens[last - 1][1]
            return _Hit(first, last, start, end, owners, sure, reason, possessive=possessive)

        kinds = entry.kinds
        core = self.word(last - 1)
        core_folded = self.folded[last - 1]
        if possessive:
            core_folded = core_folded[:-1]
        if size >= 2 and _Kind.WHOLE in kinds:
            return hit(True)
        if (size >= 2 and _Kind.FAMILY in kinds) or (
            size == 1 and core_folded in self.namer._glued
        ):
            if core[:1].isupper() or self.person_field or not is_word(core_folded):
                return hit(True)
            return None
        if size >= 2:
            return None
        wordlike = (
            (_Kind.GIVEN in kinds and core_folded in FIRST_NAME_WORDS)
            or (bool(kinds & {_Kind.CORE, _Kind.BARE}) and is_word(core_folded))
            # "Bo" is a name, "bos" a word: a possessive that is a word is a word.
            or (possessive and is_word(self.folded[last - 1]))
        )
        if core[:1].islower():
            # A lower-case word is never a name; a name typed in lower case still is.
            return hit(True) if not wordlike else None
        if self.person_field or not wordlike:
            return hit(True)
        if self.initials_before(i) or self.verb_after(last) or self.apostrophe_after(last):
            return hit(True)
        if self.sentence_start(i):
            return hit(False, Reason.SENTENCE_START)
        if self.shouting(i):
            return hit(False, Reason.CAPITALS)
        if i > 0 and self.folded[i - 1] in ARTICLES and self.spaced(i - 1):
            return hit(False, Reason.AFTER_ARTICLE)
        if self.capitalised_run(i):
            return hit(False, Reason.CAPITALISED_RUN)
        if kinds <= {_Kind.BARE}:
            return hit(False, Reason.BARE_SURNAME)
        return hit(True)

    def verb_after(self, last: int) -> bool:
        return (
            last < len(self.tokens) and self.spaced(last - 1) and self.folded[last] in PERSON_VERBS
        )

    def apostrophe_after(self, last: int) -> bool:
        end = self.tokens[last - 1][1]
        return _APOSTROPHE_S.match(self.norm, end) is not None

    def capitalised_run(self, i: int) -> bool:
        """A capitalised word amid other capitalised words that are no names: the name of an
        organisation, a place or a title ("Stichting Groen Licht", "English Test Meeting")."""
        count = len(self.tokens)
        if i + 1 < count and self.spaced(i):
            after = i + 1
            if (
                self.capitalised(after)
                and self.folded[after] not in PARTICLES
                and not self.name_word(after)
            ):
                return True
        if i > 0 and self.spaced(i - 1):
            before = i - 1
            if (
                self.capitalised(before)
                and not self.sentence_start(before)
                and not self.name_word(before)
                and self.folded[before] not in TITLES
            ):
                return True
        return False

    def upgrade_lists(self, hits: list[_Hit]) -> None:
        """A doubtful word in a list with names is a name: "Bakker, Bos en De Wit"."""
        changed = True
        while changed:
            changed = False
            for hit in hits:
                if hit.sure or hit.reason is Reason.UNKNOWN_AFTER_TITLE:
                    continue
                if self.listed_with_name(hit):
                    hit.sure = True
                    self.sure_first.add(hit.first)
                    self.sure_last.add(hit.last - 1)
                    changed = True

    def listed_with_name(self, hit: _Hit) -> bool:
        count = len(self.tokens)
        # After it: ", Bos" or "en Bos".
        nxt = hit.last
        if nxt < count:
            between = self.norm[self.tokens[nxt - 1][1] : self.tokens[nxt][0]]
            if between.strip() in (",", "&") and nxt in self.sure_first:
                return True
            if (
                between.strip() == ""
                and self.folded[nxt] in _LIST_WORDS
                and nxt + 1 < count
                and nxt + 1 in self.sure_first
            ):
                return True
        # Before it: "Bos, Bakker" or "Bos en Bakker".
        before = hit.first - 1
        if before >= 0:
            between = self.norm[self.tokens[before][1] : self.tokens[hit.first][0]]
            if between.strip() in (",", "&") and before in self.sure_last:
                return True
            if self.folded[before] in _LIST_WORDS and before - 1 in self.sure_last:
                return True
        return False


# ---------------------------------------------------------------------- sentences

_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of ``text``: up to a full stop, ! or ? before a space, or a
    line end; every character belongs to one."""
    spans: list[tuple[int, int]] = []
    position = 0
    for end in _SENTENCE_END.finditer(text):
        spans.append((position, end.end()))
        position = end.end()
    if position < len(text) or not spans:
        spans.append((position, len(text)))
    return spans


def _sentence_at(spans: list[tuple[int, int]], position: int) -> int:
    low, high = 0, len(spans) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if spans[middle][0] <= position:
            low = middle
        else:
            high = middle - 1
    return low


def _starts_sentence(text: str, position: int) -> bool:
    position -= 1
    while position >= 0 and (
        text[position] in _OPENERS or (text[position].isspace() and text[position] != "\n")
    ):
        position -= 1
    return position < 0 or text[position] in _ENDS


def _edited(text: str, start: int, end: int, edits: list[tuple[int, int, Spot]]) -> str:
    """``text[start:end]`` with the spots inside it showing what they show."""
    pieces = []
    done = start
    for e_start, e_end, spot in edits:
        if e_start < start or e_end > end:
            continue
        pieces.append(text[done:e_start])
        pieces.append(spot.shown)
        done = e_end
    pieces.append(text[done:end])
    return "".join(pieces)
