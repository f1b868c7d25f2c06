"""The Store: every action one transaction, plain data out, clear refusals."""

from __future__ import annotations

from datetime import date, time

import pytest

from models.database import database_url
from models.domain import Consent, MeetingStatus, ParticipationLevel, Presence, Role
from models.errors import BazError, InvalidInputError, NotFoundError
from models.i18n import _
from models.store import Store
from tests.conftest import FIXED_NOW, PEOPLE


def test_new_meeting_gets_the_standard_agenda(store: Store) -> None:
    meeting = store.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    titles = [item.title for item in store.list_agenda(meeting.id)]
    assert titles == [
        _("Opening"),
        _("Adoption of the agenda"),
        _("Announcements"),
        _("Incoming correspondence"),
        _("Minutes of the previous meeting"),
        _("Action list"),
        _("Any other business"),
        _("Closing"),
    ]
    assert titles[0] == "Opening" and titles[-1] == "Sluiting"
    assert meeting.status is MeetingStatus.GEPLAND
    assert meeting.process is None


def test_meetings_are_listed_newest_first_with_their_process(store: Store) -> None:
    older = store.create_meeting("Oud", date(2026, 1, 5), time(19, 0))
    newer = store.create_meeting(
        "Nieuw", date(2026, 11, 3), time(19, 0), new_process_title="Traject"
    )
    listed = store.list_meetings()
    assert [m.id for m in listed] == [newer.id, older.id]
    assert listed[0].process_title == "Traject"
    assert listed[1].process_title == ""


@pytest.mark.parametrize(
    "title, expected",
    [("", "leeg"), ("   ", "leeg"), ("a\x00b", "onzichtbare"), ("x" * 201, "te lang")],
)
def test_bad_titles_are_refused_and_nothing_is_saved(
    store: Store, title: str, expected: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        store.create_meeting(title, date(2026, 12, 1), time(19, 30))
    assert expected in refused.value.message
    assert store.list_meetings() == []


def test_a_new_process_is_created_with_the_meeting(store: Store) -> None:
    meeting = store.create_meeting(
        "A", date(2026, 12, 1), time(19, 30), new_process_title="Speelplein"
    )
    assert meeting.process is not None and meeting.process.title == "Speelplein"
    again = store.create_meeting(
        "B", date(2026, 12, 8), time(19, 30), process_id=meeting.process.id
    )
    assert again.process == meeting.process
    assert len(store.list_processes()) == 1


def test_unknown_ids_are_refused_clearly(store: Store) -> None:
    with pytest.raises(NotFoundError) as refused:
        store.get_meeting(999)
    assert "999" in refused.value.message
    with pytest.raises(NotFoundError):
        store.set_presence(12345, Presence.AANWEZIG)
    with pytest.raises(NotFoundError):
        store.create_meeting("A", date(2026, 12, 1), time(19, 30), process_id=77)
    assert store.list_meetings() == []


def test_process_frames_are_stored_and_validated(meeting, store: Store) -> None:
    process = store.update_process(
        meeting.process.id,
        fixed_text="Het plein blijft openbaar.",
        open_text="Indeling en speeltoestellen.",
        feedback_text="Binnen twee weken in de wijkkrant.",
    )
    assert process.participation_level is ParticipationLevel.MEEBESLISSEN
    assert process.budget_euro_cents == 8_500_000
    assert process.decision_deadline == date(2027, 3, 1)
    assert process.fixed_text == "Het plein blijft openbaar."
    with pytest.raises(InvalidInputError):
        store.update_process(meeting.process.id, budget_euro_cents=-1)
    with pytest.raises(InvalidInputError):
        store.update_process(meeting.process.id, title="  ")
    assert store.get_process(meeting.process.id) == process


def test_create_process_for_meeting_links_it_in_one_step(store: Store) -> None:
    meeting = store.create_meeting("A", date(2026, 12, 1), time(19, 30))
    linked = store.create_process_for_meeting(
        meeting.id, "Groen in de wijk", participation_level=ParticipationLevel.ADVISEREN
    )
    assert linked.process is not None
    assert linked.process.participation_level is ParticipationLevel.ADVISEREN
    with pytest.raises(InvalidInputError):
        store.create_process_for_meeting(meeting.id, "")
    assert len(store.list_processes()) == 1


def test_attendees_defaults_and_presence(meeting, store: Store) -> None:
    people = store.list_attendees(meeting.id)
    assert [p.name for p in people] == sorted(name for name, _r, _c in PEOPLE)
    professional = store.add_attendee(meeting.id, "Wethouder Smit", Role.GEMEENTE)
    resident = store.add_attendee(meeting.id, "Truus", Role.BEWONER)
    assert professional.consent is Consent.NAAM
    assert resident.consent is Consent.ANONIEM
    assert resident.presence is Presence.ONBEKEND and resident.arrived_at is None

    marked = store.set_presence(resident.id, Presence.AANWEZIG)
    assert marked.presence is Presence.AANWEZIG and marked.arrived_at == FIXED_NOW
    # Marking again keeps the first arrival time.
    again = store.set_presence(resident.id, Presence.AANWEZIG)
    assert again.arrived_at == FIXED_NOW


def test_attendance_counts_split_residents_and_professionals(meeting, store: Store) -> None:
    by_name = {p.name: p for p in store.list_attendees(meeting.id)}
    for name in (
        "Jan de Vries",
        "Fatima Ouali",
        "Mohammed El Amrani",
        "Els Verbeek",
        "Sanne Visser",
    ):
        store.set_presence(by_name[name].id, Presence.AANWEZIG)
    store.set_presence(by_name["Piet Jansen"].id, Presence.AFWEZIG_MET_KENNISGEVING)
    store.set_presence(by_name["Kees Dekker"].id, Presence.AFWEZIG)
    counts = store.attendance_counts(meeting.id)
    assert (counts.residents_present, counts.professionals_present, counts.others_present) == (
        2,
        2,
        1,
    )
    assert counts.present == 5
    assert (counts.absent_with_notice, counts.absent, counts.unmarked) == (1, 1, 1)


def test_update_and_remove_attendee(meeting, store: Store) -> None:
    person = store.list_attendees(meeting.id)[0]
    changed = store.update_attendee(person.id, name="Anna B.", consent=Consent.INITIALEN)
    assert (changed.name, changed.consent) == ("Anna B.", Consent.INITIALEN)
    with pytest.raises(InvalidInputError):
        store.update_attendee(person.id, name="")
    assert store.list_attendees(meeting.id)[0].name == "Anna B."
    store.remove_attendee(person.id)
    assert person.id not in {p.id for p in store.list_attendees(meeting.id)}


def test_copy_meeting_takes_agenda_and_people_but_not_presence(meeting, store: Store) -> None:
    first = store.list_attendees(meeting.id)[0]
    store.set_presence(first.id, Presence.AANWEZIG)
    store.add_agenda_item(meeting.id, "Keuze ontwerp", position=6)
    copy = store.copy_meeting(meeting.id, "Tweede avond", date(2027, 1, 12), time(19, 30))
    assert copy.process == meeting.process
    assert copy.location == meeting.location
    assert [i.title for i in store.list_agenda(copy.id)] == [
        i.title for i in store.list_agenda(meeting.id)
    ]
    copied = store.list_attendees(copy.id)
    assert [(p.name, p.role, p.consent) for p in copied] == [
        (p.name, p.role, p.consent) for p in store.list_attendees(meeting.id)
    ]
    assert all(p.presence is Presence.ONBEKEND for p in copied)


def test_delete_meeting_removes_everything_in_it(meeting, store: Store) -> None:
    store.delete_meeting(meeting.id)
    assert store.list_meetings() == []
    with pytest.raises(NotFoundError):
        store.list_attendees(meeting.id)
    # The process stays: it may have other meetings.
    assert len(store.list_processes()) == 1


def test_add_agenda_item_validates_minutes(meeting, store: Store) -> None:
    before = store.list_agenda(meeting.id)
    for minutes in (-1, 601, "tien"):
        with pytest.raises(InvalidInputError):
            store.add_agenda_item(meeting.id, "Iets", planned_minutes=minutes)  # type: ignore[arg-type]
    assert store.list_agenda(meeting.id) == before
    added = store.add_agenda_item(meeting.id, "Keuze ontwerp", position=6, planned_minutes=30)
    agenda = store.list_agenda(meeting.id)
    assert agenda[6] == added and added.number == 7
    assert [i.position for i in agenda] == list(range(len(agenda)))


def test_database_url_accepts_paths_and_urls(tmp_path) -> None:
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert database_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"


def test_open_file_database_uses_wal_and_foreign_keys(tmp_path) -> None:
    store = Store.open(tmp_path / "baz.db")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    store.close()


@pytest.mark.parametrize(
    "target",
    ["/no/such/dir/x.db", "foo://bar", "postgresql+nosuchdriver://localhost/baz"],
)
def test_open_refuses_bad_targets_with_one_clear_message(target: str) -> None:
    with pytest.raises(BazError) as refused:
        Store.open(target)
    assert "\n" not in refused.value.message
    assert "Traceback" not in refused.value.message


def test_open_refuses_random_bytes(tmp_path) -> None:
    path = tmp_path / "kapot.db"
    path.write_bytes(bytes(range(256)) * 64)
    before = path.read_bytes()
    with pytest.raises(BazError) as refused:
        Store.open(path)
    assert str(path) in refused.value.message
    assert path.read_bytes() == before


def test_data_survives_reopening(store_url: str) -> None:
    path = store_url
    first = Store.open(path)
    meeting = first.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    person = first.add_attendee(meeting.id, "Jan", Role.BEWONER)
    first.set_presence(person.id, Presence.AANWEZIG)
    first.close()
    second = Store.open(path)
    assert second.list_attendees(meeting.id)[0].presence is Presence.AANWEZIG
    second.close()


# ---------------------------------------------------------- undo with two laptops (#21)


def test_undo_at_the_door_never_overwrites_the_other_laptop(two_laptops, clock) -> None:  # type: ignore[no-untyped-def]
    from models.errors import ChangedMeanwhileError

    door, table = two_laptops
    meeting = door.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    anna = door.add_attendee(meeting.id, "Anna Bakker")
    jan = door.add_attendee(meeting.id, "Jan de Vries")
    # A marks Anna present by mistake and takes it back: no arrival time is left behind.
    marked = door.set_presence(anna.id, Presence.AANWEZIG)
    assert marked.arrived_at == clock()
    back = door.set_presence(
        anna.id, anna.presence, expected=marked.presence, arrived_at=anna.arrived_at
    )
    assert back.presence is Presence.ONBEKEND and back.arrived_at is None
    # A marks Jan absent; B (the note-taker) sees him come in and marks him present: A's
    # undo would overwrite that, so it is refused and nothing changes.
    absent = door.set_presence(jan.id, Presence.AFWEZIG)
    table.set_presence(jan.id, Presence.AANWEZIG)
    with pytest.raises(ChangedMeanwhileError, match="Jan de Vries"):
        door.set_presence(jan.id, jan.presence, expected=absent.presence, arrived_at=None)
    assert door.list_attendees(meeting.id)[1].presence is Presence.AANWEZIG
    # An edit is undone only while the person is as the edit left them.
    edited = door.update_attendee(anna.id, consent=Consent.NAAM)
    table.update_attendee(anna.id, name="Anna de Bakker")
    with pytest.raises(ChangedMeanwhileError):
        door.update_attendee(anna.id, consent=anna.consent, expected=edited)
    # Someone added at the door who has since been given the floor stays on the list.
    new = door.add_attendee(meeting.id, "Truus Bos", presence=Presence.AANWEZIG)
    item = door.list_agenda(meeting.id)[2]
    table.start_item(item.id)
    table.add_speaker(item.id, new.id)
    with pytest.raises(ChangedMeanwhileError, match="Truus Bos"):
        door.remove_attendee(new.id, if_unused=True)
    with pytest.raises(ChangedMeanwhileError, match="Truus Bos"):
        door.remove_attendees([new.id])
    assert [a.name for a in door.list_attendees(meeting.id)] == [
        "Anna de Bakker",
        "Jan de Vries",
        "Truus Bos",
    ]


def test_undo_on_the_agenda_never_overwrites_the_other_laptop(two_laptops) -> None:  # type: ignore[no-untyped-def]
    from models.errors import ChangedMeanwhileError

    chair, notes = two_laptops
    meeting = chair.create_meeting("Avond", date(2026, 12, 1), time(19, 30))
    item = chair.list_agenda(meeting.id)[5]
    edited = chair.update_agenda_item(item.id, planned_minutes=20)
    notes.update_agenda_item(item.id, title="Actielijst en vragen")
    with pytest.raises(ChangedMeanwhileError):
        chair.update_agenda_item(item.id, planned_minutes=item.planned_minutes, expected=edited)
    assert chair.list_agenda(meeting.id)[5].title == "Actielijst en vragen"
    # An item added by the chair that the note-taker wrote notes on since stays.
    added = chair.add_agenda_item(meeting.id, "Speeltuin", position=6)
    notes.save_notes(added.id, "Veel vragen over de schommel.")
    with pytest.raises(ChangedMeanwhileError, match="Speeltuin"):
        chair.delete_agenda_item(added.id, if_untouched=True)
    assert chair.list_agenda(meeting.id)[6].notes == "Veel vragen over de schommel."
    # Untouched, it goes.
    empty = chair.add_agenda_item(meeting.id, "Extra punt")
    chair.delete_agenda_item(empty.id, if_untouched=True)
    assert "Extra punt" not in [i.title for i in chair.list_agenda(meeting.id)]
