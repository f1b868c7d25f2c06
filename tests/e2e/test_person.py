"""``baz person NAME [--erase]``: an access request answered, and one person erased.

Store level on the filled meeting of ``test_minutes`` and its follow-up, plus a third meeting
Fatima did not attend but that names her; command level with ``cli.main`` on a SQLite file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from baz_tui.i18n import current_language, install_language
from models.domain import Consent
from models.errors import InvalidInputError
from models.i18n import _
from models.records.meeting import MeetingInfo
from models.rules.naming import Namer, Person
from models.rules.privacy import RecordKind
from models.store import Store
from tests.conftest import PEOPLE, Clock
from tests.conftest import run_baz as baz
from tests.e2e.test_purge import everything, words_found
from tests.store.test_minutes import Filled, fill_meeting


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


def add_elsewhere(store: Store) -> int:
    """A meeting of another neighbourhood that names Fatima but where she was not."""
    other = store.create_meeting("Buurtoverleg Noord", date(2026, 11, 3), time(20, 0))
    store.add_attendee(other.id, "Fatima de Groot", "bewoner", "anoniem")
    item = store.list_agenda(other.id)[2]
    store.save_notes(item.id, "Bericht van Fatima Ouali voorgelezen. Fatima de Groot knikt.")
    return other.id


@pytest.fixture
def filled(store: Store, meeting: MeetingInfo, clock: Clock) -> Filled:
    filled = fill_meeting(store, meeting, clock)
    add_elsewhere(store)
    return filled


def kinds(report, meeting_id: int) -> list[RecordKind]:  # type: ignore[no-untyped-def]
    (found,) = [m for m in report.meetings if m.meeting_id == meeting_id]
    return [r.kind for r in found.records]


# ------------------------------------------------------------------------------ Store


@pytest.mark.parametrize("asked", ["Fatima Ouali", "fatima  OUALI", "Fátima Ouali", "Ouali"])
def test_an_access_request_lists_every_meeting_and_record(
    store: Store, filled: Filled, asked: str
) -> None:
    report = store.find_person(asked)
    assert report.names == ("Fatima Ouali",)
    old, new = filled.meeting.id, filled.next_meeting.id
    elsewhere = max(m.id for m in store.list_meetings())
    # Grouped per meeting, oldest first: the meeting that only names her is included.
    assert [m.meeting_id for m in report.meetings] == [elsewhere, old, new]
    found = kinds(report, old)
    assert found.count(RecordKind.ATTENDEE) == 1
    assert RecordKind.SPEAKER in found and RecordKind.CARD_AUTHOR in found
    texts = [r.text for m in report.meetings if m.meeting_id == old for r in m.records]
    assert any("Fatima Ouali meldt" in t for t in texts)  # the notes
    assert any("schrijft de wijkkrant" in t for t in texts)  # a decision
    # The copied meeting: she is on its list (copied), nothing more.
    assert kinds(report, new) == [RecordKind.ATTENDEE]
    # Where she was not, only the whole name counts.
    assert kinds(report, elsewhere) == [RecordKind.MENTION]


def test_an_action_owner_is_listed_as_such(store: Store, filled: Filled) -> None:
    report = store.find_person("Piet Jansen")
    found = kinds(report, filled.meeting.id)
    assert RecordKind.ACTION_OWNER in found
    # The chair and note-taker fields are texts that name him as well.
    wheres = [r.where for m in report.meetings for r in m.records]
    assert _("the note-taker of the meeting") in wheres


def test_an_unknown_name_is_found_nowhere(store: Store, filled: Filled) -> None:
    report = store.find_person("Zacharias Nobody")
    assert not report.found and report.names == ()
    with pytest.raises(InvalidInputError):
        store.erase_person("Zacharias Nobody")
    with pytest.raises(InvalidInputError):
        store.find_person("   ")


def test_erasing_a_person_anonymises_them_and_nobody_else(store: Store, filled: Filled) -> None:
    old, new = filled.meeting.id, filled.next_meeting.id
    elsewhere = max(m.id for m in store.list_meetings())
    people = {a.name: a for a in store.list_attendees(old)}
    fatima = people["Fatima Ouali"]
    before = [Person(a.id, a.name, a.consent) for a in store.list_attendees(old)]
    public_label = Namer(before, public=True).name(fatima.id)

    summary = store.erase_person("Fatima Ouali")
    assert summary.people == 2  # her rows in the meeting and its copy
    assert summary.meetings == 3

    after = {a.id: a for a in store.list_attendees(old)}
    assert after[fatima.id].name == public_label  # the number of the public minutes
    assert after[fatima.id].consent == Consent.ANONIEM and after[fatima.id].arrived_at is None
    # Everybody else keeps their name.
    others = sorted(a.name for a in after.values() if a.id != fatima.id)
    assert others == sorted(n for n, _r, _c in PEOPLE if n != "Fatima Ouali")
    for meeting_id in (old, new):
        assert words_found(everything(store, meeting_id), ("Fatima Ouali",)) == set()
    # Her turns and her card are still counted, now anonymously.
    assert "Piet Jansen" in everything(store, old)
    notes = store.list_agenda(elsewhere)[2].notes
    assert notes == f"Bericht van {_('[name withheld]')} voorgelezen. Fatima de Groot knikt."
    assert store.find_person("Fatima Ouali").names == ()
    assert not store.find_person("Fatima Ouali").found


def test_an_erasure_of_somebody_who_consented_gets_a_free_number(
    store: Store, filled: Filled
) -> None:
    old = filled.meeting.id
    store.erase_person("Jan de Vries")
    names = [a.name for a in store.list_attendees(old)]
    labels = [n for n in names if n.startswith(_("Resident {number}").split("{")[0])]
    assert len(labels) == 1
    people = [Person(a.id, a.name, a.consent) for a in store.list_attendees(old)]
    shown = list(Namer(people, public=True).names.values())
    assert len(shown) == len(set(shown))  # no two people share a label in the public version


def test_the_whole_name_picks_one_person_among_longer_names(store: Store, filled: Filled) -> None:
    store.add_attendee(filled.meeting.id, "Fatima Ouali-Jansen", "bewoner", "anoniem")
    assert store.find_person("fatima ouali").names == ("Fatima Ouali",)
    assert store.find_person("Ouali").names == ("Fatima Ouali", "Fatima Ouali-Jansen")
    store.erase_person("Fatima Ouali")
    assert "Fatima Ouali-Jansen" in {a.name for a in store.list_attendees(filled.meeting.id)}


def test_a_name_that_matches_several_people_is_not_erased(store: Store, filled: Filled) -> None:
    report = store.find_person("Fatima")
    assert report.names == ("Fatima de Groot", "Fatima Ouali")
    with pytest.raises(InvalidInputError, match="Fatima de Groot, Fatima Ouali"):
        store.erase_person("Fatima")
    assert "Fatima Ouali" in everything(store, filled.meeting.id)


# --------------------------------------------------------------------------- command


@pytest.fixture(scope="module")
def saved_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("saved") / "baz.db"
    store = Store.open(path, clock=Clock())
    try:
        info = store.create_meeting("Bewonersavond", date(2026, 12, 1), time(19, 30))
        for name, role, consent in PEOPLE:
            store.add_attendee(info.id, name, role, consent)
        fill_meeting(store, store.get_meeting(info.id), Clock())
        add_elsewhere(store)
    finally:
        store.close()
    return path


@pytest.fixture
def database(saved_database: Path, tmp_path: Path) -> Path:
    """A fresh copy of the saved database for each test (filling it takes a second)."""
    import shutil

    path = tmp_path / "baz.db"
    shutil.copyfile(saved_database, path)
    return path


def test_cli_person_lists_per_meeting_in_english(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = baz(capsys, "--db", str(database), "person", "fatima ouali")
    assert (code, err) == (0, "")
    assert out.startswith("People found: Fatima Ouali\n")
    assert "#1 Bewonersavond (1 December 2026)" in out
    assert "#3 Buurtoverleg Noord (3 November 2026)" in out
    assert "  - on the attendee list: Fatima Ouali (resident, present, anonymous)" in out
    assert "  - on the speaker list, item 8 “Keuze ontwerp”: 1 request to speak" in out
    assert "  - named in a decision: Fatima Ouali schrijft de wijkkrant." in out


def test_cli_person_unknown_is_one_line_and_exit_1(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = baz(capsys, "--db", str(database), "person", "Zacharias")
    assert code == 1 and out == ""
    assert err == "Nobody called “Zacharias” appears in any meeting.\n"


def test_cli_erase_asks_and_no_keeps_the_person(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    code, out, _err = baz(capsys, "--db", str(database), "person", "Anna Bakker", "--erase")
    assert code == 0 and "Nothing was changed." in out
    assert asked == ["Erase “Anna Bakker” from these meetings? This cannot be undone. (y/N) "]
    code, out, _err = baz(capsys, "--db", str(database), "person", "Anna Bakker")
    assert code == 0 and "People found: Anna Bakker" in out


def test_cli_erase_with_yes_and_then_the_person_is_gone(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked"))
    code, out, _err = baz(
        capsys, "--db", str(database), "person", "Anna Bakker", "--erase", "--yes"
    )
    assert code == 0 and "Done: “Anna Bakker” erased from 2 meetings" in out
    code, _out, err = baz(capsys, "--db", str(database), "person", "Anna Bakker")
    assert code == 1 and "Anna Bakker" in err


def test_cli_erase_of_an_ambiguous_name_is_refused(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = baz(capsys, "--db", str(database), "person", "Fatima", "--erase", "--yes")
    assert code == 2
    assert "Fatima de Groot, Fatima Ouali" in out  # the listing came first
    assert len(err.strip().splitlines()) == 1 and "Give the whole name" in err


def test_the_contact_of_the_process_is_found_and_erased(store: Store, filled: Filled) -> None:
    """The contact line of a process is free text that can hold a name (#22)."""
    process = filled.meeting.process
    assert process is not None
    store.update_process(process.id, contact="Mohammed El Amrani, gemeente: 078-7704911")
    report = store.find_person("Mohammed El Amrani")
    contact = [
        r for m in report.meetings for r in m.records if r.where == _("the contact of the process")
    ]
    assert len(contact) == 1 and contact[0].kind is RecordKind.MENTION
    store.erase_person("Mohammed El Amrani")
    kept = store.get_process(process.id).contact
    assert "Mohammed" not in kept and "Amrani" not in kept
    assert kept.startswith(_("[name withheld]")) and "gemeente" in kept
