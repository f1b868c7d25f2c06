"""The Namer on a corpus of realistic Dutch meeting sentences, on generated names and text, and
against the clock.

The corpus (``tests/naming_corpus.py``): residents whose surnames are ordinary Dutch words, an
earlier meeting of the process, and sentences that use every one of those surnames as a word
too. Every sentence must come out exactly as expected: 0 names leaked, 0 ordinary words changed.
"""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from datetime import date
from datetime import time as clock_time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from baz_tui.export.docx_writer import build_document
from models.domain import CardKind, Consent
from models.minutes import build_minutes
from models.rules.lexicon import PERSON_VERBS, is_word
from models.rules.naming import Namer, Person, fold, name_parts
from models.store import Store
from tests.e2e.test_privacy_export import leaks
from tests.naming_corpus import CASES, HIDDEN, PEOPLE, PERSON_FIELDS, Case

CORPUS_PEOPLE = [Person(i, name, consent, here=here) for i, name, consent, here in PEOPLE]


@pytest.fixture(scope="module")
def namer() -> Namer:
    return Namer(CORPUS_PEOPLE, public=True)


def _id(case: Case) -> str:
    return f"{case.category}: {case.text[:40]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_each_sentence_reads_right_in_the_public_version(namer: Namer, case: Case) -> None:
    public, spots = namer.scan(case.text)
    assert public == case.public
    assert tuple(s.found for s in spots if s.doubtful) == case.doubt


@pytest.mark.parametrize("case", PERSON_FIELDS, ids=_id)
def test_fields_that_hold_people(namer: Namer, case: Case) -> None:
    public, spots = namer.scan(case.text, person_field=True)
    assert public == case.public
    assert tuple(s.found for s in spots if s.doubtful) == case.doubt


def _hidden_words() -> set[str]:
    """Every word that names somebody without consent and is no ordinary word: it may never
    be in the public version, whatever the sentence."""

    def pieces(names: tuple[str, ...]) -> set[str]:
        found = set()
        for name in names:
            for part in name_parts(name):
                found |= {p for p in re.findall(r"[^\W\d_]+", fold(part)) if not is_word(p)}
        return found

    named = tuple(name for _i, name, consent, _h in PEOPLE if consent == Consent.NAAM)
    words = pieces(HIDDEN) - pieces(named)  # "Sanne" of Sanne de Vries may be there
    return words | {w + "s" for w in words}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", fold(text))


def test_the_corpus_leaks_no_name_and_changes_no_word(namer: Namer) -> None:
    """The figures of the issue: at least 150 sentences in every category, 0 leaks, 0 words
    changed — and the corpus really does use each surname-word as a word."""
    assert len(CASES) >= 150
    categories = Counter(c.category for c in CASES)
    for category in (
        "words", "sentence start", "title", "name", "possessive", "particle", "list",
        "parentheses", "invisible", "contact", "shared", "earlier", "consent",
    ):  # fmt: skip
        assert categories[category] >= 4, category
    hidden = _hidden_words()
    leaked = changed = 0
    for case in CASES:
        public = namer.text(case.text)
        leaked += len(set(_words(public)) & hidden)
        if case.public == case.text and public != case.text:
            changed += 1
    assert (leaked, changed) == (0, 0)
    typed_as_words = {w for c in CASES if c.category == "words" for w in _words(c.text)}
    for surname in ("bakker", "wit", "kok", "groen", "bos", "groot", "visser", "mulder", "haan",
                    "meer", "jong", "koning", "graaf", "vries"):  # fmt: skip
        assert surname in typed_as_words, surname


# ------------------------------------------------------------------ generated

#: Dutch-like syllables: names made of them are no Dutch word (checked) and no particle.
_SYLLABLES = ("ba", "ker", "wil", "ma", "dijk", "hui", "zen", "ter", "mo", "len", "sma", "rie",
              "jo", "ost", "kui", "pers", "fre", "ek", "lo", "ren", "va", "nes", "hof", "stra")  # fmt: skip
_name_word = (
    st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3)
    .map("".join)
    .filter(lambda w: not is_word(w) and len(w) >= 4)
    .map(str.capitalize)
)
#: Ordinary words, among them every surname-word of the corpus.
_WORDS = ("de", "het", "een", "bewoners", "willen", "meer", "groen", "bakker", "kok", "bos",
          "wit", "groot", "visser", "mulder", "haan", "koning", "jong", "op", "hoek", "plein",
          "bomen", "schaduw", "speeltuin", "te", "in", "van", "en", "of", "niet", "graag",
          "vraagt", "gemeente", "budget", "euro", "2027", "buurt", "school", "vijver")  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14),
    stop=st.sampled_from([".", "!", "?", ":", ""]),
    capital=st.booleans(),
)
def test_a_sentence_without_a_name_comes_out_unchanged(
    words: list[str], stop: str, capital: bool
) -> None:
    # A capitalised surname-word before a verb of speaking is a name by rule ("Mulder vraagt
    # of…", cases of the corpus): that sentence has a name, and is not one of these.
    assume(not (capital and len(words) > 1 and words[1] in PERSON_VERBS))
    sentence = " ".join(words) + stop
    if capital:
        sentence = sentence[:1].upper() + sentence[1:]
    namer = Namer(CORPUS_PEOPLE, public=True)
    assert namer.text(sentence) == sentence


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=_name_word,
    last=_name_word,
    particle=st.sampled_from(["", "de", "van der", "van"]),
    filler=st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8).map(" ".join),
    style=st.sampled_from(
        [
            "whole",
            "lower",
            "first",
            "title",
            "surname",
            "possessive",
            "zero-width",
            "list",
            "glued",
            "email",
            "initials",
        ]
    ),  # fmt: skip
)
def test_a_generated_name_reaches_no_part_of_the_public_file(
    first: str, last: str, particle: str, filler: str, style: str
) -> None:
    """Names made up of Dutch-like syllables, typed the ways people type them in the middle of
    Dutch-like text: no part of them is in any XML part of the public Word file."""
    surname = f"{particle} {last}".strip()
    name = f"{first} {surname}"
    title_surname = surname[:1].upper() + surname[1:]
    typed = {
        "whole": name,
        "lower": name.lower(),
        "first": first,
        "title": f"mevrouw {title_surname}",
        "surname": f"met {title_surname}",
        "possessive": f"{first}s fiets",
        "zero-width": name.replace(" ", "\u200b"),
        "list": f"Bakker, {title_surname} en De Wit",
        "glued": f"#{first}{last}",
        "email": f"{first.lower()}.{last.lower()}@buurt.nl",
        "initials": f"{first[0]}. {surname}",
    }[style]
    store = Store.in_memory()
    try:
        info = store.create_meeting("Bewonersavond", date(2026, 12, 1), clock_time(19, 30))
        person = store.add_attendee(info.id, name, "bewoner", "anoniem")
        store.add_attendee(info.id, "Henk Bakker", "bewoner", "anoniem")
        store.add_attendee(info.id, "Karin de Wit", "bewoner", "naam")
        item = store.list_agenda(info.id)[2]
        store.save_notes(item.id, f"{filler.capitalize()} {typed} {filler}. {typed} {filler}.")
        store.add_card(item.id, CardKind.OORZAAK, f"{filler} {typed}", author_attendee_id=person.id)
        store.add_decision(info.id, f"Het voorstel van {typed} is aangenomen.", item_id=item.id)
        store.add_action(info.id, f"{filler} met {typed}", who=typed, item_id=item.id)
        document = build_document(build_minutes(store, info.id, public=True))
        out = io.BytesIO()
        document.save(out)
    finally:
        store.close()
    assert leaks(out.getvalue(), [name]) == []


# ------------------------------------------------------------------------ speed


def test_the_namer_on_a_5000_word_note_takes_at_most_50_ms(namer: Namer) -> None:
    sentences: list[str] = []
    words = 0
    while words < 5000:
        case = CASES[len(sentences) % len(CASES)]
        sentences.append(case.text)
        words += len(case.text.split())
    note = " ".join(sentences)
    namer.text(note)  # the word list is loaded once per process: not what is measured
    # The namer's own CPU time, best of five: a test run beside other work (CI on two cores)
    # waits for a core, which is not the namer's cost (wall-clock figures: ``python -m bench``).
    best = float("inf")
    for _round in range(5):
        start = time.process_time()
        namer.text(note)
        best = min(best, time.process_time() - start)
    assert best <= 0.050, f"{best * 1000:.1f} ms of CPU for {words} words"


def test_the_people_of_the_corpus_are_as_the_cases_say() -> None:
    """The labels the expected sentences use are the ones the rules give these people."""
    namer = Namer(CORPUS_PEOPLE, public=True)
    assert namer.names[1] == "Bewoner 1" and namer.names[14] == "Bewoner 9"
    assert namer.names[6] == "J.v.d.M." and namer.names[12] == "R.S."
    assert namer.names[101] == namer.names[102] == "[naam weggelaten]"
    assert namer.names[103] == "Noor Dekker"
    assert all(Consent(c) for _i, _n, c, _h in PEOPLE)
