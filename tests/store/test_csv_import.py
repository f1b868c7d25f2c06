"""CSV files from spreadsheets and online polls: attendee lists and digital pre-votes.

The files in tests/data/ are what real programs save: a Dutch Excel (semicolons,
Windows-1252, CRLF), an English sheet with a byte order mark, Excel's "sep=" line, an online
poll's export with a line per vote.
"""

from __future__ import annotations

import codecs
from typing import Any

import pytest

from models.domain import Channel, Consent, PollMethod, Role
from models.errors import BazError
from models.files.csv_import import (
    PER_BALLOT,
    PER_OPTION,
    CsvError,
    decode,
    digital_source_text,
    parse_attendees,
    parse_votes,
    problem_text,
    read_csv,
    without_known,
)
from models.store import Store
from tests.conftest import DATA

DESIGN = (
    "Natuurlijk spelen: groen, boomstammen en een waterpomp",
    "Sport en bewegen: trapveldje en klimrek",
    "Ontmoeten: bankjes in de schaduw en een jeu-de-boulesbaan",
)


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def people(parsed: Any) -> list[tuple[int, str, Role, Consent]]:
    return [(r.line, r.name, r.role, r.consent) for r in parsed.rows]


# ----------------------------------------------------------------- reading any CSV at all


def test_a_dutch_excel_file_semicolons_windows_1252() -> None:
    parsed = parse_attendees(data("deelnemers-nl-puntkomma-cp1252.csv"))
    assert parsed.table.delimiter == ";" and parsed.table.encoding == "Windows-1252"
    assert people(parsed) == [
        (2, "José Ëlberg", Role.BEWONER, Consent.NAAM),
        (3, "Zoë Çelik", Role.BEWONER, Consent.INITIALEN),
        # No consent given: as usual for the role (professionals are named).
        (6, "René d'Hondt", Role.GEMEENTE, Consent.NAAM),
        # No role: a resident, anonymous.
        (8, "Anouk Smit", Role.BEWONER, Consent.ANONIEM),
    ]
    assert [p.line for p in parsed.problems] == [4, 5]
    assert "burgemeester" in parsed.problems[0].message
    assert parsed.ignored_columns == ("E-mail",)


def test_an_english_file_with_commas_and_a_byte_order_mark() -> None:
    parsed = parse_attendees(data("attendees-en-comma-bom.csv"))
    assert parsed.table.delimiter == "," and parsed.table.encoding.startswith("UTF-8")
    assert people(parsed) == [
        (2, "Baker, Anna", Role.BEWONER, Consent.ANONIEM),
        (3, "Tom Wood", Role.VOORZITTER, Consent.NAAM),
        (5, "Peter Ng", Role.GAST, Consent.INITIALEN),
    ]
    assert [(p.line, "maybe" in p.message) for p in parsed.problems] == [(4, True)]


def test_excel_separator_line_and_first_and_last_names() -> None:
    parsed = parse_attendees(data("deelnemers-voornaam-achternaam.csv"))
    assert parsed.table.encoding == "UTF-8" and parsed.table.delimiter == ";"
    assert people(parsed) == [
        (3, "Ilse van der Berg", Role.BEWONER, Consent.NAAM),
        (4, "Ahmed Bouzid", Role.WIJKAGENT, Consent.NAAM),
    ]
    # The same person twice in one file: the second line is reported, with the first.
    assert [p.line for p in parsed.problems] == [5]
    assert "3" in parsed.problems[0].message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_every_encoding_and_separator_reads_the_same(encoding: str, delimiter: str) -> None:
    text = delimiter.join(["naam", "rol", "toestemming"]) + "\r\n"
    text += delimiter.join(["Noël Façade", "deskundige", "initialen"]) + "\r\n"
    parsed = parse_attendees(text.encode(encoding))
    assert people(parsed) == [(2, "Noël Façade", Role.DESKUNDIGE, Consent.INITIALEN)]
    assert parsed.table.delimiter == delimiter and not parsed.problems


@pytest.mark.parametrize(
    ("header", "role", "consent"),
    [
        ("Naam;Rol;Toestemming", "Gemeente", "Volledige naam"),
        ("NAME;ROLE;CONSENT", "municipality", "Full name"),
        ("Deelnemer;Functie;In de notulen als", "ambtenaar", "ja"),
        ("name;role;In the public minutes as", "gemeente", "y"),
    ],
)
def test_headers_and_values_in_dutch_or_english(header: str, role: str, consent: str) -> None:
    parsed = parse_attendees(f"{header}\nSanne de Wit;{role};{consent}\n".encode())
    assert people(parsed) == [(2, "Sanne de Wit", Role.GEMEENTE, Consent.NAAM)]


def test_quoted_fields_may_hold_separators_and_new_lines() -> None:
    raw = b'naam;rol\n"Jansen; Piet";bewoner\n"Anna\nBakker";gast\n'
    parsed = parse_attendees(raw)
    # A new line inside a name is a line break in a cell: the name is one line again.
    assert [r.name for r in parsed.rows] == ["Jansen; Piet", "Anna Bakker"]


def test_bad_lines_are_reported_one_by_one_with_their_line() -> None:
    raw = (
        "naam;rol;toestemming\n"
        "Goed Mens;bewoner;naam\n"
        "Burgemeester Jansen;burgemeester;naam\n"
        "Kees;bewoner;misschien\n"
        ";gast;anoniem\n"
        "Rare\x07Naam;bewoner;naam\n"
        f"{'x' * 201};bewoner;naam\n"
        "Nog Een;wethouder;soms\n"
    ).encode()
    parsed = parse_attendees(raw)
    assert [r.name for r in parsed.rows] == ["Goed Mens"]
    assert [p.line for p in parsed.problems] == [3, 4, 5, 6, 7, 8]
    assert "“burgemeester”" in str(parsed.problems[0])
    assert "“misschien”" in str(parsed.problems[1])
    # Both problems of one line are named.
    assert "“wethouder”" in str(parsed.problems[5]) and "“soms”" in str(parsed.problems[5])
    # "Regel 3: onbekende rol “burgemeester”"
    assert str(parsed.problems[0]).split(" ", 1)[1].startswith("3: ")


def test_people_already_on_the_list_are_left_out_and_reported() -> None:
    parsed = without_known(
        parse_attendees(data("deelnemers-nl-puntkomma-cp1252.csv")), ["zoë  çelik", "Iemand"]
    )
    assert [r.name for r in parsed.rows] == ["José Ëlberg", "René d'Hondt", "Anouk Smit"]
    assert [p.line for p in parsed.problems] == [3, 4, 5]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\r\n\r\n",
        b"PK\x03\x04\x14\x00\x06\x00 an xlsx workbook",
        b"naam\x00rol\n",
        b"voornaam;achternaam\n".replace(b"voornaam;achternaam", b"email;telefoon"),
    ],
    ids=["empty", "blank lines", "xlsx", "binary", "no name column"],
)
def test_a_file_that_is_no_attendee_list_is_refused_whole(raw: bytes) -> None:
    with pytest.raises(CsvError) as refused:
        parse_attendees(raw)
    assert refused.value.message


def test_the_header_only_file_has_nothing_to_add() -> None:
    parsed = parse_attendees(b"naam;rol\n")
    assert parsed.rows == () and parsed.problems == ()


def test_decode_names_the_encoding() -> None:
    assert decode("é".encode())[1] == "UTF-8"
    assert decode(codecs.BOM_UTF8 + "é".encode())[0] == "é"
    assert decode("é".encode("cp1252")) == ("é", "Windows-1252")
    # Bytes Windows-1252 does not use are shown as a replacement sign, not a crash.
    assert decode(b"\x81abc")[0] == "\ufffdabc"


def test_problem_text_is_short() -> None:
    table = read_csv(b"naam;rol\n" + b"".join(b"x;onbekend\n" for _ in range(20)))
    assert len(table.rows) == 21
    parsed = parse_attendees(
        b"naam;rol\n" + b"".join(f"x{n};onbekend\n".encode() for n in range(20))
    )
    text = problem_text(parsed.problems, limit=5)
    assert len(text.splitlines()) == 6 and "15" in text.splitlines()[-1]


def test_store_adds_the_rows_in_one_go(store: Store, meeting: Any) -> None:
    parsed = without_known(
        parse_attendees(data("deelnemers-nl-puntkomma-cp1252.csv")),
        (a.name for a in store.list_attendees(meeting.id)),
    )
    before = len(store.list_attendees(meeting.id))
    added = store.import_attendees(meeting.id, parsed.rows)
    assert [a.name for a in added] == ["José Ëlberg", "Zoë Çelik", "René d'Hondt", "Anouk Smit"]
    assert {a.presence.value for a in added} == {"onbekend"}
    assert len(store.list_attendees(meeting.id)) == before + 4
    store.remove_attendees(a.id for a in added)
    assert len(store.list_attendees(meeting.id)) == before


# ---------------------------------------------------------------------- digital pre-votes


def test_a_count_per_option() -> None:
    parsed = parse_votes(data("stemmen-per-optie.csv"), DESIGN, PollMethod.KEUZE)
    assert (parsed.counts, parsed.layout, parsed.problems) == ((31, 22, 17), PER_OPTION, ())
    assert parsed.table.encoding in ("UTF-8", "Windows-1252") and parsed.total == 70


def test_a_line_per_vote_from_an_online_poll() -> None:
    parsed = parse_votes(data("peiling-per-stem.csv"), DESIGN, PollMethod.KEUZE)
    assert parsed.layout == PER_BALLOT
    # The column is found by its answers (it is named after the question); case is ignored.
    assert parsed.column == "Welke ontwerprichting werken we uit?"
    assert parsed.counts == (2, 1, 1)
    assert [(p.line, "Een skatebaan" in p.message) for p in parsed.problems] == [
        (5, False),
        (6, True),
    ]


def test_for_against_abstain_in_english_words() -> None:
    parsed = parse_votes(
        data("votes-for-against.csv"), ("voor", "tegen", "onthouding"), PollMethod.VOOR_TEGEN
    )
    assert (parsed.counts, parsed.problems) == ((3, 1, 1), ())


def test_a_count_file_without_a_header() -> None:
    raw = "Sport en bewegen: trapveldje en klimrek;5\nOntmoeten: bankjes in de schaduw en een jeu-de-boulesbaan;1.204\n"
    parsed = parse_votes(raw.encode(), DESIGN, PollMethod.KEUZE)
    assert (parsed.counts, parsed.layout) == ((0, 5, 1204), PER_OPTION)


def test_bad_count_lines() -> None:
    raw = (
        b"optie,aantal\n"
        b"Sport en bewegen: trapveldje en klimrek,5\n"
        b"Sport en bewegen: trapveldje en klimrek,6\n"
        b"Skatebaan,3\n"
        b'"Natuurlijk spelen: groen, boomstammen en een waterpomp",veel\n'
        b",4\n"
    )
    parsed = parse_votes(raw, DESIGN, PollMethod.KEUZE)
    assert parsed.counts == (0, 5, 0)
    assert [p.line for p in parsed.problems] == [3, 4, 5, 6]
    assert "2" in parsed.problems[0].message and "“veel”" in parsed.problems[2].message


def test_dots_spread_over_options_in_one_cell() -> None:
    raw = b"stem\nNoord, Zuid\nZuid\nWest\n"
    parsed = parse_votes(raw, ("Noord", "Zuid"), PollMethod.STIPPEN)
    assert parsed.counts == (1, 2) and [p.line for p in parsed.problems] == [4]


def test_a_file_without_the_options_is_refused() -> None:
    with pytest.raises(CsvError):
        parse_votes(b"naam;adres\nJan;Straat 1\n", DESIGN, PollMethod.KEUZE)


def test_the_source_names_the_file_and_the_moment(clock: Any) -> None:
    text = digital_source_text("peiling.csv", clock())
    assert text.startswith("peiling.csv (") and "19:25" in text and "2026" in text


def _open_choice(store: Store, meeting: Any, **options: Any) -> Any:
    item = store.list_agenda(meeting.id)[6].id
    return store.create_poll(
        item, "Welke richting?", method=PollMethod.KEUZE, options=DESIGN, **options
    )


def test_store_replaces_the_digital_counts_and_records_the_source(
    store: Store, meeting: Any
) -> None:
    poll = _open_choice(store, meeting)
    store.set_count(poll.id, poll.options[0].id, Channel.DIGITAAL, 9)
    store.set_count(poll.id, poll.options[1].id, Channel.ZAAL, 0)
    result = store.import_digital_votes(poll.id, (31, 22, 17), "peiling.csv (ingelezen)")
    assert [o.digital for o in result.options] == [31, 22, 17]
    assert [o.room for o in result.options] == [0, 0, 0]
    assert result.digital_source == "peiling.csv (ingelezen)"
    from models.minutes import build_minutes

    minutes = build_minutes(store, meeting.id, public=False)
    polls = [p for item in minutes.items for p in item.polls]
    assert polls[0].digital_source == "peiling.csv (ingelezen)"


def test_store_refuses_counts_that_break_a_rule_and_keeps_the_old(
    store: Store, meeting: Any
) -> None:
    poll = _open_choice(store, meeting, eligible_count=50)
    store.set_count(poll.id, poll.options[0].id, Channel.DIGITAAL, 9)
    with pytest.raises(BazError):
        store.import_digital_votes(poll.id, (31, 22, 17), "te veel.csv")
    with pytest.raises(BazError):
        store.import_digital_votes(poll.id, (1, 2), "te weinig opties.csv")
    after = store.get_poll(poll.id)
    assert [o.digital for o in after.options] == [9, 0, 0] and after.digital_source == ""
    store.declare_poll(poll.id)
    with pytest.raises(BazError):
        store.import_digital_votes(poll.id, (1, 2, 3), "te laat.csv")
