"""The review of the public version: what it lists, the choices kept with the meeting, and how
the export, the beamer, the meeting file, purge and erase and ``baz export --public`` use them.

The meeting is the one of the issue: residents named Groen, Bakker, Kok and de Wit, notes that
use those words as words, and a person of an earlier meeting of the process mentioned.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest

from baz_tui.export import export_minutes
from baz_tui.i18n import current_language, install_language
from models.domain import CardKind, Presence, ReviewAnswer
from models.errors import InvalidInputError
from models.i18n import _
from models.minutes import build_minutes, minutes_markdown
from models.public_review import build_review, review_rows, summary_text
from models.rules.lexicon import is_word
from models.rules.naming import Reason, Spot, SpotKind
from models.store import Store
from tests.conftest import Clock, run_baz
from tests.e2e.test_privacy_export import leaks

NOTES = (
    "Meer groen in de wijk: bakker op de hoek wil bloembakken sponsoren.\n"
    "Groen is belangrijk voor de koelte, zegt de werkgroep.\n"
    "De actie van Yusuf (kinderraad) loopt; mevrouw De Graaf meldt dat de school meedoet.\n"
    "Henk Bakker vraagt of de kok van het wijkcentrum soep maakt.\n"
    "Meneer Pietersen van nummer 12 belde over de container.\n"
    "Sanne vraagt naar de vergunning; mail sanne@buurt.nl."
)


@dataclass(frozen=True)
class Evening:
    earlier_id: int
    meeting_id: int
    item_id: int
    ids: dict[str, int]


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


def evening(store: Store) -> Evening:
    """An earlier meeting (Yusuf, Ria de Graaf) and this one, with notes and an action."""
    earlier = store.create_meeting(
        "Eerste avond groen", date(2026, 11, 3), time(19, 30), new_process_title="Groen in de wijk"
    )
    for name in ("Yusuf Amrani", "Ria de Graaf"):
        person = store.add_attendee(earlier.id, name, "bewoner", "anoniem")
        store.set_presence(person.id, Presence.AANWEZIG)
    store.add_action(earlier.id, "Yusuf maakt tekeningen met de kinderraad", who="Yusuf")
    assert earlier.process is not None
    info = store.create_meeting(
        "Tweede avond groen",
        date(2026, 12, 1),
        time(19, 30),
        process_id=earlier.process.id,
        chair="Sanne de Vries",
        note_taker="Karin de Wit",
    )
    ids = {}
    for name, role, consent in (
        ("Sanne Groen", "bewoner", "anoniem"),
        ("Henk Bakker", "bewoner", "anoniem"),
        ("Wilma Kok", "bewoner", "anoniem"),
        ("Karin de Wit", "bewoner", "anoniem"),
        ("Jan van der Meer", "bewoner", "anoniem"),
        ("Sanne de Vries", "gemeente", "naam"),
    ):
        ids[name] = store.add_attendee(info.id, name, role, consent).id
        store.set_presence(ids[name], Presence.AANWEZIG)
    item = store.add_agenda_item(info.id, "Meer groen in de wijk", position=2)
    store.save_notes(item.id, NOTES)
    store.add_card(item.id, CardKind.OPLOSSING, "Geveltuinen met de bakker en de kok")
    store.add_action(info.id, "Bloembakken bestellen", who="Bakker", item_id=item.id)
    return Evening(earlier.id, info.id, item.id, ids)


# ------------------------------------------------------------------------ the list


def spots_of(store: Store, meeting_id: int) -> dict[str, Spot]:
    """The spots of the review by the words found, those of the notes first (a word found in
    several places, "Meer" in the item's title too, is the one in the notes)."""
    found: dict[str, Spot] = {}
    for spot in build_review(store, meeting_id).spots:
        if spot.found not in found or spot.where.endswith(": de notities"):
            found[spot.found] = spot
    return found


def test_the_review_shows_what_the_public_version_will_do(store: Store) -> None:
    built = evening(store)
    review = build_review(store, built.meeting_id)
    found = {(s.found, s.kind, s.reason) for s in review.spots}
    assert ("Henk Bakker", SpotKind.REPLACED, Reason.NAME) in found
    assert ("Yusuf", SpotKind.REPLACED, Reason.NAME) in found  # of the earlier meeting
    assert ("mevrouw De Graaf", SpotKind.REPLACED, Reason.NAME) in found
    assert ("Karin de Wit", SpotKind.REPLACED, Reason.NAME) in found  # the note-taker
    assert ("Bakker", SpotKind.REPLACED, Reason.NAME) in found  # who of the action point
    assert ("Meer", SpotKind.DOUBT, Reason.SENTENCE_START) in found
    assert ("Groen", SpotKind.DOUBT, Reason.SENTENCE_START) in found
    assert ("Meneer Pietersen", SpotKind.DOUBT, Reason.UNKNOWN_AFTER_TITLE) in found
    assert ("Sanne", SpotKind.WITHHELD, Reason.SHARED) in found
    assert ("sanne@buurt.nl", SpotKind.CONTACT, Reason.EMAIL) in found
    # Words stay words: nothing is listed for "bakker op de hoek", "de kok", "groen".
    assert not {s.found for s in review.spots} & {"bakker", "kok", "groen", "Meer groen"}
    yusuf = next(s for s in review.spots if s.found == "Yusuf" and "notities" in s.where)
    assert yusuf.sentence.startswith("De actie van Yusuf (kinderraad) loopt;")
    assert yusuf.sentence_shown.startswith("De actie van [naam weggelaten] (kinderraad) loopt;")
    assert yusuf.where == "punt 3 “Meer groen in de wijk”: de notities"
    assert review.open == tuple(s for s in review.spots if s.doubtful)
    assert summary_text(review).startswith(f"{review.replaced} vervangingen")
    # The sentence of an earlier meeting's action point, shown twice in the minutes, is one spot.
    assert len({s.key for s in review.spots}) == len(review.spots)


def test_the_public_file_reads_right(store: Store, tmp_path: Path) -> None:
    import docx

    built = evening(store)
    path = export_minutes(store, built.meeting_id, tmp_path / "openbaar.docx", public=True)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Meer groen in de wijk: bakker op de hoek wil bloembakken sponsoren." in text
    assert "Groen is belangrijk voor de koelte" in text
    assert "De actie van [naam weggelaten] (kinderraad) loopt; [naam weggelaten] meldt" in text
    assert "Bewoner 2 vraagt of de kok van het wijkcentrum soep maakt." in text
    assert "[naam weggelaten] vraagt naar de vergunning; mail [e-mailadres weggelaten]." in text
    hidden = ["Henk Bakker", "Wilma Kok", "Karin de Wit", "Yusuf Amrani", "Ria de Graaf"]
    # The scan looks for every part of their names; "bakker", "kok" and "graaf" are words
    # of the notes too ("bakker op de hoek"), and are there as words.
    found = {word for _part, _how, word in leaks(path.read_bytes(), hidden)}
    assert {w for w in found if not is_word(w) and not is_word(w[:-1])} == set()
    assert not {"Henk", "Wilma", "Karin", "Yusuf", "Amrani"} & set(text.split())


def test_choices_are_kept_and_used_by_the_export_and_the_beamer(store: Store) -> None:
    from models.beamer import BeamerFeed
    from models.records.beamer import BeamerChoice, Showing

    built = evening(store)
    spots = spots_of(store, built.meeting_id)
    store.choose_in_review(built.meeting_id, spots["Groen"].key, ReviewAnswer.NAME,
                           attendee_id=built.ids["Sanne Groen"])  # fmt: skip
    store.choose_in_review(built.meeting_id, spots["Sanne"].key, ReviewAnswer.KEEP)
    store.choose_in_review(built.meeting_id, spots["Meer"].key, ReviewAnswer.ACCEPT)
    choices = store.choose_in_review(
        built.meeting_id, spots["Meneer Pietersen"].key, ReviewAnswer.NAME, word="Pietersen"
    )
    assert len(choices) == 4
    notes = build_minutes(store, built.meeting_id, public=True).items[2].notes
    assert "Bewoner 1 is belangrijk voor de koelte" in notes
    assert "Sanne vraagt naar de vergunning" in notes
    assert "Meer groen in de wijk: bakker op de hoek" in notes
    assert "Een bewoner van nummer 12 belde" in notes
    review = build_review(store, built.meeting_id)
    chosen = {spots[w].key for w in ("Groen", "Sanne", "Meer", "Meneer Pietersen")}
    assert not chosen & {s.key for s in review.open}
    assert {s.found: s.choice for s in review.spots}["Sanne"] is ReviewAnswer.KEEP

    # The beamer shows the item's title as the minutes do, with the same choices.
    title_spot = next(s for s in review.spots if s.where.endswith(": de titel"))
    store.choose_in_review(built.meeting_id, title_spot.key, ReviewAnswer.NAME,
                           attendee_id=built.ids["Henk Bakker"])  # fmt: skip
    store.start_meeting(built.meeting_id)
    store.start_item(built.item_id)
    store.show_on_beamer(built.meeting_id, BeamerChoice(Showing.AGENDA))
    view = BeamerFeed(store, built.meeting_id).read()
    assert view.item is not None and view.item.title == "Bewoner 2 groen in de wijk"
    assert build_minutes(store, built.meeting_id, public=True).items[2].title == view.item.title

    # A changed sentence comes back for review; a choice can be taken back.
    store.save_notes(
        built.item_id, NOTES.replace("Groen is belangrijk", "Groen is heel belangrijk")
    )
    review = build_review(store, built.meeting_id)
    assert [s.found for s in review.open if "notities" in s.where] == ["Groen"]
    store.forget_review_choice(built.meeting_id, spots["Sanne"].key)
    assert "Sanne" in [s.found for s in build_review(store, built.meeting_id).open]


def test_a_choice_that_makes_no_sense_is_refused(store: Store) -> None:
    built = evening(store)
    other = store.create_meeting("Elders", date(2026, 12, 2), time(20, 0))
    stranger = store.add_attendee(other.id, "Piet Vreemd", "bewoner", "anoniem")
    key = build_review(store, built.meeting_id).spots[0].key
    with pytest.raises(InvalidInputError, match="controle"):
        store.choose_in_review(built.meeting_id, "../../etc", ReviewAnswer.KEEP)
    with pytest.raises(InvalidInputError, match="Onbekende keuze"):
        store.choose_in_review(built.meeting_id, key, "misschien")
    with pytest.raises(InvalidInputError, match="Wiens naam"):
        store.choose_in_review(built.meeting_id, key, ReviewAnswer.NAME)
    with pytest.raises(InvalidInputError, match="traject"):
        store.choose_in_review(built.meeting_id, key, ReviewAnswer.NAME, attendee_id=stranger.id)
    assert store.review_choices(built.meeting_id) == {}
    # A person of an earlier meeting of the process may be named.
    yusuf = next(a for a in store.list_attendees(built.earlier_id) if a.name == "Yusuf Amrani")
    store.choose_in_review(built.meeting_id, key, ReviewAnswer.NAME, attendee_id=yusuf.id)
    assert store.review_choices(built.meeting_id)[key].attendee_id == yusuf.id


def test_the_people_of_the_process_are_one_per_name_with_the_strictest_consent(
    store: Store,
) -> None:
    built = evening(store)
    # Henk was at the earlier meeting too; Ria agreed to be named at a third one.
    assert built.earlier_id
    store.add_attendee(built.earlier_id, "Henk Bakker", "bewoner", "naam")
    third = store.create_meeting(
        "Derde avond", date(2027, 1, 5), time(19, 30),
        process_id=store.get_meeting(built.meeting_id).process.id,  # type: ignore[union-attr]
    )  # fmt: skip
    store.add_attendee(third.id, "Ria de Graaf", "bewoner", "naam")
    naming = store.public_naming(built.meeting_id)
    names = [(p.name, p.here, str(p.consent)) for p in naming.people]
    assert names.count(("Henk Bakker", True, "anoniem")) == 1  # this meeting's consent counts
    assert [n for n in names if n[0] == "Henk Bakker"] == [("Henk Bakker", True, "anoniem")]
    assert ("Ria de Graaf", False, "anoniem") in names  # the strictest of her two


def test_the_meeting_file_carries_the_choices(store: Store) -> None:
    built = evening(store)
    spots = spots_of(store, built.meeting_id)
    store.choose_in_review(built.meeting_id, spots["Groen"].key, ReviewAnswer.NAME,
                           attendee_id=built.ids["Sanne Groen"])  # fmt: skip
    store.choose_in_review(built.meeting_id, spots["Meneer Pietersen"].key, ReviewAnswer.NAME,
                           word="Pietersen")  # fmt: skip
    yusuf = next(a for a in store.list_attendees(built.earlier_id) if a.name == "Yusuf Amrani")
    store.choose_in_review(built.meeting_id, spots["Meer"].key, ReviewAnswer.NAME,
                           attendee_id=yusuf.id)  # fmt: skip
    data = store.dump_meeting(built.meeting_id)
    review = {c["spot"]: c for c in data["review"]}
    assert review[spots["Groen"].key]["attendee"] == 1  # Sanne Groen, the first attendee
    assert review[spots["Meneer Pietersen"].key]["word"] == "Pietersen"
    # Yusuf is not in the file: he is named by his name.
    assert review[spots["Meer"].key] | {"created_at": None} == {
        "spot": spots["Meer"].key, "choice": "name", "attendee": None,
        "word": "Yusuf Amrani", "created_at": None,
    }  # fmt: skip

    other = Store.in_memory(clock=Clock())
    try:
        loaded = other.load_meeting(data)
        again = other.dump_meeting(loaded.meeting_id)
        assert again["review"] == data["review"]
        notes = build_minutes(other, loaded.meeting_id, public=True).items[2].notes
        assert "Bewoner 1 is belangrijk" in notes and "Een bewoner van nummer 12" in notes
    finally:
        other.close()


def test_a_broken_review_in_a_meeting_file_is_refused(store: Store) -> None:
    from models.files.meeting_file import MeetingFileError, encode, parse_meeting_file

    built = evening(store)
    data = store.dump_meeting(built.meeting_id)
    twice = {**data, "review": [{"spot": "ab12", "choice": "keep"}] * 2}
    with pytest.raises(MeetingFileError, match=r"review\[1\]\.spot"):
        parse_meeting_file(encode(twice))
    nobody = {**data, "review": [{"spot": "ab12", "choice": "name", "attendee": 99}]}
    with pytest.raises(MeetingFileError, match=r"review\[0\]\.attendee"):
        parse_meeting_file(encode(nobody))
    empty = {**data, "review": [{"spot": "ab12", "choice": "name"}]}
    with pytest.raises(MeetingFileError, match=r"review\[0\]"):
        parse_meeting_file(encode(empty))
    odd = {**data, "review": [{"spot": "not hex!", "choice": "keep"}]}
    with pytest.raises(MeetingFileError, match=r"review\[0\]\.spot"):
        parse_meeting_file(encode(odd))


def test_purge_and_erase_take_the_marked_names_along(store: Store) -> None:
    built = evening(store)
    spots = spots_of(store, built.meeting_id)
    store.choose_in_review(built.meeting_id, spots["Meneer Pietersen"].key, ReviewAnswer.NAME,
                           word="Pietersen")  # fmt: skip
    report = store.find_person("Pietersen")
    assert [r.kind.value for m in report.meetings for r in m.records] == ["mention", "review"]
    store.erase_person("Pietersen")
    assert store.review_choices(built.meeting_id) == {}
    assert "Pietersen" not in store.list_agenda(built.meeting_id)[2].notes

    store.choose_in_review(built.meeting_id, spots["Groen"].key, ReviewAnswer.KEEP)
    store.purge_before(date(2027, 1, 1))
    assert store.review_choices(built.meeting_id) == {}
    notes = store.list_agenda(built.meeting_id)[2].notes
    assert "Henk" not in notes and "Bakker vraagt" not in notes
    assert "bakker op de hoek" in notes and "de kok van het wijkcentrum" in notes


def test_the_public_speaking_table_names_only_who_agreed(store: Store, clock: Clock) -> None:
    built = evening(store)
    store.start_meeting(built.meeting_id)
    store.start_item(built.item_id)
    for name in ("Henk Bakker", "Sanne de Vries", "Wilma Kok"):
        store.add_speaker(built.item_id, built.ids[name])
        store.next_speaker(built.item_id)
        clock.advance(seconds=90)
        store.stop_speaker(built.item_id)
    text = minutes_markdown(build_minutes(store, built.meeting_id, public=True)).replace("\\", "")
    assert "| Sanne de Vries | gemeente | 1 | 1:30 |" in text
    assert "| Andere bewoners |  | 2 | 3:00 |" in text


# ------------------------------------------------------------------------ the command


def _database(tmp_path: Path) -> tuple[str, Evening]:
    path = tmp_path / "baz.db"
    disk = Store.open(path, clock=Clock())
    try:
        built = evening(disk)
    finally:
        disk.close()
    return str(path), built


def test_export_public_shows_the_review_and_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, built = _database(tmp_path)
    out = tmp_path / "openbaar.docx"
    args = ("--db", db, "export", str(built.meeting_id), "--public", "-o", str(out))
    # No terminal and no --yes: refused in one line, nothing written, never waiting.
    code, printed, error = run_baz(capsys, *args)
    assert code == 2 and not out.exists()
    assert "Doubtful spots" in printed and "“Meneer Pietersen”" in printed
    assert "→ [name withheld] vraagt naar de vergunning; mail [e-mail address withheld]." in printed
    assert error.count("\n") == 1 and "--yes" in error

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    code, printed, _error = run_baz(capsys, *args)
    assert code == 0 and not out.exists() and "Nothing was written." in printed
    monkeypatch.setattr("builtins.input", lambda _prompt: "j")
    code, printed, _error = run_baz(capsys, *args)
    assert code == 0 and out.exists() and f"Minutes written to {out}" in printed


def test_export_public_with_yes_and_a_review_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, built = _database(tmp_path)
    out, listing = tmp_path / "openbaar.docx", tmp_path / "controle"
    base = ("--db", db, "export", str(built.meeting_id), "--public", "-o", str(out))
    code, printed, _error = run_baz(capsys, *base, "--review", str(listing))
    assert code == 0 and not out.exists()
    assert f"Review list written to {listing}.csv" in printed
    raw = (tmp_path / "controle.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Where", "Found", "Public version"]
    assert ["Henk Bakker", "Resident 2"] in [r[1:3] for r in rows]
    assert len(rows) - 1 == len(build_review_of(db, built.meeting_id))
    code, printed, _error = run_baz(capsys, *base, "--review", str(listing), "--yes")
    assert code == 0 and out.exists()

    code, _printed, error = run_baz(capsys, "--db", db, "export", "1", "--review", "x.csv")
    assert code == 2 and "--public" in error
    code, _printed, error = run_baz(capsys, "--db", db, "export", "99", "--public", "--yes")
    assert code == 2 and error.count("\n") == 1


def build_review_of(db: str, meeting_id: int) -> list[tuple[str, ...]]:
    install_language("en")
    disk = Store.open(db)
    try:
        return review_rows(build_review(disk, meeting_id).spots)
    finally:
        disk.close()


def test_the_internal_version_needs_no_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, built = _database(tmp_path)
    out = tmp_path / "intern.docx"
    code, printed, _error = run_baz(
        capsys, "--db", db, "export", str(built.meeting_id), "-o", str(out)
    )
    assert code == 0 and out.exists() and "Doubtful" not in printed


def test_the_withheld_label_is_the_translated_one() -> None:
    assert _("[name withheld]") == "[naam weggelaten]"
