"""The speaker list's fast read path gives what the ORM gives (on SQLite and PostgreSQL).

``models.store.speakers`` reads an item's entries with Core, makes the stored naive-UTC moments
aware itself instead of through ``UTCDateTime``, and builds ``SpeakerRecord`` and
``SpeakerInfo`` by place: these tests hold those shortcuts to the slow, plain way.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta

from sqlmodel import Session, select

from models.database.tables import SpeakerEntry
from models.domain import Presence, SpeakerKind
from models.records.meeting import MeetingInfo, SpeakerInfo, SpeakerRecord
from models.store import Store
from models.store import speakers as store_speakers
from tests.conftest import Clock


def test_records_and_infos_are_built_in_the_order_of_their_fields() -> None:
    # _snapshot and _info pass their values by place.
    assert [f.name for f in fields(SpeakerRecord)] == ["id", *store_speakers._CHANGEABLE]
    assert [f.name for f in fields(SpeakerInfo)] == [
        "id",
        "agenda_item_id",
        "attendee_id",
        "name",
        "role",
        "kind",
        "requested_at",
        "started_at",
        "ended_at",
        "paused_at",
        "paused_seconds",
        "spoken_seconds",
        "overtime_seconds",
        "reason",
    ]


def test_the_list_reads_every_column_as_the_orm_does(
    store: Store, meeting: MeetingInfo, clock: Clock
) -> None:
    people = [a.id for a in store.list_attendees(meeting.id)]
    for person in people:
        store.set_presence(person, Presence.AANWEZIG)
    item = store.list_agenda(meeting.id)[6].id
    store.start_item(item)
    # Moments with microseconds, every column filled somewhere: finished, paused, removed,
    # waiting, a point of order, an anonymous resident.
    clock.moment += timedelta(microseconds=123_457)
    for person in people[:4]:
        store.add_speaker(item, person)
        clock.advance(seconds=1.000_001)
    store.add_speaker(item, None, SpeakerKind.PUNT_VAN_ORDE)
    store.next_speaker(item)
    clock.advance(seconds=42.5)
    store.pause_speaker(item)
    clock.advance(seconds=7.25)
    store.resume_speaker(item)
    clock.advance(seconds=200.75)
    store.next_speaker(item)
    clock.advance(seconds=3.1)
    store.pause_speaker(item)
    waiting = store.speaker_state(item).waiting
    store.remove_speaker(waiting[-1].id)

    with Session(store.engine) as session:
        rows = session.exec(
            select(SpeakerEntry)
            .where(SpeakerEntry.agenda_item_id == item)
            .order_by(SpeakerEntry.id)  # type: ignore[arg-type]
        ).all()
        expected = tuple(
            SpeakerRecord(
                id=row.id,  # type: ignore[arg-type]
                attendee_id=row.attendee_id,
                kind=SpeakerKind(row.kind),
                position=row.position,
                requested_at=row.requested_at,
                started_at=row.started_at,
                ended_at=row.ended_at,
                paused_at=row.paused_at,
                paused_seconds=row.paused_seconds,
                spoken_seconds=row.spoken_seconds,
                overtime_seconds=row.overtime_seconds,
                removed_at=row.removed_at,
            )
            for row in rows
        )
    for name in ("ended_at", "paused_at", "removed_at"):  # the test covers every column
        assert any(getattr(record, name) is not None for record in expected), name

    # The list as an action reads it is the list as the ORM reads it.
    with store.engine.connect() as db:
        read = tuple(store_speakers._record(e) for e in store_speakers._read_entries(db, item))
    assert read == expected
    for record in read:
        for name in ("requested_at", "started_at", "ended_at", "paused_at", "removed_at"):
            moment = getattr(record, name)
            assert moment is None or moment.utcoffset() == timedelta(0)
