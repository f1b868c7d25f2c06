"""The minutes data (``build_minutes``) and the live preview (``minutes_markdown``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import pytest
from markdown_it import MarkdownIt

from models.domain import ActionStatus, CardKind, Channel, Presence
from models.i18n import _
from models.minutes import build_minutes, escape_markdown, minutes_markdown, note_blocks
from models.records.meeting import MeetingInfo
from models.records.minutes import Minutes
from models.store import Store
from tests.conftest import Clock

#: The attendees of the ``meeting`` fixture who may not be named in the public minutes.
HIDDEN = ("Fatima Ouali", "Piet Jansen", "Anna Bakker", "Sanne Visser")
NAMED = ("Jan de Vries", "Mohammed El Amrani", "Els Verbeek", "Kees Dekker")


@dataclass(frozen=True)
class Filled:
    """What :func:`fill_meeting` made, for the assertions."""

    meeting: MeetingInfo
    analysis_item: int
    vote_item: int
    vote_question: str
    decision_label: str
    next_meeting: MeetingInfo


def fill_meeting(store: Store, meeting: MeetingInfo, clock: Clock) -> Filled:
    """The ``meeting`` fixture with everything the minutes show, names in every free text."""
    people = {a.name: a.id for a in store.list_attendees(meeting.id)}
    for name, person in people.items():
        presence = Presence.AFWEZIG_MET_KENNISGEVING if name == "Anna Bakker" else Presence.AANWEZIG
        store.set_presence(person, presence)
    store.update_meeting(meeting.id, chair="Jan de Vries", note_taker="Piet Jansen")
    analysis = store.add_agenda_item(meeting.id, "Probleemanalyse speelplein", position=6)
    vote = store.add_agenda_item(meeting.id, "Keuze ontwerp", position=7)
    items = store.list_agenda(meeting.id)
    store.save_notes(
        items[2].id,
        "Fatima Ouali meldt de nieuwe openingstijden.\n- Anna vraagt naar de bankjes\n"
        "  - Piet Jansen steunt dat\nMohammed El Amrani antwoordt.",
    )
    # The problem analysis: a core problem, causes with a sub-cause, effects, ranked ideas.
    store.add_card(analysis.id, CardKind.KERNPROBLEEM, "Het plein wordt weinig gebruikt")
    state = store.add_card(
        analysis.id, CardKind.OORZAAK, "Geen schaduw", author_attendee_id=people["Fatima Ouali"]
    )
    cause = state.causes[0].id
    store.add_card(analysis.id, CardKind.OORZAAK, "Bomen gekapt", parent_id=cause)
    store.add_card(analysis.id, CardKind.GEVOLG, "Kinderen spelen op straat")
    low = store.add_card(analysis.id, CardKind.OPLOSSING, "Bankjes (idee van Sanne Visser)")
    high = store.add_card(analysis.id, CardKind.OPLOSSING, "Schaduwdoeken")
    store.add_dots(low.touched_card_id or 0, 2)
    store.add_dots(high.touched_card_id or 0, 5)
    # A vote, counted in the room and digitally, declared with a decision.
    question = "Kiezen we voor ontwerp B?"
    poll = store.create_poll(vote.id, question, present_count=12)
    for option, room, digital in zip(poll.options, (5, 2, 1), (3, 1, 0), strict=True):
        store.set_count(poll.id, option.id, Channel.ZAAL, room)
        store.set_count(poll.id, option.id, Channel.DIGITAAL, digital)
    store.set_digital_source(poll.id, "stemmen.csv")
    store.declare_poll(poll.id, decision_text="Ontwerp B, zoals Anna Bakker voorstelde.")
    decision = store.list_decisions(meeting.id)[0]
    store.add_decision(meeting.id, "Fatima Ouali schrijft de wijkkrant.", item_id=vote.id)
    store.add_action(
        meeting.id,
        "Offerte schaduwdoeken opvragen bij Kees Dekker",
        who="Piet Jansen",
        due=date(2027, 1, 15),
        item_id=vote.id,
    )
    store.add_action(meeting.id, "Bankjes bestellen", who="gemeente", item_id=vote.id)
    # Speakers: turns that the statistics count, on the item while it runs (S10).
    store.start_item(vote.id)
    for name, seconds in (("Fatima Ouali", 95), ("Mohammed El Amrani", 60), (None, 30)):
        store.add_speaker(vote.id, people[name] if name else None)
        store.next_speaker(vote.id)
        clock.advance(seconds=seconds)
        store.stop_speaker(vote.id)
    # The next meeting of the process carries one action over.
    later = store.copy_meeting(meeting.id, "Tweede avond", date(2026, 12, 22), meeting.start_time)
    old = store.add_action(later.id, "Later")
    store.set_action_status(old.id, ActionStatus.GEDAAN, later.id)
    return Filled(
        store.get_meeting(meeting.id), analysis.id, vote.id, question, decision.label, later
    )


@pytest.fixture
def filled(store: Store, meeting: MeetingInfo, clock: Clock) -> Filled:
    return fill_meeting(store, meeting, clock)


def all_text(minutes: Minutes) -> str:
    return minutes_markdown(minutes).replace("\\", "")


# ------------------------------------------------------------------------ the data


def test_internal_minutes_hold_everything_in_agenda_order(store: Store, filled: Filled) -> None:
    minutes = build_minutes(store, filled.meeting.id, public=False)
    assert [i.number for i in minutes.items] == list(range(1, 11))
    assert minutes.items[6].title == "Probleemanalyse speelplein"
    assert (minutes.chair, minutes.note_taker) == ("Jan de Vries", "Piet Jansen")
    assert minutes.attendance.counts.present == 7
    assert [p.name for p in minutes.attendance.absent_with_notice] == ["Anna Bakker"]
    analysis = minutes.items[6].analysis
    assert analysis is not None and analysis.core is not None
    assert [c.text for c in analysis.causes] == ["Geen schaduw"]
    assert analysis.causes[0].author == "Fatima Ouali"
    assert [c.text for c in analysis.causes[0].children] == ["Bomen gekapt"]
    assert [(i.rank, i.text, i.dots) for i in analysis.ideas] == [
        (1, "Schaduwdoeken", 5),
        (2, "Bankjes (idee van Sanne Visser)", 2),
    ]
    vote = minutes.items[7]
    (poll,) = vote.polls
    assert poll.options == (_("for"), _("against"), _("abstain"))
    assert [r.counts for r in poll.rows] == [(5, 2, 1), (3, 1, 0), (8, 3, 1)]
    assert poll.declared and poll.result_text and poll.rule_text
    assert [d.label for d in vote.decisions] == ["B-2026-01", "B-2026-02"]
    assert [a.what for a in vote.actions][0].startswith("Offerte schaduwdoeken")
    assert [d.label for d in minutes.decisions] == ["B-2026-01", "B-2026-02"]
    assert minutes.speaking is not None and minutes.speaking.turns == 3
    assert minutes.speaking.people[0].name == "Fatima Ouali"


def test_public_minutes_name_people_as_they_agreed(store: Store, filled: Filled) -> None:
    minutes = build_minutes(store, filled.meeting.id, public=True)
    text = all_text(minutes)
    for name in HIDDEN:
        for part in name.split():
            assert part not in text, part
    for name in ("Jan de Vries", "Mohammed El Amrani", "Kees Dekker"):
        assert name in text
    assert minutes.note_taker == "P.J."
    # Numbered as the list shows them: the present first (Fatima, Sanne), then Anna, who sent
    # notice: 1, 2, 3 without a gap.
    assert [p.name for p in minutes.attendance.present if p.name.startswith("Bewoner")] == [
        "Bewoner 1",
        "Bewoner 2",
    ]
    assert [p.name for p in minutes.attendance.absent_with_notice] == ["Bewoner 3"]
    analysis = minutes.items[6].analysis
    assert analysis is not None and analysis.causes[0].author == "Bewoner 1"
    assert minutes.items[7].decisions[0].text == "Ontwerp B, zoals Bewoner 3 voorstelde."
    assert minutes.items[7].actions[0].who == "P.J."
    assert minutes.speaking is not None
    # Who agreed to be named has a line; the others are summed (Fatima, no consent).
    assert [(p.name, p.turns, p.summed) for p in minutes.speaking.people] == [
        ("Mohammed El Amrani", 1, False),
        ("Andere bewoners", 2, True),
    ]
    internal = build_minutes(store, filled.meeting.id, public=False).speaking
    assert internal is not None
    assert minutes.speaking.turns == internal.turns == 3
    assert minutes.speaking.total_seconds == internal.total_seconds
    assert minutes.speaking.resident_percent == internal.resident_percent
    assert minutes.items[2].notes.startswith("Bewoner 1 meldt")


def test_the_next_meeting_shows_the_carried_over_actions(store: Store, filled: Filled) -> None:
    minutes = build_minutes(store, filled.next_meeting.id, public=False)
    assert [(a.what, a.carried_over) for a in minutes.actions] == [
        ("Offerte schaduwdoeken opvragen bij Kees Dekker", True),
        ("Bankjes bestellen", True),
        ("Later", False),
    ]
    assert minutes.decisions == ()


def test_leaving_the_speaking_time_out(store: Store, filled: Filled) -> None:
    assert (
        build_minutes(store, filled.meeting.id, public=False, speaking_time=False).speaking is None
    )


def test_an_empty_meeting_has_minutes_too(store: Store) -> None:
    info = store.create_meeting("Leeg", date(2026, 3, 3), time(20, 0))
    minutes = build_minutes(store, info.id, public=True)
    assert minutes.process is None and minutes.speaking is None
    assert all(item.empty for item in minutes.items)
    assert _("Nothing to report.") in all_text(minutes)


def test_items_a_closed_meeting_never_reached_say_so(store: Store) -> None:
    """Closed after item 2 of the standard agenda: the items after it were not dealt with — the
    minutes say so instead of "Geen bijzonderheden" or "Hamerstuk"; what was typed on them
    stays; the closing item says when the meeting closed."""
    info = store.create_meeting("Kort", date(2026, 3, 3), time(20, 0))
    items = store.list_agenda(info.id)
    store.update_agenda_item(items[3].id, hamerstuk=True)  # a formality never reached
    store.save_notes(items[2].id, "Vraag over de bankjes volgt per mail.")
    store.next_item(info.id)
    store.next_item(info.id)
    store.close_meeting(info.id)
    minutes = build_minutes(store, info.id, public=False)
    marked = [item.number for item in minutes.items if item.not_dealt_with]
    assert marked == [i.number for i in items[2:-1]]
    text = minutes_markdown(minutes)
    assert text.count(
        escape_markdown(_("Not dealt with: the meeting closed before this item."))
    ) == len(marked)
    assert escape_markdown(_("Hamerstuk.")) not in text
    assert "Vraag over de bankjes volgt per mail." in all_text(minutes)
    assert text.count(escape_markdown(_("Nothing to report."))) == 1  # item 2 only
    assert minutes.items[-1].meeting_closed is not None and not minutes.items[-1].not_dealt_with


def test_a_meeting_run_without_the_agenda_clock_marks_no_item(store: Store) -> None:
    """Items never started because the chair never pressed V: nothing says "not dealt with"."""
    info = store.create_meeting("Zonder klok", date(2026, 3, 3), time(20, 0))
    store.add_agenda_item(info.id, "Opening")
    store.add_agenda_item(info.id, "Rondvraag")
    store.start_meeting(info.id)
    store.close_meeting(info.id)
    minutes = build_minutes(store, info.id, public=False)
    assert not any(item.not_dealt_with for item in minutes.items)


# ------------------------------------------------------------------------ markdown


def test_status_and_approval_show_in_the_preview(store: Store, filled: Filled) -> None:
    draft = minutes_markdown(build_minutes(store, filled.meeting.id, public=False))
    assert escape_markdown(_("DRAFT")) in draft
    store.approve_minutes(filled.meeting.id, date(2026, 12, 22))
    approved = minutes_markdown(build_minutes(store, filled.meeting.id, public=False))
    assert "22 december 2026" in approved.replace("\\", "")


def _inline_types(source: str) -> set[str]:
    tokens = MarkdownIt("gfm-like").parse(source)
    types = {t.type for t in tokens}
    for token in tokens:
        types |= {c.type for c in token.children or ()}
    return types


@pytest.mark.parametrize(
    "typed",
    [
        "*vet* _schuin_ **sterk** `code`",
        "# kop",
        "[link](http://example.org) <b>html</b> &amp;",
        "1. genummerd",
        "- lijst",
        "> citaat",
        "| a | b |",
        "~~weg~~ ![plaatje](x.png)",
        "===",
        "\\*backslash",
    ],
)
def test_typed_text_is_never_markup(typed: str) -> None:
    source = escape_markdown(typed)
    types = _inline_types(source)
    assert types <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}, types
    # And it reads back exactly as typed.
    rendered = MarkdownIt("commonmark").render(source)
    assert typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in rendered


def test_the_preview_is_well_formed_markdown(store: Store, filled: Filled) -> None:
    source = minutes_markdown(build_minutes(store, filled.meeting.id, public=False))
    types = _inline_types(source)
    assert {"heading_open", "table_open", "bullet_list_open", "strong_open"} <= types
    assert source.count("\n## ") >= 10  # an item heading for every agenda item


def test_note_blocks() -> None:
    assert note_blocks("Intro\n\n- een\n  - twee\n* drie\nSlot\n   ") == [
        (0, "Intro"),
        (1, "een"),
        (2, "twee"),
        (1, "drie"),
        (0, "Slot"),
    ]


def test_phone_votes_show_per_channel_with_the_channel_named(
    store: Store, meeting: MeetingInfo
) -> None:
    """A vote with phone votes: a "by phone" row in its table and the channels named in one
    sentence, in the minutes and the preview; a vote without them looks as it always did."""
    from models.domain import label

    for person in store.list_attendees(meeting.id):
        store.set_presence(person.id, Presence.AANWEZIG)
    item = store.list_agenda(meeting.id)[6].id
    store.start_item(item)
    store.open_room(meeting.id)
    poll = store.create_poll(item, "Speeltoestel erbij?")
    quiet = store.create_poll(item, "Zonder telefoons?")
    store.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 2)
    store.import_digital_votes(poll.id, [3, 0, 0], "enquete.csv")
    phone = store.phone_of(meeting.id, store.join_room(meeting.id))
    store.cast_phone_vote(meeting.id, phone, poll.id, poll.options[1].id)
    store.declare_poll(poll.id)
    minutes = build_minutes(store, meeting.id, public=False)
    (with_phones, without) = [p for i in minutes.items for p in i.polls]
    assert [r.label for r in with_phones.rows] == [
        label(Channel.ZAAL),
        label(Channel.DIGITAAL),
        label(Channel.TELEFOON),
        _("total"),
    ]
    assert with_phones.rows[2].counts == (0, 1, 0)
    assert with_phones.channels_text == _("Votes per channel: {channels}").format(
        channels=f"{label(Channel.ZAAL)} 2, {label(Channel.DIGITAAL)} 3, {label(Channel.TELEFOON)} 1"
    )
    assert [r.label for r in without.rows] == [label(Channel.ZAAL), _("total")]
    assert without.channels_text == "" and quiet.id != poll.id
    assert escape_markdown(with_phones.channels_text) in minutes_markdown(minutes)
