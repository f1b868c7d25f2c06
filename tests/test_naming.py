"""How the public minutes name people and clean their names out of free text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain import Consent
from models.i18n import _
from models.naming import Namer, Person, fold, initials, name_parts, public_names

N, INI, A = Consent.NAAM, Consent.INITIALEN, Consent.ANONIEM
#: Read in the test language; the assertions hold before and after the catalogue has it.
WITHHELD = _("[name withheld]")

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


def test_the_internal_version_keeps_everything(public: Namer) -> None:
    internal = Namer(PEOPLE, public=False)
    text = "Fatima Ouali en Anna Bakker spraken."
    assert internal.text(text) == text
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
        ("Joost van der Linden; Linden", "J.v.d.L.; J.v.d.L."),
        ("Fatima\u00a0Ouali", "Bewoner 1"),  # a non-breaking space between the names
        ("Fatima-Ouali", "Bewoner 1"),
        # Parts of other words stay: word boundaries.
        ("Het Kokwerk en de Kokkelkamp", "Het Kokwerk en de Kokkelkamp"),
        # Digits, an underscore or a possessive "s" do not make a name another word.
        ("Ouali2 en Fatimas fiets", "Bewoner 1-2 en Bewoner 1's fiets"),
        ("fatima_ouali.csv", "Bewoner 1_Bewoner 1.csv"),
        # A consenting whole name stays and shields its parts.
        ("Ingrid Bakker en Jan de Vries", "Ingrid Bakker en Jan de Vries"),
        # "Bakker" alone may be Anna (no consent) or Ingrid: nobody can be named.
        ("mevrouw Bakker", f"mevrouw {WITHHELD}"),
        ("Anna Bakker", "Bewoner 2"),
        # Particles are never a name on their own.
        ("de van der het", "de van der het"),
        ("Jan", "Jan"),  # only a consenting person is called Jan
        ("", ""),
    ],
)
def test_names_in_free_text(public: Namer, text: str, expected: str) -> None:
    assert public.text(text) == expected


def test_accented_text_keeps_its_other_characters(public: Namer) -> None:
    text = "Café «Kok» — ☕ مرحبا Wilma Kok 🎉 çà"
    assert public.text(text) == "Café «Bewoner 4» — ☕ مرحبا Bewoner 4 🎉 çà"


def test_a_first_name_shared_by_two_residents_is_withheld() -> None:
    namer = Namer([Person(1, "Jan Smit", A), Person(2, "Jan Mulder", A)], public=True)
    assert namer.text("Jan Smit, Jan Mulder en Jan") == f"Bewoner 1, Bewoner 2 en {WITHHELD}"


def test_name_parts_leave_particles_and_initials_out() -> None:
    assert name_parts("Joost van der Linden") == ["Joost", "Linden"]
    assert name_parts("Mohammed El Amrani") == ["Mohammed", "Amrani"]
    assert name_parts("P. J. Jansen-de Boer") == ["Jansen-de", "Jansen", "Boer"]
    assert fold("Yılmaz ÇÖL") == "yilmaz col"


@given(st.text(max_size=200))
def test_public_text_never_contains_a_hidden_full_name(noise: str) -> None:
    namer = Namer(PEOPLE, public=True)
    text = f"{noise} Fatima Ouali {noise}Anna Bakker {noise}"
    cleaned = fold(namer.text(text))
    assert "fatima ouali" not in cleaned
    assert "anna bakker" not in cleaned
