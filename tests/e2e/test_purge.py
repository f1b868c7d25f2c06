"""``baz purge --before DATE``: the people of older meetings anonymised, the rest kept.

Store level on the in-memory Store (the filled meeting of ``test_minutes`` and its follow-up
meeting three weeks later), command level with ``cli.main`` on a SQLite file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from baz_tui import cli
from baz_tui.i18n import current_language, install_language
from models.domain import Consent
from models.i18n import _
from models.minutes import build_minutes, minutes_markdown
from models.records.meeting import MeetingInfo
from models.rules.naming import fold
from models.store import Store
from tests.conftest import PEOPLE, Clock
from tests.conftest import run_baz as baz
from tests.store.test_minutes import Filled, fill_meeting

ALL_NAMES = tuple(name for name, _role, _consent in PEOPLE)
#: Between the filled meeting (1 December) and its follow-up (22 December).
CUT = date(2026, 12, 10)


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = current_language()
    yield
    install_language(before)


@pytest.fixture
def filled(store: Store, meeting: MeetingInfo, clock: Clock) -> Filled:
    return fill_meeting(store, meeting, clock)


def label(n: int) -> str:
    return _("Resident {number}").format(number=n)


def name_words(names: tuple[str, ...] = ALL_NAMES) -> set[str]:
    """Every word of the names that identifies somebody (no particles)."""
    from models.rules.naming import name_parts

    return {fold(part) for name in names for part in name_parts(name)}


def words_found(text: str, names: tuple[str, ...] = ALL_NAMES) -> set[str]:
    import re

    words = set(re.findall(r"[^\W\d_]+", fold(text)))
    return words & name_words(names)


def everything(store: Store, meeting_id: int) -> str:
    """The internal minutes of a meeting as text: every stored field that they show."""
    return minutes_markdown(build_minutes(store, meeting_id, public=False)).replace("\\", "")


# ------------------------------------------------------------------------------ Store


def test_purge_anonymises_the_older_meeting_and_keeps_what_was_decided(
    store: Store, filled: Filled
) -> None:
    old, new = filled.meeting.id, filled.next_meeting.id
    public_before = {a.id: public_name(store, old, a.id) for a in store.list_attendees(old)}
    decisions_before = store.list_decisions(old)
    actions_before = store.action_list(old)
    consents_before = sorted(a.consent for a in store.list_attendees(old))
    assert any(a.arrived_at is not None for a in store.list_attendees(old))

    plan = store.purge_plan(CUT)
    assert (plan.meetings, plan.people) == (1, len(PEOPLE))
    # The plan changed nothing.
    assert sorted(a.name for a in store.list_attendees(old)) == sorted(ALL_NAMES)
    done = store.purge_before(CUT)
    assert done == plan
    assert done.consents == {"naam": 4, "initialen": 1, "anoniem": 3}

    attendees = store.list_attendees(old)
    # Names are labels, all different; the consent stays on the row (counts are kept),
    # role and presence too; arrival and departure are gone.
    assert sorted(a.name for a in attendees) == sorted(label(n) for n in range(1, 9))
    assert sorted(a.consent for a in attendees) == consents_before
    assert all(a.arrived_at is None and a.left_at is None for a in attendees)
    # A resident without consent keeps the number the public minutes gave them.
    for attendee in attendees:
        if attendee.consent == Consent.ANONIEM:
            assert attendee.name == public_before[attendee.id]
    # No name anywhere in the meeting, not even in the internal minutes.
    text = everything(store, old)
    assert words_found(text) == set()
    meeting = store.get_meeting(old)
    assert meeting.chair.startswith(_("Resident {number}").split("{")[0])
    # Decisions and action points are all still there, their words other than names kept.
    decisions = store.list_decisions(old)
    assert [d.label for d in decisions] == [d.label for d in decisions_before]
    assert decisions[1].text.endswith(" schrijft de wijkkrant.")
    actions = store.action_list(old)
    assert [a.id for a in actions] == [a.id for a in actions_before]
    assert actions[0].what.startswith("Offerte schaduwdoeken opvragen bij ")
    assert actions[1].who == "gemeente"  # not a name: kept
    # The later meeting is untouched.
    assert sorted(a.name for a in store.list_attendees(new)) == sorted(ALL_NAMES)


def test_purging_twice_changes_nothing_and_a_label_is_not_a_name(
    store: Store, filled: Filled
) -> None:
    old = filled.meeting.id
    item = store.list_agenda(old)[3]
    store.save_notes(item.id, "De bewoner van nummer 3 en Fatima Ouali.")
    store.purge_before(CUT)
    first = everything(store, old)
    again = store.purge_plan(CUT)
    assert (again.meetings, again.people, again.texts) == (0, 0, 0)
    store.purge_before(CUT)
    assert everything(store, old) == first
    # "bewoner" is a word, not the name of the anonymised people: no "[name withheld]".
    notes = store.list_agenda(old)[3].notes
    assert notes.startswith("De bewoner van nummer 3 en ")
    assert _("[name withheld]") not in everything(store, old)
    public = minutes_markdown(build_minutes(store, old, public=True)).replace("\\", "")
    assert _("[name withheld]") not in public and "De bewoner van nummer 3" in public


def test_public_minutes_of_a_purged_meeting_number_everybody_apart(
    store: Store, filled: Filled
) -> None:
    old = filled.meeting.id
    store.purge_before(CUT)
    # Someone added afterwards gets a number nobody has.
    late = store.add_attendee(old, "Wim Laat", "bewoner", "anoniem")
    public = build_minutes(store, old, public=True)
    names = [p.name for p in (*public.attendance.present, *public.attendance.absent_with_notice)]
    assert len(names) == len(set(names)) == len(PEOPLE)
    assert {a.name for a in store.list_attendees(old)} >= set(names)
    assert public_name(store, old, late.id) == label(9)


def public_name(store: Store, meeting_id: int, attendee_id: int) -> str:
    """How the public minutes of the meeting name the attendee."""
    from models.minutes import minutes_namer

    return minutes_namer(store, meeting_id, public=True).name(attendee_id)


def test_purge_before_the_first_meeting_does_nothing(store: Store, filled: Filled) -> None:
    plan = store.purge_plan(date(2020, 1, 1))
    assert (plan.meetings, plan.people) == (0, 0)
    store.purge_before(date(2020, 1, 1))
    assert sorted(a.name for a in store.list_attendees(filled.meeting.id)) == sorted(ALL_NAMES)


def test_a_purge_is_one_transaction(store: Store, filled: Filled, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A failure half-way leaves every name in place."""
    from models.store import privacy as store_privacy

    calls = {"n": 0}
    original = store_privacy._anonymise_rows

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        original(*args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(store_privacy, "_anonymise_rows", failing)
    with pytest.raises(RuntimeError):
        store.purge_before(CUT)
    assert calls["n"] == 1
    assert sorted(a.name for a in store.list_attendees(filled.meeting.id)) == sorted(ALL_NAMES)
    assert "Fatima Ouali" in everything(store, filled.meeting.id)


# --------------------------------------------------------------------------- command


@pytest.fixture(scope="module")
def saved_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the filled meeting (1 December) and its follow-up (22 December)."""
    path = tmp_path_factory.mktemp("saved") / "baz.db"
    store = Store.open(path, clock=Clock())
    try:
        info = store.create_meeting(
            "Bewonersavond speelplein",
            date(2026, 12, 1),
            time(19, 30),
            new_process_title="Speelplein",
        )
        for name, role, consent in PEOPLE:
            store.add_attendee(info.id, name, role, consent)
        fill_meeting(store, store.get_meeting(info.id), Clock())
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


def names_in(path: Path, meeting_id: int = 1) -> list[str]:
    store = Store.open(path)
    try:
        return sorted(a.name for a in store.list_attendees(meeting_id))
    finally:
        store.close()


def test_cli_purge_asks_and_a_no_keeps_everything(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    code, out, err = baz(capsys, "--db", str(database), "purge", "--before", "10-12-2026")
    assert (code, err) == (0, "")
    assert "8 people in 1 meeting(s) before 10 December 2026 will be anonymised" in out
    assert "consents are kept only as counts: 4× " in out
    assert asked and asked[0].endswith("(y/N) ")
    assert "Nothing was changed." in out
    assert names_in(database) == sorted(ALL_NAMES)


def test_cli_purge_with_a_yes_answer(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "j")
    code, out, _err = baz(capsys, "--db", str(database), "purge", "--before", "2026-12-10")
    assert code == 0 and "Done: 8 people in 1 meeting(s) anonymised." in out
    assert names_in(database) == sorted(f"Resident {n}" for n in range(1, 9))
    assert names_in(database, 2) == sorted(ALL_NAMES)  # the later meeting


def test_cli_purge_yes_skips_the_question_and_dutch_asks_j_n(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked"))
    code, _out, _err = baz(
        capsys, "--db", str(database), "purge", "--before", "2026-12-10", "--yes"
    )
    assert code == 0
    assert names_in(database) == sorted(f"Resident {n}" for n in range(1, 9))
    code, out, _err = baz(capsys, "--db", str(database), "purge", "--before", "2026-12-10")
    assert code == 0 and "nothing to do" in out


def test_cli_purge_without_a_terminal_and_without_yes_changes_nothing(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, _out, err = baz(capsys, "--db", str(database), "purge", "--before", "2026-12-10")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--yes" in err
    assert names_in(database) == sorted(ALL_NAMES)


@pytest.mark.parametrize("typed", ["32-13-2026", "gisteren", "2026-02-30", ""])
def test_cli_purge_refuses_a_bad_date_in_one_line(
    database: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    code, out, err = baz(capsys, "--db", str(database), "purge", "--before", typed)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert ("valid date" in err) if typed else ("Fill in a date" in err)
    assert names_in(database) == sorted(ALL_NAMES)


def test_cli_purge_question_is_in_dutch(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "nee")
    code = cli.main(["--lang", "nl", "--db", str(database), "purge", "--before", "10-12-2026"])
    assert code == 0
    assert asked[0].endswith("(j/N) ")  # Dutch answer letters for a Dutch question
    assert names_in(database) == sorted(ALL_NAMES)


def test_the_contact_of_a_process_goes_with_its_last_meeting(store: Store, filled: Filled) -> None:
    """A purge anonymises the contact of a process once all its meetings lie before the date;
    a process that goes on keeps someone to ask (#22)."""
    process = filled.meeting.process
    assert process is not None
    store.update_process(process.id, contact="Jan de Vries via jan@buurt.nl of 06-12345678")
    store.purge_before(CUT)  # the follow-up meeting is later: the process goes on
    assert store.get_process(process.id).contact.startswith("Jan de Vries")
    store.purge_before(date(2027, 6, 1))  # now both meetings are before the date
    kept = store.get_process(process.id).contact
    assert not words_found(kept) and "Jan" not in kept
    assert "jan@buurt.nl" not in kept and "06-12345678" not in kept
