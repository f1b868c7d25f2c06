"""The words the Namer needs to tell a name from a word: Dutch words, titles, articles, verbs.

Plain data and one question, :func:`is_word`: is this (folded) word an ordinary Dutch word? The
answer comes from ``data/nl_words.txt.gz`` (the OpenTaal word list, lower-case entries of at
most nine letters; see ``data/README.md``), loaded on the first question only: most texts name
nobody, and a meeting whose names are no words never loads it.

The small lists below are the context that makes a capitalised word a name ("meneer Bos",
"Bakker meldt") or a word ("het Bos", "Stichting Groen Licht").
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import cache
from pathlib import Path

WORDS_PATH = Path(__file__).with_name("data") / "nl_words.txt.gz"

#: Name particles (tussenvoegsels and a few others): never a name on their own.
PARTICLES = frozenset(
    {
        "van", "de", "der", "den", "het", "ter", "ten", "te", "t", "op", "in", "aan",
        "bij", "onder", "over", "uit", "voor", "el", "al", "la", "le", "du", "da", "di", "dos",
        "das", "do", "del", "della", "von", "zu", "vom", "bin", "ibn", "ben", "mac", "st",
    }
)  # fmt: skip

#: Forms of address before a surname, folded, without their dot: "mevrouw Van der Meer",
#: "dhr. Bos", "fam. Kok". Two-word titles are in TITLE_PAIRS.
TITLES = frozenset(
    {
        "mevrouw", "mevr", "mw", "mvr", "mej", "mejuffrouw", "juffrouw", "meneer", "mnr",
        "dhr", "fam", "familie", "buurman", "buurvrouw", "mr", "dr", "drs", "ir",
        "prof",
    }
)  # fmt: skip
#: "de heer Bos": the first word of the title, and the words that may follow it.
TITLE_PAIRS = {"de": frozenset({"heer"})}

#: Words after which a capitalised word is a thing rather than a person: "het Bos", "de Kok".
ARTICLES = frozenset(
    {
        "de", "het", "een", "t", "deze", "die", "dit", "dat", "onze", "ons", "hun", "mijn",
        "jouw", "uw", "elke", "ieder", "iedere", "welke", "geen",
    }
)  # fmt: skip

#: Verbs of saying and reporting that only a person does: "Bakker meldt…" names Bakker even at
#: the start of a sentence. Verbs that a word can also do ("Meer wil…", "Groen licht") are not
#: here.
PERSON_VERBS = frozenset(
    {
        "zegt", "zei", "vraagt", "vroeg", "meldt", "meldde", "antwoordt", "antwoordde",
        "vertelt", "vertelde", "belt", "belde", "mailt", "mailde", "bedankt", "bedankte",
        "pleit", "pleitte", "benadrukt", "benadrukte", "reageert", "reageerde", "oppert",
        "opperde", "beaamt", "beaamde", "informeert", "informeerde", "appt", "appte",
    }
)  # fmt: skip

#: First names that are also everyday words ("Wil je…", "Ben jij…", "Roos", "Hoop"): these,
#: and only these, are treated as words at the start of a sentence or in lower case. (The word
#: list is not asked about first names: it holds "jan" and "piet" for old sayings.)
FIRST_NAME_WORDS = frozenset(
    {
        "ben", "bas", "bob", "dag", "floor", "fleur", "hoop", "iris", "jet", "lot", "mees",
        "rob", "roos", "wil", "merel", "linde", "jade", "amber", "storm", "zon", "mark",
    }
)  # fmt: skip

#: Words that hold a group or a role, not a person, in a field that names people ("wie:
#: gemeente"): such a field is not listed as naming an unknown person.
ROLE_WORDS = frozenset(
    {
        "gemeente", "corporatie", "woningcorporatie", "werkgroep", "bestuur", "iedereen",
        "allen", "allemaal", "bewoners", "bewoner", "voorzitter", "notulist", "secretaris",
        "wijkagent", "wijkteam", "buurtteam", "organisatie", "wijkraad", "kinderraad",
        "procesbegeleider", "deskundige", "gast", "stichting", "vereniging", "team",
        "municipality", "everyone", "all", "residents", "resident", "chair",
    }
)  # fmt: skip


@cache
def _words() -> frozenset[str]:
    """The word list, accents folded off as the Namer folds them ("café" is "cafe")."""
    text = gzip.decompress(WORDS_PATH.read_bytes()).decode("utf-8")
    return frozenset(word if word.isascii() else _strip_accents(word) for word in text.split())


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def is_word(folded: str) -> bool:
    """Whether ``folded`` (lower case, no accents) is an ordinary Dutch word: "bakker",
    "groen", "meer", "kok" are; "jansen", "ouali", "kuijpers" are not."""
    return folded in _words()
