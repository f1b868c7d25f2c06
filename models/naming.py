"""How the minutes name people: real names inside, names per consent in the public version.

Pure rules, no database. In the public version an attendee who chose ``initialen`` appears as
"P.J.", one who chose ``anoniem`` as "Bewoner 1", "Bewoner 2" … numbered by attendee id, so the
numbers stay put when someone arrives late or changes presence. Their names are also taken out
of free text (notes, decisions, actions, cards): the whole name and each part of it (first
name, surname without "van", "de" …), case- and accent-insensitive, as whole words only, so
"Kok" is replaced but "Kokwerk" is not. A part shared by more people (two "Jan"s, or "Bakker"
of a consenting and a non-consenting attendee) cannot be attributed: it becomes
"[name withheld]", because naming nobody is better than naming the wrong person or the right
one against their will.

A name may also be followed by a Dutch possessive "s" ("Jans fiets" names Jan) and stand next
to digits or an underscore ("ouali2", "fatima_ouali.csv"): only letters make a longer word.
Combining accents and invisible format characters (a soft hyphen, a zero-width space) inside a
name do not hide it. A name that is already an anonymous label ("Bewoner 3", after ``baz
purge`` or ``baz person --erase``) is shown as it is, and its number is not given to anyone
else of the meeting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from models.domain import Consent
from models.i18n import _

#: Name particles that are never a name on their own (Dutch tussenvoegsels and a few others).
PARTICLES = frozenset(
    {
        "van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "t", "op", "in", "aan",
        "bij", "onder", "over", "uit", "voor", "el", "al", "la", "le", "du", "da", "di", "dos",
        "das", "do", "del", "della", "von", "zu", "vom", "bin", "ibn", "ben", "mac", "st",
    }
)  # fmt: skip
#: Some letters that Unicode does not decompose into a base letter plus an accent.
_HYPHENS = re.compile(r"[\-‐‑]")
#: Characters that are matched as nothing: combining marks and invisible format characters.
_INVISIBLE = frozenset({"Mn", "Cf"})
_SPECIAL_FOLDS = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ð": "d"}


@dataclass(frozen=True, slots=True)
class Person:
    """What naming needs to know of an attendee."""

    id: int
    name: str
    consent: Consent


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
    "Bewoner 1", "Bewoner 2" … in the order of the attendee ids. An attendee whose name is
    already such a label (anonymised) keeps it, and nobody else gets that number.
    """
    ordered = sorted(people, key=lambda p: p.id)
    taken = {n for n in (label_number(p.name) for p in ordered) if n is not None}
    names: dict[int, str] = {}
    number = 0
    for person in ordered:
        if label_number(person.name) is not None:
            names[person.id] = " ".join(person.name.split())
            continue
        consent = Consent(person.consent)
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


# ---------------------------------------------------------------------- free text


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if unicodedata.category(ch) in _INVISIBLE:
        return ""  # a combining accent, a soft hyphen or zero-width space inside a name
    if ch in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[ch]
    lowered = ch.casefold()
    if lowered in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[lowered]
    base = "".join(
        c for c in unicodedata.normalize("NFD", lowered) if unicodedata.category(c) != "Mn"
    )
    return base or lowered


def fold(text: str) -> str:
    """Text for matching names: lower case, accents off ("Yılmaz" and "yilmaz" match)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def _fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, per folded character, its index in ``text`` (None: the same)."""
    if text.isascii():
        return text.lower(), None  # one to one: no map needed
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def _key(folded: str) -> str:
    # "Anne-Marie", "Anne Marie" and "Anne  Marie" are one name.
    return " ".join(_HYPHENS.sub(" ", folded).split())


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


#: A run of letters: what a word is for the shortcut and the boundaries of a name.
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = r"[^\W\d_]"
#: Between the words of a name in a text: spaces (also non-breaking) or a hyphen.
_BETWEEN = r"[\s\-‐‑]+"


def _trie_pattern(keys: Iterable[str]) -> str:
    """One regular expression for many names, as a tree of shared beginnings.

    A plain alternation of 900 names tries every name at every position of every text; the
    tree tries only the names that begin like the text. Optional tails are greedy, so at one
    position the longest name wins ("Jan de Vries" over "Jan").
    """
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        # A key's words are joined by single spaces (see _key); a space stands for any separator.
        for unit in key:
            node = node.setdefault(unit, {})
        node[""] = {}  # the end of a name

    def pattern(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (_BETWEEN if unit == " " else re.escape(unit)) + pattern(child)
            for unit, child in sorted(node.items())
            if unit
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


class Namer:
    """Names people and cleans free text for one version of the minutes."""

    def __init__(
        self,
        people: Iterable[Person],
        *,
        public: bool,
        shown: Mapping[int, str] | None = None,
        parts: bool = True,
    ) -> None:
        """``shown`` replaces the public names of some people (anonymising stored data gives
        them their new label); ``parts=False`` matches whole names only, not first names or
        surnames alone (for texts of meetings the person did not attend)."""
        self.people = {p.id: p for p in people}
        self.public = public
        self.names = (
            public_names(self.people.values())
            if public
            else {p.id: p.name for p in self.people.values()}
        )
        if public and shown:
            self.names.update(shown)
        self._parts = parts
        self._pattern: re.Pattern[str] | None = None
        self._replacement: dict[str, str | None] = {}
        self._first_words: set[str] | None = set()
        if public:
            self._prepare()

    def name(self, attendee_id: int | None, fallback: str = "") -> str:
        """How this version names the attendee; ``fallback`` for an unknown id."""
        if attendee_id is None:
            return fallback
        return self.names.get(attendee_id, self.text(fallback))

    def _prepare(self) -> None:
        # Who has each whole name or part: one owner can be named, more cannot.
        owners: dict[str, set[int]] = {}
        for person in self.people.values():
            if not person.name.strip() or label_number(person.name) is not None:
                continue  # an anonymous label is not a name to hide
            for words in (person.name, *(name_parts(person.name) if self._parts else ())):
                key = _key(fold(words))
                if key:  # a name of only hyphens ("-") would match everywhere, as nothing
                    owners.setdefault(key, set()).add(person.id)
                if " " in key:  # written as one word: "pieterkuijpers@buurt.nl", "#FatimaOuali"
                    owners.setdefault(key.replace(" ", ""), set()).add(person.id)
        withheld = _("[name withheld]")
        replacement: dict[str, str | None] = {}
        for key, who in owners.items():
            if all(Consent(self.people[o].consent) == Consent.NAAM for o in who):
                replacement[key] = None  # kept; a whole name also shields its parts
            elif len(who) == 1:
                replacement[key] = self.names[next(iter(who))]
            else:
                replacement[key] = withheld
        if not any(value is not None for value in replacement.values()):
            return  # nobody to hide
        # Only a letter makes a longer word: "Ouali2" and "fatima_ouali" name her; a Dutch
        # possessive "s" too ("Jans fiets"), unless that is somebody's name itself.
        self._pattern = re.compile(
            rf"(?<!{_LETTER})(?P<name>{_trie_pattern(replacement)})(?P<s>s?)(?!{_LETTER})"
        )
        self._replacement = replacement
        # Most texts name nobody: a set lookup per word tells before the pattern runs.
        firsts = [_WORD.search(key) for key in replacement]
        # A name without letters (🙂) gives no shortcut: then every text is searched.
        self._first_words = (
            {w for f in firsts if f is not None for w in (f.group(), f.group() + "s")}
            if all(firsts)
            else None
        )

    def text(self, text: str) -> str:
        """Free text with the names of people who did not consent replaced (public version)."""
        if self._pattern is None or not text:
            return text
        folded, where = _fold_with_map(text)
        if self._first_words is not None and self._first_words.isdisjoint(_WORD.findall(folded)):
            return text
        pieces: list[str] = []
        done = 0
        for match in self._pattern.finditer(folded):
            shown = self._replacement.get(_key(match.group("name")))
            if shown is None:
                continue
            if match.group("s"):
                shown += "'s"
            start, end = match.span()
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            pieces.append(text[done:start])
            # "Ouali2" must not become "Bewoner 12", another resident.
            glued = end < len(text) and text[end].isdigit() and shown[-1:].isdigit()
            pieces.append(shown + "-" if glued else shown)
            done = end
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)
