"""How the public minutes name people and clean their names out of free text (pure rules).

The big corpus of realistic sentences is ``test_naming_corpus``; here each rule on its own.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain import Consent, ReviewAnswer
from models.i18n import _
from models.rules.lexicon import is_word
from models.rules.naming import (
    Namer,
    Person,
    Reason,
    ReviewChoice,
    SpotKind,
    fold,
    initials,
    name_parts,
    normalise,
    public_names,
    spot_key,
)

N, INI, A = Consent.NAAM, Consent.INITIALEN, Consent.ANONIEM
#: Read in the test language; the assertions hold before and after the catalogue has it.
WITHHELD = _("[name withheld]")
A_RESIDENT = _("a resident")

PEOPLE = (
    Person(1, "Jan de Vries", N),
    Person(2, "Fatima Ouali", A),
    Person(3, "Piet Jansen", INI),
    Person(4, "Anna Bakker", A),
    Person(5, "Ingrid Bakker", N),
    Person(6, "Esra Yılmaz", A),
    Person(7, "Wilma Kok", A),
    Person(8, "Joost van der Linden", INI),
)


@pytest.fixture
def public() -> Namer:
    return Namer(PEOPLE, public=True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Piet Jansen", "P.J."),
        ("Joost van der Linden", "J.v.d.L."),
        ("Anne-Marie de Wit", "A.M.d.W."),
        ("Esra Yılmaz", "E.Y."),
        ("  Kees ", "K."),
        ("🙂", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_public_names_follow_consent_and_number_by_attendee_id() -> None:
    names = public_names(reversed(PEOPLE))  # the order given does not matter
    assert names == {
        1: "Jan de Vries",
        2: "Bewoner 1",
        3: "P.J.",
        4: "Bewoner 2",
        5: "Ingrid Bakker",
        6: "Bewoner 3",
        7: "Bewoner 4",
        8: "J.v.d.L.",
    }
    # A name without letters cannot give initials: that person is numbered instead.
    assert public_names([Person(1, "🙂", INI), Person(2, "Ann Smit", A)]) == {
        1: "Bewoner 1",
        2: "Bewoner 2",
    }
    # A consent BaZ does not know counts as none.
    assert public_names([Person(1, "Ann Smit", "misschien")]) == {1: "Bewoner 1"}


def test_the_internal_version_keeps_everything(public: Namer) -> None:
    internal = Namer(PEOPLE, public=False)
    text = "Fatima Ouali en Anna Bakker spraken; mail fatima@buurt.nl."
    assert internal.text(text) == text
    assert internal.scan(text) == (text, [])
    assert internal.name(2) == "Fatima Ouali"
    assert public.name(2) == "Bewoner 1"
    assert public.name(None, "Bewoner") == "Bewoner"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fatima Ouali stelde voor", "Bewoner 1 stelde voor"),
        ("fatima ouali en FATIMA", "Bewoner 1 en Bewoner 1"),
        ("Ouali's idee", "Bewoner 1's idee"),
        ("Piet Jansen en Jansen", "P.J. en P.J."),
        ("Esra Yilmaz", "Bewoner 3"),  # typed without the dotless i
        ("YILMAZ", "Bewoner 3"),
        # "Linden" alone is a word too, and the bare core of "van der Linden": listed.
        ("Joost van der Linden; Linden", "J.v.d.L.; Linden"),
        ("Joost van der Linden; Van der Linden", "J.v.d.L.; J.v.d.L."),
        ("Fatima\u00a0Ouali", "Bewoner 1"),  # a non-breaking space between the names
        ("Fatima-Ouali", "Bewoner 1"),
        # Parts of other words stay: word boundaries.
        ("Het Kokwerk en de Kokkelkamp", "Het Kokwerk en de Kokkelkamp"),
        # Digits, an underscore or a possessive "s" do not make a name another word.
        ("Ouali2 en Fatimas fiets", "Bewoner 1-2 en Bewoner 1's fiets"),
        ("fatima_ouali.csv", "Bewoner 1.csv"),
        # A consenting whole name stays and shields its parts.
        ("Ingrid Bakker en Jan de Vries", "Ingrid Bakker en Jan de Vries"),
        # "Bakker" alone may be Anna (no consent) or Ingrid: withheld, and listed.
        ("mevrouw Bakker", WITHHELD),
        ("Anna Bakker", "Bewoner 2"),
        # Particles are never a name on their own.
        ("de van der het", "de van der het"),
        ("Jan", "Jan"),  # only a consenting person is called Jan
        ("", ""),
        # A lower-case word is never a name; a name typed in lower case still is.
        ("de kok van het wijkcentrum", "de kok van het wijkcentrum"),
        ("wilma kookt", "Bewoner 4 kookt"),
    ],
)
def test_names_in_free_text(public: Namer, text: str, expected: str) -> None:
    assert public.text(text) == expected


def test_accented_text_keeps_its_other_characters(public: Namer) -> None:
    text = "Café «Kok» — ☕ مرحبا Wilma Kok 🎉 çà"
    assert public.text(text) == "Café «Bewoner 4» — ☕ مرحبا Bewoner 4 🎉 çà"


def test_a_first_name_shared_by_two_residents_is_withheld() -> None:
    namer = Namer([Person(1, "Jan Smit", A), Person(2, "Jan Mulder", A)], public=True)
    text, spots = namer.scan("Jan Smit, Jan Mulder en Jan")
    assert text == f"Bewoner 1, Bewoner 2 en {WITHHELD}"
    # Neither may be named: nothing to doubt, it is replaced.
    assert [s.kind for s in spots] == [SpotKind.REPLACED] * 3


def test_a_first_name_of_someone_who_may_be_named_is_withheld_and_listed() -> None:
    namer = Namer([Person(1, "Sanne Groen", A), Person(2, "Sanne de Vries", N)], public=True)
    text, (spot,) = namer.scan("Sanne belt.")
    assert text == f"{WITHHELD} belt."
    assert (spot.kind, spot.reason, spot.candidates) == (SpotKind.WITHHELD, Reason.SHARED, (1, 2))
    assert namer.text("Sanne de Vries belt.") == "Sanne de Vries belt."


def test_name_parts_leave_particles_and_initials_out() -> None:
    assert name_parts("Joost van der Linden") == ["Joost", "Linden"]
    assert name_parts("Mohammed El Amrani") == ["Mohammed", "Amrani"]
    assert name_parts("P. J. Jansen-de Boer") == ["Jansen-de", "Jansen", "Boer"]
    assert fold("Yılmaz ÇÖL") == "yilmaz col"


def test_normalising_drops_invisible_characters_and_maps_look_alikes() -> None:
    text = "Wil\u200bma\u00a0K\u043e\u043a\u00ad! \uff21"
    normal, where = normalise(text)
    assert normal == "Wilma Kok! A"
    assert where is not None and [text[i] for i in where][:5] == list("Wilma")
    assert normalise("plain") == ("plain", None)


def test_the_word_list_knows_words_from_names() -> None:
    for word in ("bakker", "groen", "kok", "bos", "wit", "groot", "meer", "visser", "haan"):
        assert is_word(word), word
    for name in ("jansen", "ouali", "kuijpers", "yilmaz", "amrani", "smit"):
        assert not is_word(name), name


# ------------------------------------------------------------------ words and names

WORDY = (
    Person(1, "Henk Bakker", A),
    Person(2, "Karin de Wit", A),
    Person(3, "Wilma Kok", A),
    Person(4, "Sanne Groen", A),
    Person(5, "Jan van der Meer", A),
)


@pytest.fixture
def wordy() -> Namer:
    return Namer(WORDY, public=True)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Groen is de kleur van de hoop.", Reason.SENTENCE_START),
        ("Meer groen in de wijk.", Reason.SENTENCE_START),
        ("- Bakker is een mooi beroep", Reason.SENTENCE_START),
        ("GROEN IN DE WIJK", Reason.SENTENCE_START),
        ("Het thema was GROEN EN BLAUW", Reason.CAPITALS),
        ("Koffie bij de Kok, het café.", Reason.AFTER_ARTICLE),
        ("Steun van Stichting Groen Licht.", Reason.CAPITALISED_RUN),
        ("Het water van het park heet ook wel Meer.", Reason.BARE_SURNAME),
    ],
)
def test_a_surname_that_is_a_word_is_listed_not_replaced(
    wordy: Namer, text: str, reason: Reason
) -> None:
    cleaned, (spot,) = wordy.scan(text)
    assert cleaned == text
    assert (spot.kind, spot.reason) == (SpotKind.DOUBT, reason)
    assert spot.shown == spot.found and spot.proposed.startswith("Bewoner")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bakker meldt dat de bus laat is.", "Bewoner 1 meldt dat de bus laat is."),
        (
            "Bakker, Groen en De Wit zijn het eens.",
            "Bewoner 1, Bewoner 4 en Bewoner 2 zijn het eens.",
        ),
        ("H. Bakker opent.", "Bewoner 1 opent."),
        ("Bakker's tuin", "Bewoner 1's tuin"),
        ("Afspraak met Bakker.", "Afspraak met Bewoner 1."),
        ("De Wit is er niet.", "Bewoner 2 is er niet."),
        ("Volgens van der Meer klopt het.", "Volgens Bewoner 5 klopt het."),
        ("mevrouw Van der Meer", "Bewoner 5"),
        ("dhr. Kok en fam. Groen", "Bewoner 3 en Bewoner 4"),
        ("de heer Bakker", "Bewoner 1"),
        ("Mw. H. Bakker", "Bewoner 1"),
    ],
)
def test_a_surname_written_as_a_surname_is_replaced(wordy: Namer, text: str, expected: str) -> None:
    cleaned, spots = wordy.scan(text)
    assert cleaned == expected
    assert all(s.kind is SpotKind.REPLACED for s in spots)


def test_a_name_after_a_title_that_is_nobody_is_listed(wordy: Namer) -> None:
    text, (spot,) = wordy.scan("Meneer Pietersen belde over de container.")
    assert text == "Meneer Pietersen belde over de container."
    assert (spot.found, spot.reason, spot.proposed) == (
        "Meneer Pietersen",
        Reason.UNKNOWN_AFTER_TITLE,
        A_RESIDENT,
    )
    # "de heer" is a title in two words; the fast path must not skip it.
    assert wordy.scan("de heer Pietersen")[1][0].found == "de heer Pietersen"


def test_contacts_never_appear(wordy: Namer) -> None:
    text, spots = wordy.scan("Mail k.dewit@buurt.nl of bel 06-12345678, niet 01-12-2026.")
    assert text == (
        f"Mail {_('[e-mail address withheld]')} of bel {_('[phone number withheld]')}, "
        "niet 01-12-2026."
    )
    assert [(s.kind, s.reason) for s in spots] == [
        (SpotKind.CONTACT, Reason.EMAIL),
        (SpotKind.CONTACT, Reason.PHONE),
    ]


def test_fields_that_hold_people(wordy: Namer) -> None:
    assert wordy.person("Groen") == "Bewoner 4"  # no doubt: the field names people
    assert wordy.person("gemeente") == "gemeente"
    assert wordy.person("de kok") == "de kok"
    text, (spot,) = wordy.scan("Pietersen", person_field=True)
    assert (text, spot.reason) == ("Pietersen", Reason.UNKNOWN_PERSON)


def test_people_of_other_meetings_keep_their_consent() -> None:
    namer = Namer(
        [
            Person(1, "Henk Bakker", A),
            Person(50, "Yusuf Amrani", A, here=False),
            Person(51, "Noor Dekker", N, here=False),
            Person(52, "Piet Pronk", INI, here=False),
        ],
        public=True,
    )
    assert namer.names == {1: "Bewoner 1", 50: WITHHELD, 51: "Noor Dekker", 52: "P.P."}
    assert namer.text("Yusuf, Noor Dekker en Pronk") == f"{WITHHELD}, Noor Dekker en P.P."


# ------------------------------------------------------------------ the review's choices


def test_choices_keep_undo_or_name_a_spot(wordy: Namer) -> None:
    text = "Groen is mooi. Sanne belt Bakker."
    _cleaned, spots = wordy.scan(text)
    doubt, replaced = spots[0], spots[2]
    assert (doubt.found, replaced.found) == ("Groen", "Bakker")
    choices = {
        doubt.key: ReviewChoice(ReviewAnswer.NAME, attendee_id=4),
        replaced.key: ReviewChoice(ReviewAnswer.KEEP),
    }
    chosen = Namer(WORDY, public=True, choices=choices)
    cleaned, spots = chosen.scan(text)
    assert cleaned == "Bewoner 4 is mooi. Bewoner 4 belt Bakker."
    assert [s.choice for s in spots] == [ReviewAnswer.NAME, None, ReviewAnswer.KEEP]


def test_a_name_of_somebody_on_no_list_is_replaced_everywhere(wordy: Namer) -> None:
    _text, (spot,) = wordy.scan("meneer Pietersen belde.")
    choices = {spot.key: ReviewChoice(ReviewAnswer.NAME, word="Pietersen")}
    chosen = Namer(WORDY, public=True, choices=choices)
    assert chosen.text("meneer Pietersen belde.") == f"{A_RESIDENT.capitalize()} belde."
    assert chosen.text("Later kwam Pietersen nog.") == f"Later kwam {A_RESIDENT} nog."
    # In a field of people it is a name in a list, not the start of a sentence.
    assert chosen.person("Pietersen") == A_RESIDENT
    # The marked name follows the rules of every name: in lower case, and no word, it is one.
    assert chosen.text("de pietersen") == f"de {A_RESIDENT}"


def test_a_changed_sentence_comes_back_for_review(wordy: Namer) -> None:
    _text, (spot,) = wordy.scan("Groen is mooi.")
    chosen = Namer(
        WORDY, public=True, choices={spot.key: ReviewChoice(ReviewAnswer.NAME, attendee_id=4)}
    )
    assert chosen.text("Groen is mooi.") == "Bewoner 4 is mooi."
    assert chosen.text("Groen is heel mooi.") == "Groen is heel mooi."  # another sentence
    assert spot_key("Groen is mooi.", "Groen", 0) == spot.key
    assert spot_key("Groen is  mooi. ", "Groen", 0) == spot.key  # spaces do not count
    assert spot_key("Groen is mooi.", "Groen", 1) != spot.key


def test_an_e_mail_address_cannot_be_kept(wordy: Namer) -> None:
    _text, (spot,) = wordy.scan("Mail h@b.nl")
    chosen = Namer(WORDY, public=True, choices={spot.key: ReviewChoice(ReviewAnswer.KEEP)})
    assert "h@b.nl" not in chosen.text("Mail h@b.nl")


def test_anonymising_stored_data_replaces_doubts_too() -> None:
    namer = Namer(WORDY, public=True, resolve_doubts=True)
    assert namer.text("Groen is mooi.") == "Bewoner 4 is mooi."
    assert namer.text("meer groen") == "meer groen"


@given(st.text(max_size=200))
def test_public_text_never_contains_a_hidden_full_name(noise: str) -> None:
    namer = Namer(PEOPLE, public=True)
    text = f"{noise} Fatima Ouali {noise}Anna Bakker {noise}"
    cleaned = fold(namer.text(text))
    assert "fatima ouali" not in cleaned
    assert "anna bakker" not in cleaned
