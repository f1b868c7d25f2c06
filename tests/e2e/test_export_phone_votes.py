"""The Word minutes name the channels of a vote that had phone votes (DESIGN §5a)."""

from __future__ import annotations

from pathlib import Path

from baz_tui.export import export_minutes
from baz_tui.i18n import current_language, install_language
from models.domain import Channel, Presence
from models.records.meeting import MeetingInfo
from models.store import Store


def test_the_word_minutes_show_the_phone_channel(
    store: Store, meeting: MeetingInfo, tmp_path: Path
) -> None:
    import docx

    before = current_language()
    install_language("nl")
    try:
        for person in store.list_attendees(meeting.id):
            store.set_presence(person.id, Presence.AANWEZIG)
        item = store.list_agenda(meeting.id)[6].id
        store.start_item(item)
        store.open_room(meeting.id)
        poll = store.create_poll(item, "Speeltoestel erbij?")
        store.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 1)
        store.import_digital_votes(poll.id, [3, 0, 0], "enquete.csv")
        for _n in range(2):
            phone = store.phone_of(meeting.id, store.join_room(meeting.id))
            store.cast_phone_vote(meeting.id, phone, poll.id, poll.options[0].id)
        store.declare_poll(poll.id)
        path = export_minutes(store, meeting.id, tmp_path / "notulen.docx")
        document = docx.Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Stemmen per kanaal: in de zaal 1, digitaal vooraf 3, telefoon 2" in text
        rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        assert ["telefoon", "2", "0", "0"] in rows
        assert ["totaal", "6", "0", "0"] in rows
    finally:
        install_language(before)
