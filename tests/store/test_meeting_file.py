"""The meeting file: round trips without loss, and every kind of bad file refused whole.

Messages are checked on the path of the problem and the values in it, not on words: the suite
runs in Dutch and the Dutch of these messages comes from the catalogue.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import jsonschema  # the test extras install it: the schema is checked by a general validator too
import pytest

from models.database.tables import ALL_TABLES
from models.demo import ANALYSIS_CARDS, ATTENDEES, SPEAKER_HISTORY, create_demo
from models.domain import (
    ActionStatus,
    CardKind,
    Channel,
    ParticipationLevel,
    PollMethod,
    Presence,
)
from models.errors import BazError
from models.files.meeting_file import (
    REFERENCES,
    SCHEMA_KEYWORDS,
    SCHEMA_PATH,
    DuplicateMeetingError,
    MeetingFileError,
    encode,
    parse_meeting_file,
    schema,
)
from models.store import Store
from screens.file_work import load_meeting_file
from tests.conftest import ROOT, Clock


def without_moment(data: dict[str, Any]) -> dict[str, Any]:
    """The content of a file apart from when it was written."""
    return {k: v for k, v in data.items() if k != "exported_at"}


def round_trip(store: Store, meeting_id: int, clock: Clock) -> tuple[dict, dict, Store]:  # type: ignore[type-arg]
    """Dump, write, read, load into a fresh database, dump again."""
    first = store.dump_meeting(meeting_id)
    other = Store.in_memory(clock=clock)
    loaded = other.load_meeting(parse_meeting_file(encode(first)))
    return first, other.dump_meeting(loaded.meeting_id), other


def table_counts(store: Store) -> dict[str, int]:
    from sqlalchemy import func, select
    from sqlmodel import Session

    with Session(store.engine) as session:
        return {
            t.__name__: session.scalar(select(func.count()).select_from(t)) or 0 for t in ALL_TABLES
        }


# --------------------------------------------------------------------------- round trips


def test_demo_meeting_round_trips_without_loss(store: Store, clock: Clock) -> None:
    demo = create_demo(store, date(2026, 11, 28))
    first, second, other = round_trip(store, demo.id, clock)
    assert without_moment(first) == without_moment(second)
    # The same bytes too, once the moment of writing is the same.
    second["exported_at"] = first["exported_at"]
    assert encode(first) == encode(second)
    # Every kind of thing is really in it (not an empty round trip).
    assert len(first["attendees"]) == len(ATTENDEES) and len(first["agenda"]) == 11
    turns = sum(len(history[1]) for history in SPEAKER_HISTORY.values())
    assert sum(len(i["speakers"]) for i in first["agenda"]) == turns
    assert sum(len(i["cards"]) for i in first["agenda"]) == len(ANALYSIS_CARDS)
    polls = [p for i in first["agenda"] for p in i["polls"]]
    assert [p["status"] for p in polls] == ["vastgesteld", "vastgesteld"]
    assert polls[0]["options"][0]["counts"] == {"zaal": 4, "digitaal": 31}
    assert polls[0]["digital_source"].startswith("enquete-speelplein.csv")
    assert [d["poll"] for d in first["decisions"]] == [None, polls[0]["id"], polls[1]["id"]]
    assert len(first["breaks"]) == 1 and first["meeting"]["status"] == "gesloten"
    # And the loaded meeting reads the same through the Store: its minutes, in both versions
    # (but for the next meeting of the process they announce: that one is not in the file).
    from dataclasses import replace

    from models.minutes import build_minutes, minutes_markdown

    new_id = other.list_meetings()[0].id
    for public in (False, True):
        here = build_minutes(store, demo.id, public=public)
        assert here.next_meeting is not None
        assert minutes_markdown(build_minutes(other, new_id, public=public)) == minutes_markdown(
            replace(here, next_meeting=None)
        )
    assert {a["number"] for a in first["actions"]} == {1, 2, 3, 4}
    assert first["process"]["contact"].startswith("Sanne de Wit")
    assert all(p["result_facts"].startswith('{"version":1') for p in polls)
    other.close()


def _rich_meeting(store: Store, clock: Clock, meeting_id: int) -> None:
    """What the demo lacks: breaks, a re-vote, dot voting, a quorum, action points (one
    done), a card moved under a later one, an author, a closed meeting with approved minutes."""
    agenda = store.list_agenda(meeting_id)
    people = store.list_attendees(meeting_id)
    for person in people[:60]:
        store.set_presence(person.id, Presence.AANWEZIG)
    item = agenda[7].id
    store.start_item(item)
    clock.advance(minutes=3)
    store.start_break(meeting_id)
    clock.advance(minutes=10)
    store.end_break(meeting_id)
    core = store.add_card(item, CardKind.KERNPROBLEEM, "Te weinig groen").touched_card_id
    later = store.add_card(item, CardKind.OORZAAK, "Tegels", author_attendee_id=people[3].id)
    idea = store.add_card(item, CardKind.OPLOSSING, "Geveltuinen").touched_card_id
    assert core and later.touched_card_id and idea
    early = store.add_card(item, CardKind.OORZAAK, "Geen budget").touched_card_id
    assert early
    store.move_card(early, later.touched_card_id)
    store.add_dots(idea, 2)
    poll = store.create_poll(
        item, "Geveltuinen in de hele straat?", quorum=(1, 2), eligible_count=200
    )
    store.set_count(poll.id, poll.options[0].id, Channel.ZAAL, 10)
    store.set_count(poll.id, poll.options[1].id, Channel.ZAAL, 10)
    store.declare_poll(poll.id)
    again = store.revote(poll.id)
    store.set_count(again.id, again.options[0].id, Channel.DIGITAAL, 3)
    store.declare_poll(again.id, decision_text="Geveltuinen komen er")
    store.create_poll(
        item,
        "Waar eerst?",
        method=PollMethod.STIPPEN,
        options=["Noord", "Zuid"],
        dots_per_participant=2,
        source_card_id=idea,
    )
    done = store.add_action(meeting_id, "Offerte geveltuinen", who="Gemeente", due="15-01-2027")
    store.add_action(meeting_id, "Buren informeren", item_id=item, source_card_id=idea)
    store.set_action_status(done.id, ActionStatus.GEDAAN, meeting_id)
    store.add_decision(meeting_id, "Zonder agendapunt besloten")
    clock.advance(minutes=20)
    store.close_meeting(meeting_id)
    store.approve_minutes(meeting_id, "12-01-2027")


def test_big_meeting_round_trips_without_loss(tmp_path: Path, clock: Clock) -> None:
    from bench.keys import build_meeting, build_votes

    big, meeting, _live, _ids = build_meeting(tmp_path / "big.db", 80, 200, 10, True)
    build_votes(big, meeting, 4)
    store = Store(big.database, clock=clock)
    _rich_meeting(store, clock, meeting.id)
    started = time.perf_counter()
    first, second, other = round_trip(store, meeting.id, clock)
    took = time.perf_counter() - started
    assert without_moment(first) == without_moment(second)
    assert len(first["attendees"]) == 80
    assert sum(len(i["speakers"]) for i in first["agenda"]) == 200 + 11
    assert len(first["breaks"]) == 1 and first["meeting"]["status"] == "gesloten"
    polls = [p for i in first["agenda"] for p in i["polls"]]
    assert [p["previous_poll"] for p in polls].count(None) == len(polls) - 1
    assert {a["status"] for a in first["actions"]} == {"open", "gedaan"}
    assert took < 10, f"dump, write, read, load and dump took {took:.1f} s"
    other.close()
    big.close()


# --------------------------------------------------------------------- what is in the file


#: Columns that are structure, not content: the ids, what an object belongs to, and the
#: positions given by the order of the lists and the counts of an option.
STRUCTURE = {
    "id",
    "meeting_id",
    "process_id",
    "agenda_item_id",
    "poll_id",
    "option_id",
    "channel",
    "count",
    "status_meeting_id",
}
FIELD_LISTS = {
    "Process": "PROCESS_FIELDS",
    "Meeting": "MEETING_FIELDS",
    "Attendee": "ATTENDEE_FIELDS",
    "AgendaItem": "ITEM_FIELDS",
    "MeetingBreak": "BREAK_FIELDS",
    "SpeakerEntry": "SPEAKER_FIELDS",
    "Card": "CARD_FIELDS",
    "Poll": "POLL_FIELDS",
    "Decision": "DECISION_FIELDS",
    "ActionItem": "ACTION_FIELDS",
    "PublicReviewChoice": "REVIEW_FIELDS",
}
KINDS = {"SpeakerEntry": "speaker", "Card": "card", "Poll": "poll"}
KINDS |= {"Decision": "decision", "ActionItem": "action", "PublicReviewChoice": "review"}


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.__name__)
def test_every_column_is_in_the_file(table: type) -> None:
    """A column added later must be added to the file too (or named structure here)."""
    import models.files.meeting_file as meeting_file

    columns = set(table.__table__.c.keys()) - STRUCTURE  # type: ignore[attr-defined]
    covered: set[str] = set()
    if table.__name__ in FIELD_LISTS:
        covered |= set(getattr(meeting_file, FIELD_LISTS[table.__name__]))
    covered |= set(REFERENCES.get(KINDS.get(table.__name__, ""), {}).values())
    if table.__name__ == "PollOption":
        covered |= {"label", "position"}
    if table.__name__ == "AgendaItem":
        covered |= {"position"}
    assert columns == covered - STRUCTURE


def test_the_schema_names_the_fields_and_codes_of_the_program() -> None:
    import models.files.meeting_file as meeting_file
    from models import domain

    definitions = schema()["$defs"]
    objects = {
        "process": "PROCESS_FIELDS",
        "meeting": "MEETING_FIELDS",
        "attendee": "ATTENDEE_FIELDS",
        "break": "BREAK_FIELDS",
        "agenda_item": "ITEM_FIELDS",
        "speaker": "SPEAKER_FIELDS",
        "card": "CARD_FIELDS",
        "poll": "POLL_FIELDS",
        "decision": "DECISION_FIELDS",
        "action": "ACTION_FIELDS",
        "review_choice": "REVIEW_FIELDS",
    }
    for name, fields in objects.items():
        properties = set(definitions[name]["properties"])
        kind = "review" if name == "review_choice" else name
        expected = set(getattr(meeting_file, fields)) | set(REFERENCES.get(kind, {}))
        expected |= {"id"} if name in ("attendee", "agenda_item", "card", "poll") else set()
        expected |= {"speakers", "cards", "polls"} if name == "agenda_item" else set()
        expected |= {"options"} if name == "poll" else set()
        assert properties == expected, name
    # Every enumeration of the schema is exactly the codes of the domain.
    codes = {
        frozenset(v.value for v in e)
        for e in vars(domain).values()
        if isinstance(e, type) and issubclass(e, domain.StrEnum) and e is not domain.StrEnum
    }

    def enums(node: Any) -> list[list[str]]:
        found = []
        if isinstance(node, dict):
            if "enum" in node:
                found.append(node["enum"])
            for value in node.values():
                found += enums(value)
        elif isinstance(node, list):
            for value in node:
                found += enums(value)
        return found

    for values in enums(schema()):
        assert frozenset(values) in codes, values
    assert set(definitions["option"]["properties"]["counts"]["properties"]) == {
        c.value for c in Channel
    }


def test_the_schema_uses_only_what_the_checker_understands() -> None:
    def keywords(node: Any, inside_properties: bool = False) -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            for name, value in node.items():
                if not inside_properties:
                    found.add(name)
                found |= keywords(value, name in ("properties", "$defs"))
        elif isinstance(node, list):
            for value in node:
                found |= keywords(value)
        return found

    assert keywords(schema()) <= SCHEMA_KEYWORDS


def test_the_documented_schema_is_the_one_checked() -> None:
    documented = ROOT / "docs" / "meeting-file.schema.json"
    assert documented.read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")
    assert "meeting-file.schema.json" in (ROOT / "docs" / "meeting-file.md").read_text("utf-8")


def test_a_general_validator_accepts_what_baz_writes(demo_file: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    validator.check_schema(schema())
    validator.validate(json.loads(encode(demo_file)))


# ------------------------------------------------------------------------------ bad files


@pytest.fixture(scope="module")
def demo_file() -> dict[str, Any]:
    """The demo meeting's file, made once for the module (the demo takes a second to build)."""
    store = Store.in_memory(clock=Clock())
    try:
        return store.dump_meeting(create_demo(store, date(2026, 11, 28)).id)
    finally:
        store.close()


@pytest.fixture
def good(demo_file: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(demo_file)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a file: set the value at "agenda.7.cards.1.parent" (dots, list indexes)."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is _DELETE:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


_DELETE = object()

#: (a change to the demo's file, text the message must hold, whether the general JSON Schema
#: validator must also refuse it: references and ids are checked beyond the schema).
SCHEMA_CASES = {
    "text where a number belongs": (
        _set("agenda.2.planned_minutes", "tien"),
        "agenda[2].planned_minutes",
        True,
    ),
    "a negative count": (
        _set("agenda.8.polls.0.options.1.counts.zaal", -3),
        "agenda[8].polls[0].options[1].counts.zaal",
        True,
    ),
    "a code that does not exist": (_set("attendees.3.role", "burgemeester"), "burgemeester", True),
    "a field BaZ does not know": (_set("meeting.colour", "blauw"), "colour", True),
    "a required field missing": (_set("meeting.title", _DELETE), "title", True),
    "a date that does not exist": (
        _set("meeting.date", "2026-02-30"),
        "meeting.date",
        False,  # format is an annotation only for general validators
    ),
    "a moment without UTC": (
        _set("attendees.0.arrived_at", "2026-12-01 19:30"),
        "attendees[0].arrived_at",
        True,
    ),
    "a control character in a name": (
        _set("attendees.5.name", "Erik\x07Schouten"),
        "attendees[5].name",
        True,
    ),
    "a text that is too long": (_set("meeting.location", "x" * 201), "meeting.location", True),
    "true for a number": (
        _set("agenda.0.planned_minutes", True),
        "agenda[0].planned_minutes",
        True,
    ),
    "a poll without options": (
        _set("agenda.8.polls.1.options", []),
        "agenda[8].polls[1].options",
        True,
    ),
}
REFERENCE_CASES = {
    "a speaker who is not an attendee": (
        _set("agenda.6.speakers.0.attendee", 17_000),
        "agenda[6].speakers[0].attendee",
    ),
    "a card under a card that does not exist": (
        _set("agenda.7.cards.1.parent", 99),
        "agenda[7].cards[1].parent",
    ),
    "cards hanging under each other in a circle": (
        _set("agenda.7.cards.0.parent", 2),
        "agenda[7].cards",
    ),
    "a decision about a vote that is not there": (_set("decisions.0.poll", 5), "decisions[0].poll"),
    "an attendee number used twice": (_set("attendees.4.id", 1), "attendees[4].id"),
}


def _refused(target: Store, raw: bytes, tmp_path: Path) -> str:
    """Load ``raw`` as the app does into an empty database: the message, and nothing stored."""
    path = tmp_path / "vergadering.baz.json"
    path.write_bytes(raw)
    with pytest.raises(MeetingFileError) as refused:
        load_meeting_file(target, path)
    assert set(table_counts(target).values()) == {0}, "something was stored"
    return refused.value.message


@pytest.fixture(scope="module")
def fresh() -> Iterator[Store]:
    """One empty database for the module: every refused file must leave it empty."""
    target = Store.in_memory(clock=Clock())
    yield target
    target.close()


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_a_schema_violation_is_refused_naming_where(
    case: str, good: dict[str, Any], fresh: Store, tmp_path: Path
) -> None:
    change, expected, general_too = SCHEMA_CASES[case]
    bad = copy.deepcopy(good)
    change(bad)
    message = _refused(fresh, encode(bad), tmp_path)
    assert expected in message
    assert "\n" not in message and "Traceback" not in message
    if general_too:
        assert not jsonschema.Draft202012Validator(schema()).is_valid(bad)


@pytest.mark.parametrize("case", REFERENCE_CASES)
def test_a_dangling_reference_is_refused_naming_where(
    case: str, good: dict[str, Any], fresh: Store, tmp_path: Path
) -> None:
    change, expected = REFERENCE_CASES[case]
    bad = copy.deepcopy(good)
    change(bad)
    message = _refused(fresh, encode(bad), tmp_path)
    assert expected in message


def test_the_reference_message_names_the_missing_number(good: dict[str, Any]) -> None:
    bad = copy.deepcopy(good)
    bad["agenda"][2]["speakers"] = [{"attendee": 17}]
    bad["attendees"] = bad["attendees"][:5]
    with pytest.raises(MeetingFileError) as refused:
        parse_meeting_file(encode(bad))
    assert "agenda[2].speakers[0].attendee:" in refused.value.message
    assert " 17 " in refused.value.message


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": "baz-meeting", "version": 1, "meeting": {"title": ',
        b'{"format": "baz-meeting", "version": 1,}',
        b"",
        b"\xff\xfe\x00garbage",
        b'{"format": "baz-meeting", "version": NaN}',
    ],
    ids=["cut off", "trailing comma", "empty", "not UTF-8", "NaN"],
)
def test_broken_json_is_refused(raw: bytes, fresh: Store, tmp_path: Path) -> None:
    message = _refused(fresh, raw, tmp_path)
    assert message and "Traceback" not in message


def test_broken_json_names_the_line(fresh: Store, tmp_path: Path) -> None:
    message = _refused(fresh, b'{\n  "format": "baz-meeting",\n  "version" 1\n}', tmp_path)
    assert "3" in message and "13" in message  # line 3, column 13


@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_a_wrong_version_is_refused(
    version: Any, good: dict[str, Any], fresh: Store, tmp_path: Path
) -> None:
    bad = dict(good, version=version)
    message = _refused(fresh, encode(bad), tmp_path)
    assert str(version) in message


@pytest.mark.parametrize("data", [[], {"version": 1}, {"format": "docx", "version": 1}])
def test_something_else_is_not_a_meeting_file(data: Any, fresh: Store, tmp_path: Path) -> None:
    assert _refused(fresh, json.dumps(data).encode(), tmp_path)


def test_a_failure_while_writing_leaves_nothing(
    good: dict[str, Any], fresh: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checks cannot foresee everything: a failure late in the load rolls it all back."""
    from sqlalchemy.exc import IntegrityError

    from models.store import meeting_files as store_files

    def fail(self: object, actions: object) -> None:
        raise IntegrityError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(store_files._Load, "_actions", fail)
    with pytest.raises(BazError):
        fresh.load_meeting(parse_meeting_file(encode(good)))
    assert set(table_counts(fresh).values()) == {0}


# ----------------------------------------------------------------------- loading rules


def test_a_duplicate_is_refused_unless_loaded_as_a_copy(store: Store, good: dict[str, Any]) -> None:
    data = parse_meeting_file(encode(good))
    demo = store.get_meeting(store.load_meeting(data).meeting_id)
    before = table_counts(store)
    with pytest.raises(DuplicateMeetingError) as refused:
        store.load_meeting(data)
    assert refused.value.existing_id == demo.id
    assert table_counts(store) == before
    copy_ = store.load_meeting(data, as_copy=True)
    assert copy_.meeting_id != demo.id
    assert [m.id for m in store.list_meetings()] == [copy_.meeting_id, demo.id]
    # Same process (joined, identical frames: nothing to say but that).
    assert len(store.list_processes()) == 1 and len(copy_.notes) == 1
    assert store.get_meeting(copy_.meeting_id).process == demo.process


def test_a_turn_an_older_baz_left_open_ends_with_its_item(
    store: Store, good: dict[str, Any]
) -> None:
    """S10: a file written before turns ended with their item loads with that turn ended
    where its item stopped, its time and overtime recorded as Space records them."""
    item = good["agenda"][7]  # the analysis: stopped at 20:56 local
    last = item["speakers"][-1]  # Sanne de Wit, 60 s from 20:30:51 local
    last.update(ended_at=None, spoken_seconds=None, overtime_seconds=None)
    loaded = store.load_meeting(parse_meeting_file(encode(good)))
    items = store.list_agenda(loaded.meeting_id)
    state = store.speaker_state(items[7].id)
    assert state.current is None
    turn = state.done[0]
    assert turn.ended_at == items[7].ended_at
    spoken = int((items[7].ended_at - turn.started_at).total_seconds())
    assert turn.spoken_seconds == spoken and turn.overtime_seconds == spoken - 180
    whole = store.meeting_speaking(loaded.meeting_id).stats()
    assert (
        whole.total_seconds
        == sum(t[2] for _start, turns in SPEAKER_HISTORY.values() for t in turns) - 60 + spoken
    )


def test_a_process_of_the_same_title_is_joined_and_its_frames_follow_the_newest_meeting(
    good: dict[str, Any], clock: Clock
) -> None:
    data = parse_meeting_file(encode(good))
    target = Store.in_memory(clock=clock)
    old = target.create_process(
        data["process"]["title"], participation_level=ParticipationLevel.INFORMEREN
    )
    target.create_meeting("Eerdere avond", date(2026, 10, 6), clock_time(19, 30), process_id=old.id)
    loaded = target.load_meeting(data)
    assert len(loaded.notes) == 2  # joined; frames updated
    assert target.get_process(old.id).participation_level == ParticipationLevel.MEEBESLISSEN
    # A later meeting of the process is here: its frames stay.
    target.update_process(old.id, participation_level=ParticipationLevel.ADVISEREN)
    target.create_meeting("Latere avond", date(2027, 1, 12), clock_time(19, 30), process_id=old.id)
    again = target.load_meeting(data, as_copy=True)
    assert len(again.notes) == 2
    assert target.get_process(old.id).participation_level == ParticipationLevel.ADVISEREN
    assert len(target.list_processes()) == 1
    target.close()


def test_actions_of_other_meetings_stay_out_and_later_closing_shows_open(
    store: Store, meeting: Any, clock: Clock
) -> None:
    earlier = store.add_action(meeting.id, "Bankjes tellen")
    later = store.copy_meeting(meeting.id, "Vervolgavond", date(2027, 1, 12), clock_time(19, 30))
    store.set_action_status(earlier.id, ActionStatus.GEDAAN, later.id)
    store.add_action(later.id, "Verlichting nakijken")
    first = store.dump_meeting(meeting.id)
    assert [(a["what"], a["status"], a["status_changed_at"]) for a in first["actions"]] == [
        ("Bankjes tellen", "open", None)
    ]
    assert [a["what"] for a in store.dump_meeting(later.id)["actions"]] == ["Verlichting nakijken"]


def test_moments_keep_their_microseconds_and_zone(store: Store, meeting: Any) -> None:
    from models.files.meeting_file import moment_text, parse_moment

    moment = datetime(2026, 12, 1, 18, 25, 7, 123456).astimezone()
    assert parse_moment(moment_text(moment)) == moment
    assert moment_text(moment).endswith("Z")
    assert moment_text(moment.replace(microsecond=0)).count(".") == 0
    assert parse_moment(moment_text(moment)) - moment == timedelta(0)


def test_a_file_of_an_older_baz_gets_action_numbers_and_keeps_its_result_sentences(
    store: Store, good: dict[str, Any]
) -> None:
    """Before action numbers and vote facts: the action points get the next numbers of the
    process where the file is loaded (in file order), a declared vote shows its sentence."""
    for action in good["actions"]:
        del action["year"], action["number"]
    polls = [p for item in good["agenda"] for p in item["polls"]]
    for poll in polls:
        del poll["result_facts"]
        poll["result_text"] = "Zoals die avond gezegd."
    for name in ("contact", "template"):
        del good["process"][name]
    first = store.create_meeting("Eerder", date(2026, 1, 6), clock_time(19, 30),
                                 new_process_title=good["process"]["title"])  # fmt: skip
    assert store.add_action(first.id, "Al genummerd").label == "A-2026-01"
    loaded = store.load_meeting(parse_meeting_file(encode(good)))
    actions = [a for a in store.action_list(loaded.meeting_id) if not a.carried_over]
    assert [a.label for a in actions] == ["A-2026-02", "A-2026-03", "A-2026-04", "A-2026-05"]
    assert [a.what for a in actions] == [a["what"] for a in good["actions"]]
    meeting = store.get_meeting(loaded.meeting_id)
    assert meeting.process is not None and meeting.process.contact == ""
    for poll in store.meeting_polls(loaded.meeting_id):
        assert poll.result_text == "Zoals die avond gezegd." and not poll.facts_kept


def test_an_action_number_used_twice_is_refused(fresh: Store, good: dict[str, Any]) -> None:
    good["actions"][1]["number"] = good["actions"][0]["number"]
    with pytest.raises(MeetingFileError, match="actions\\[1\\]"):
        fresh.load_meeting(parse_meeting_file(encode(good)))
